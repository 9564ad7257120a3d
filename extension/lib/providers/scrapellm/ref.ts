/**
 * What the ScrapeLLM adapter stores as `job.ref`, and the job options it reads.
 * @module
 */
import { z } from 'zod';
import { ScrapeLlmScraper } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';

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

export function readRef(ref: unknown): ScrapeLlmRef {
  const parsed = ScrapeLlmRef.safeParse(ref);
  if (!parsed.success) throw new ProviderError('fatal', 'Stored ScrapeLLM job reference is unreadable');
  return parsed.data;
}

export function readOptions(options: unknown): ScrapeLlmOptions {
  const parsed = ScrapeLlmOptions.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderError('fatal', `Invalid ScrapeLLM option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
