/**
 * What the built-in provider stores as `job.ref`: whether the page came from a live tab (captured at
 * submit) or is fetched by the worker (on the first status step). It takes no job options.
 * @module
 */
import { z } from 'zod';

export const BrowserRef = z.object({ kind: z.enum(['tab', 'fetch']) });
export type BrowserRef = z.infer<typeof BrowserRef>;

export const BrowserOptions = z.looseObject({});
