import { z } from 'zod';

/** The load generator's one output line (bench/loadgen.ts). */
export const LoadResult = z.object({
  ok: z.number(),
  failed: z.number(),
  seconds: z.number(),
  perSecond: z.number(),
  statuses: z.record(z.string(), z.number()),
  /** With `timings`: per request, when it was written and when its answer was read (epoch ms). */
  sentAt: z.array(z.number()).optional(),
  answeredAt: z.array(z.number()).optional(),
});
export type LoadResult = z.infer<typeof LoadResult>;
