/**
 * Zod schemas for every ScraperAPI Async boundary (provider-apis.md §2), plus the stored ref and the
 * job options this adapter reads.
 */
import { z } from 'zod';

/**
 * A job as `POST /jobs`, each item of `POST /batchjobs`, `GET {statusUrl}` and the webhook return it:
 * `{id, status, statusUrl, url}`, plus `response: {headers, body, statusCode}` (or `base64EncodedBody`
 * for binary targets) when finished and `failReason` when failed (§2 Status & results).
 */
export const JobAnswer = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  statusUrl: z.string().optional(),
  url: z.string(),
  attempts: z.number().optional(),
  failReason: z.string().nullish(),
  response: z
    .looseObject({
      // Header values are strings in every example; anything else is stringified, not rejected.
      headers: z.record(z.string(), z.unknown()).nullish(),
      body: z.string().nullish(),
      statusCode: z.number().int().nullish(),
      base64EncodedBody: z.string().nullish(),
    })
    .nullish(),
  meta: z.unknown().optional(),
});
export type JobAnswer = z.infer<typeof JobAnswer>;

export const BatchAnswer = z.array(JobAnswer);
