/**
 * What the built-in provider stores as `job.ref`: whether the page came from a live tab (captured at
 * submit) or is fetched by the worker (on the status steps; a batch a few URLs per step). It takes no job options.
 * @module
 */
import { z } from 'zod';

export const BrowserRef = z.object({
  kind: z.enum(['tab', 'fetch']),
  /** A batch's cursor: URLs before this index are fetched and their records stored. */
  next: z.number().int().nonnegative().optional(),
});
export type BrowserRef = z.infer<typeof BrowserRef>;

export const BrowserOptions = z.looseObject({});
