/**
 * ScrapeLLM async-job wire shapes, one schema per boundary (../../../../shared/reference/provider-apis.md §5,
 * seed scrapellm-async-mode.txt). Objects are loose: only the fields we read are declared.
 * @module
 */
import { z } from 'zod';

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
  z.looseObject({
    url: z.string().optional(),
    link: z.string().optional(),
    href: z.string().optional(),
    title: z.string().nullish(),
    text: z.string().nullish(),
    name: z.string().nullish(),
  }),
]);
export type Link = z.infer<typeof Link>;

/** `result` of a done job: the same schema as the sync response (get-job-status reference). */
export const ScrapeResult = z.looseObject({
  scraper: z.string().optional(),
  status: z.string().optional(),
  result: z.string().nullish(),
  result_markdown: z.string().nullish(),
  links: z.array(Link).nullish(),
  search_queries: z.array(z.unknown()).nullish(),
  credits_used: z.number().nullish(),
  elapsed_ms: z.number().nullish(),
  cached: z.boolean().nullish(),
  markdown_url: z.string().nullish(),
});
export type ScrapeResult = z.infer<typeof ScrapeResult>;

/** GET /jobs/{job_id}: status pending | done | failed; `result` only when done, `error` only when failed. */
export const JobStatusResponse = z.looseObject({
  job_id: z.string().optional(),
  status: z.string(),
  scraper: z.string().optional(),
  result: ScrapeResult.nullish(),
  error: z.string().nullish(),
  created_at: z.string().nullish(),
  completed_at: z.string().nullish(),
});
export type JobStatusResponse = z.infer<typeof JobStatusResponse>;
