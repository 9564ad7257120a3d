/**
 * What the ScrapingPros adapter stores as `job.ref`, and the job options it reads.
 * @module
 */
import { z } from 'zod';

export const ScrapingProsRef = z.object({
  collectionId: z.string().min(1),
  runId: z.string().min(1),
  /** Set by status() once the run is completed, so result() need not ask again. */
  completed: z.boolean().optional(),
  failedJobs: z.array(z.object({ url: z.string(), error: z.string().optional() })).optional(),
  jobIds: z.array(z.string()).optional(),
});
export type ScrapingProsRef = z.infer<typeof ScrapingProsRef>;

/** `job.options` keys this adapter understands; other keys belong to other features and are ignored. */
export const ScrapingProsOptions = z.looseObject({
  /** Name of the collection created for the job (default "Scrape Queue <ISO date>"). */
  collectionName: z.string().min(1).max(200).optional(),
  /** Re-run this saved collection instead of creating one. */
  collectionId: z.string().min(1).optional(),
  /** Opt-in: fetch each successful URL's HTML with /v1/sync/scrape (extra credits per URL). */
  fetchHtml: z.boolean().optional(),
  /** Per-request `browser` (headless browser; 5 credits instead of 1 per the SDK README). */
  browser: z.boolean().optional(),
  /** Per-request `use_proxy` (e.g. "any", seed example). */
  useProxy: z.string().min(1).optional(),
});
export type ScrapingProsOptions = z.infer<typeof ScrapingProsOptions>;

/** The per-request body fields (the /v1/sync/scrape body format) built from the options. */
export function requestFields(opts: ScrapingProsOptions): Record<string, unknown> {
  return {
    ...(opts.browser !== undefined && { browser: opts.browser }),
    ...(opts.useProxy && { use_proxy: opts.useProxy }),
  };
}
