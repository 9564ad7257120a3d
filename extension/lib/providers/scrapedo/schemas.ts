/**
 * Scrape.do Async API wire shapes, one schema per boundary (../../../../shared/reference/provider-apis.md §3).
 * Objects are loose: the API adds fields over time (the Nov 2026 changelog added WebhookURL, TraceID, …).
 * @module
 */
import { z } from 'zod';
import { numberFields, textFields } from '../kit/fields';

/** POST /api/v1/jobs → one task per target (seed). A client library also models an optional `Message`. */
export const CreateJobResponse = z.looseObject({
  JobID: z.string().min(1),
  TaskIDs: z.array(z.string()),
  Message: z.string().optional(),
});

/** One entry of `Tasks` in the job details (3P OpenAPI mirror). */
export const JobTask = z.looseObject({ TaskID: z.string(), ...textFields('URL', 'Status') });

/** GET /api/v1/jobs/{JobID} and the DELETE answer. Only JobID is certain; the rest comes from a 3P mirror. */
export const JobDetails = z.looseObject({
  JobID: z.string(),
  TaskIDs: z.array(z.string()).optional(),
  ...textFields('Status'),
  Canceled: z.boolean().optional(),
  Tasks: z.array(JobTask).nullish(),
});
export type JobDetails = z.infer<typeof JobDetails>;

/** Headers may come as single strings or lists; tolerate both. */
const HeaderValue = z.union([z.string(), z.array(z.string()), z.number()]);

/**
 * GET /api/v1/jobs/{JobID}/{TaskID}, and the body of a per-task webhook (3P: WebhookPayload = TaskDetails).
 * The content field is not visible in the docs (reference §3 "Results"): Base64EncodedContent per the
 * mirror, `Content` per a client library, and Base64EncodedContent seen as a boolean flag next to Content
 * (content base64 when true). Accept every shape (tasks.ts reads them). The error-text field name is unknown too.
 */
export const TaskDetails = z.looseObject({
  TaskID: z.string(),
  JobID: z.string(),
  ...textFields('URL', 'Status', 'ExpiresAt', 'Content', 'Error', 'ErrorMessage', 'Message'),
  ...numberFields('StatusCode'),
  ResponseHeaders: z.record(z.string(), HeaderValue).nullish().catch(undefined),
  Base64EncodedContent: z.union([z.string(), z.boolean(), z.number()]).nullish().catch(undefined),
  /** Scrape.do's own facts about the request; its fields are not listed anywhere (cost.ts looks for the cost). */
  'Scrape.do': z.record(z.string(), z.unknown()).nullish().catch(undefined),
});
export type TaskDetails = z.infer<typeof TaskDetails>;

/** GET /api/v1/me. The API spells it `AvaliableCredits` (sic, seed + mirror); accept the correct spelling too. */
export const Account = z.looseObject(numberFields('ActiveJobs', 'AvaliableCredits', 'AvailableCredits', 'FreeConcurrency', 'TotalConcurrency'));
export type Account = z.infer<typeof Account>;
