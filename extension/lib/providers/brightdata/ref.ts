/**
 * What the Bright Data adapter stores as `job.ref`, and the job options it reads.
 * @module
 */
import { z } from 'zod';

/** What this adapter reads from `job.options`. */
export const BrightDataOptions = z.object({
  /** 'now' asks for the synchronous /scrape endpoint (≤ 20 URLs); anything else queues via /trigger. */
  mode: z.enum(['now', 'queue']).optional(),
});
export type BrightDataOptions = z.infer<typeof BrightDataOptions>;

/**
 * The ref stored by the scheduler. `inline` = sync /scrape answered with the records at once, so
 * there is nothing to poll; `snapshot` = an async job (trigger, or a /scrape auto-converted by 202).
 */
export const BrightDataRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inline'), datasetId: z.string() }),
  z.object({
    kind: z.literal('snapshot'),
    snapshotId: z.string(),
    datasetId: z.string(),
    /** Tag added to the webhook URL so the relay can match a delivery (payload carries no id). */
    webhookTag: z.string().optional(),
    autoConverted: z.boolean().optional(),
  }),
]);
export type BrightDataRef = z.infer<typeof BrightDataRef>;
