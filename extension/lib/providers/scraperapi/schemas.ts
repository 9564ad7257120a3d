/**
 * Zod schemas for every ScraperAPI Async boundary (provider-apis.md §2), plus the stored ref and the
 * job options this adapter reads.
 */
import { z } from 'zod';
import { ScrapeRecord } from '@@/shared/schemas/job';

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

export const OutputFormat = z.enum(['html', 'text', 'markdown']);
export type OutputFormat = z.infer<typeof OutputFormat>;

/** `job.options` keys this adapter understands; other keys belong to other features and pass through. */
export const ScraperApiOptions = z.looseObject({
  /** Credits one request may cost at most (`apiParams.max_cost`); overrides config.extra.maxCost. */
  maxCost: z.number().positive().optional(),
  render: z.boolean().optional(),
  countryCode: z.string().min(2).optional(),
  premium: z.boolean().optional(),
  ultraPremium: z.boolean().optional(),
  /** `output_format` (html when absent, §2 Submit). */
  outputFormat: OutputFormat.optional(),
  /** Any other documented apiParams, passed as-is (e.g. `{ wait_for_selector: '.x' }`). */
  apiParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ScraperApiOptions = z.infer<typeof ScraperApiOptions>;

export const TaskState = z.enum(['running', 'finished', 'failed', 'canceled']);
export type TaskState = z.infer<typeof TaskState>;

/** One URL = one ScraperAPI job. The record is kept once known: we never fetch a finished task twice. */
export const Task = z.object({
  id: z.string(),
  url: z.string(),
  statusUrl: z.string(),
  state: TaskState.default('running'),
  record: ScrapeRecord.optional(),
  cost: z.number().optional(),
  error: z.string().optional(),
});
export type Task = z.infer<typeof Task>;

/** The stored ref: every per-URL job, the output format (to map bodies), and a polling cursor. */
export const ScraperApiRef = z.object({
  tasks: z.array(Task).min(1),
  format: OutputFormat.default('html'),
  /** Index where the next status() starts, so big batches are polled round-robin. */
  cursor: z.number().int().nonnegative().default(0),
});
export type ScraperApiRef = z.infer<typeof ScraperApiRef>;
