/**
 * What the Scrape.do adapter stores as `job.ref`, and the job options it reads.
 * @module
 */
import { z } from 'zod';

/**
 * `tasks` maps TaskID → what we know of it. Every field but `jobId` is optional on purpose: a per-task
 * webhook only knows its own task, so a ref that came from a webhook may lack `taskIds`; the adapter then
 * re-learns the task list from the job details.
 */
export const ScrapeDoRef = z.object({
  jobId: z.string().min(1),
  taskIds: z.array(z.string()).optional(),
  tasks: z.record(z.string(), z.object({ url: z.string().optional(), status: z.string().optional() })).optional(),
});
export type ScrapeDoRef = z.infer<typeof ScrapeDoRef>;

/** `job.options` keys this adapter understands; other keys belong to other features and are ignored. */
export const ScrapeDoOptions = z.looseObject({
  /** Residential/mobile proxies (`Super`). */
  super: z.boolean().optional(),
  /** Country for geo-targeting (`GeoCode`, e.g. "us"). */
  geoCode: z.string().min(2).optional(),
  /** Headless browser rendering (`Render` object). */
  render: z.boolean().optional(),
  /** `Output`: "raw" (default) or "markdown". */
  output: z.enum(['raw', 'markdown']).optional(),
});
export type ScrapeDoOptions = z.infer<typeof ScrapeDoOptions>;

/** Merges what a status answer or webhook taught us into the stored ref. */
export function mergeRef(prev: ScrapeDoRef, next: Partial<ScrapeDoRef>): ScrapeDoRef {
  return {
    jobId: prev.jobId,
    taskIds: next.taskIds ?? prev.taskIds,
    tasks: { ...prev.tasks, ...next.tasks },
  };
}
