import { z } from 'zod';
import { ProviderId } from '@@/shared/schemas/job';

/** The "Check every" choices. */
export const IntervalId = z.enum(['15m', 'hourly', 'daily', 'weekly']);
export type IntervalId = z.infer<typeof IntervalId>;

export const INTERVAL_LABELS: Record<IntervalId, string> = {
  '15m': '15 minutes',
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
};

export const MonitorState = z.enum(['active', 'paused']);
export type MonitorState = z.infer<typeof MonitorState>;

/** A page re-scraped on a schedule. Stored in Dexie (`monitors`), parsed on restore. */
export const Monitor = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  provider: ProviderId,
  interval: IntervalId,
  notify: z.boolean(),
  state: MonitorState,
  createdAt: z.number(),
  /** The unjittered grid time of the next check; the jittered one is `nextCheckAt`. */
  slotAt: z.number(),
  nextCheckAt: z.number(),
  /** The check job in flight, if any: while set, no second check starts. */
  checkJobId: z.string().optional(),
  lastCheckAt: z.number().optional(),
  lastChangeAt: z.number().optional(),
  lastError: z.string().optional(),
  title: z.string().optional(),
  checks: z.number().int().nonnegative().default(0),
  changes: z.number().int().nonnegative().default(0),
});
export type Monitor = z.infer<typeof Monitor>;

/** One table row from a recipe or a provider's structured data: column → cell text. */
export const Row = z.record(z.string(), z.string());
export type Row = z.infer<typeof Row>;

/** What one check saw. `id` is the check job's id, so recording a check twice writes one snapshot. */
export const Snapshot = z.object({
  id: z.string().min(1),
  monitorId: z.string().min(1),
  jobId: z.string().min(1),
  at: z.number(),
  title: z.string().optional(),
  /** The page's main text (lines), as shown in the diff. */
  text: z.string(),
  /** Hash of the normalised text (and rows): equal fingerprints mean "no change". */
  fingerprint: z.string(),
  rows: z.array(Row).optional(),
  changed: z.boolean(),
  error: z.string().optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;
