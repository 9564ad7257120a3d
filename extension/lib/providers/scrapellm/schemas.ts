/**
 * ScrapeLLM async-job wire shapes, one schema per boundary (../../../../shared/reference/provider-apis.md §5,
 * seed scrapellm-async-mode.txt). Objects are loose: only the fields we read are declared.
 * @module
 */
import { z } from 'zod';
import { numberFields, textFields } from '../kit/fields';

/**
 * POST /scrapers/{scraper}/jobs answers 202 "with a job_id", but the exact body is not documented
 * (reference §5 "Biggest unknowns"). Accept `{job_id}`, `{id}` or `{job: {id | job_id}}`.
 */
export const SubmitResponse = z
  .looseObject({
    job_id: z.string().min(1).optional(),
    id: z.string().min(1).optional(),
    job: z.looseObject({ id: z.string().min(1).optional(), job_id: z.string().min(1).optional() }).optional(),
  })
  .transform((b) => b.job_id ?? b.id ?? b.job?.id ?? b.job?.job_id)
  .refine((id): id is string => typeof id === 'string', { message: 'no job id (job_id, id or job.id)' });

/** `links` items: their shape is not documented; accept plain URLs or objects with url/link/href. */
const Link = z.union([
  z.string(),
  z.looseObject(textFields('url', 'link', 'href', 'title', 'text', 'name')),
]);
export type Link = z.infer<typeof Link>;

/** `result` of a done job: the same schema as the sync response (get-job-status reference). */
export const ScrapeResult = z.looseObject({
  ...textFields('result', 'result_markdown'),
  ...numberFields('elapsed_ms'),
  links: z.array(Link).nullish().catch(undefined),
  // A number in the docs' examples; a numeric string is read too.
  credits_used: z.union([z.number(), z.string()]).nullish().catch(undefined),
});
export type ScrapeResult = z.infer<typeof ScrapeResult>;

/** GET /jobs/{job_id}: status pending | done | failed; `result` only when done, `error` only when failed. */
export const JobStatusResponse = z.looseObject({ status: z.string(), result: ScrapeResult.nullish(), ...textFields('error') });
export type JobStatusResponse = z.infer<typeof JobStatusResponse>;
