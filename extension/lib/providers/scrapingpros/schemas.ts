/**
 * ScrapingPros async-collection wire shapes, one schema per boundary
 * (../../../../shared/reference/provider-apis.md §4, seed scrapingpros-async-endpoints.txt).
 * Objects are loose; fields only the newer docs show are optional, since the seed API lacks them.
 * @module
 */
import { z } from 'zod';

/** POST /v1/async/collections → 201 and PUT …/{id} → 200: `{id, name, message}` (seed). */
export const CollectionSaved = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  message: z.string().optional(),
});

/** A request as stored in a collection: the /v1/sync/scrape body (seed: url, browser, use_proxy, …). */
export const CollectionRequest = z.looseObject({ url: z.string() });
export type CollectionRequest = z.infer<typeof CollectionRequest>;

/** GET …/{id}: the seed shows `{id, name}`; newer versions may add `requests`, which a rename must keep. */
export const Collection = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  requests: z.array(CollectionRequest).nullish(),
});
export type Collection = z.infer<typeof Collection>;

export const CollectionSummary = z.looseObject({ id: z.string(), name: z.string().optional().default('') });
export type CollectionSummary = z.infer<typeof CollectionSummary>;

/** GET /v1/async/collections: a bare array in the seed; accept a paged `{items}` too. */
export const CollectionList = z.union([
  z.array(CollectionSummary),
  z.looseObject({ items: z.array(CollectionSummary) }).transform((b) => b.items),
]);

export const FailedJob = z.looseObject({
  job_id: z.string().nullish(),
  url: z.string(),
  status: z.string().nullish(),
  error: z.string().nullish(),
});

/**
 * POST …/{id}/run (201) and GET …/{id}/runs/{run_id}: counters, status in_progress | completed, and once
 * completed `failed_jobs` (failed or timed out). `job_ids` / `callback_status` only in the newer docs.
 */
export const Run = z.looseObject({
  run_id: z.string().min(1),
  status: z.string(),
  total_requests: z.number().int().nonnegative().default(0),
  success_requests: z.number().int().nonnegative().default(0),
  failed_requests: z.number().int().nonnegative().default(0),
  timeout_requests: z.number().int().nonnegative().default(0),
  collection_id: z.string().optional(),
  failed_jobs: z.array(FailedJob).nullish(),
  job_ids: z.array(z.string()).nullish(),
});
export type Run = z.infer<typeof Run>;

/** One job of GET …/runs/{run_id}/jobs (newer docs; item fields beyond an id are not documented). */
const RunJob = z
  .looseObject({
    job_id: z.string().optional(),
    id: z.string().optional(),
    url: z.string().nullish(),
    custom_id: z.string().nullish(),
    status: z.string().nullish(),
    error: z.string().nullish(),
  })
  .transform((j) => ({ ...j, jobId: j.job_id ?? j.id ?? '' }));
export type RunJob = z.infer<typeof RunJob>;

/** The list may be a bare array or `{items}` like the runs list (`{items, total}`, newer docs). */
export const RunJobs = z.union([
  z.array(RunJob),
  z.looseObject({ items: z.array(RunJob) }).transform((b) => b.items),
  z.looseObject({ jobs: z.array(RunJob) }).transform((b) => b.jobs),
]);

/** GET …/runs/{run_id}/jobs/{job_id}/result → `{html, statusCode, timings, potentiallyBlockedByCaptcha}` (newer docs). */
export const JobResult = z.looseObject({
  html: z.string().nullish(),
  markdown: z.string().nullish(),
  statusCode: z.number().int().nullish(),
  status_code: z.number().int().nullish(),
  timings: z.record(z.string(), z.number()).nullish(),
  potentiallyBlockedByCaptcha: z.boolean().nullish(),
});
export type JobResult = z.infer<typeof JobResult>;

/**
 * POST /v1/sync/scrape: the response fields are not in the docs corpus (reference §4); the SDK exposes
 * `html`, `markdown`, `extracted_data`. Same tolerant shape as a job result.
 */
export const SyncScrapeResponse = JobResult;

/** The signed `run.completed` callback (newer docs only; signature header and secret unknown). */
export const RunCompletedWebhook = z.looseObject({
  event: z.string().optional(),
  run_id: z.string().min(1),
  collection_id: z.string().optional(),
  status: z.string().optional(),
  total_requests: z.number().int().nonnegative().optional(),
  success_requests: z.number().int().nonnegative().optional(),
  failed_requests: z.number().int().nonnegative().optional(),
  timeout_requests: z.number().int().nonnegative().optional(),
  job_ids: z.array(z.string()).nullish(),
  results_url: z.string().nullish(),
});
