/**
 * Scrape.do Async API wire shapes, one schema per boundary (../../../../shared/reference/provider-apis.md §3).
 * Objects are loose: the API adds fields over time (the Nov 2026 changelog added WebhookURL, TraceID, …).
 * @module
 */
import { z } from 'zod';

/** POST /api/v1/jobs → one task per target (seed). A client library also models an optional `Message`. */
export const CreateJobResponse = z.looseObject({
  JobID: z.string().min(1),
  TaskIDs: z.array(z.string()),
  Message: z.string().optional(),
});

/** One entry of `Tasks` in the job details (3P OpenAPI mirror). */
export const JobTask = z.looseObject({
  TaskID: z.string(),
  URL: z.string().optional(),
  Status: z.string().optional(),
});

/** GET /api/v1/jobs/{JobID} and the DELETE answer. Only JobID is certain; the rest comes from a 3P mirror. */
export const JobDetails = z.looseObject({
  JobID: z.string(),
  TaskIDs: z.array(z.string()).optional(),
  Status: z.string().optional(),
  StartTime: z.string().nullish(),
  EndTime: z.string().nullish(),
  Canceled: z.boolean().optional(),
  Tasks: z.array(JobTask).nullish(),
});
export type JobDetails = z.infer<typeof JobDetails>;

/** Headers may come as single strings or lists; tolerate both. */
const HeaderValue = z.union([z.string(), z.array(z.string()), z.number()]);

/**
 * GET /api/v1/jobs/{JobID}/{TaskID}, and the body of a per-task webhook (3P: WebhookPayload = TaskDetails).
 * The content field name is not visible in the docs (reference §3 "Results"): Base64EncodedContent per the
 * mirror, `Content` per a client library. Accept either. The error-text field name is unknown too.
 */
export const TaskDetails = z.looseObject({
  TaskID: z.string(),
  JobID: z.string(),
  URL: z.string().optional(),
  Status: z.string().optional(),
  StartTime: z.string().nullish(),
  EndTime: z.string().nullish(),
  ExpiresAt: z.string().nullish(),
  StatusCode: z.number().int().nullish(),
  ResponseHeaders: z.record(z.string(), HeaderValue).nullish(),
  Base64EncodedContent: z.string().nullish(),
  Content: z.string().nullish(),
  Error: z.string().nullish(),
  ErrorMessage: z.string().nullish(),
  Message: z.string().nullish(),
});
export type TaskDetails = z.infer<typeof TaskDetails>;

/** GET /api/v1/me. The API spells it `AvaliableCredits` (sic, seed + mirror); accept the correct spelling too. */
export const Account = z.looseObject({
  ActiveJobs: z.number().optional(),
  AvaliableCredits: z.number().optional(),
  AvailableCredits: z.number().optional(),
  FreeConcurrency: z.number().optional(),
  TotalConcurrency: z.number().optional(),
});
export type Account = z.infer<typeof Account>;
