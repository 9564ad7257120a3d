/**
 * What the ScrapeLLM adapter stores as `job.ref`, and the job options it reads.
 * @module
 */
import { z } from 'zod';
import { ScrapeLlmScraper } from './labels';

export const ScrapeLlmRef = z.object({ jobId: z.string().min(1), scraper: ScrapeLlmScraper });
export type ScrapeLlmRef = z.infer<typeof ScrapeLlmRef>;

/** `job.options` keys this adapter understands (documented submit query parameters, reference §5 "Submit"). */
export const ScrapeLlmOptions = z.looseObject({
  /** ISO-2 country, default US (JP/TW unsupported by some scrapers). */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code')
    .optional(),
  /** `bypass_cache`, default false. */
  bypassCache: z.boolean().optional(),
  /** `timeout` in seconds, 10–600 (default 300 on the provider). */
  timeoutSec: z.number().int().min(10).max(600).optional(),
});
export type ScrapeLlmOptions = z.infer<typeof ScrapeLlmOptions>;
