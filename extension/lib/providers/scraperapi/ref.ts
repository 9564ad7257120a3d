/**
 * What the ScraperAPI adapter stores as `job.ref` (one task per URL), and the job options it reads.
 * @module
 */
import { z } from 'zod';
import { ScrapeRecord } from '@@/shared/schemas/job';

export const OutputFormat = z.enum(['html', 'text', 'markdown']);
export type OutputFormat = z.infer<typeof OutputFormat>;

/** `job.options` keys this adapter understands; other keys belong to other features and pass through. */
export const ScraperApiOptions = z.looseObject({
  /** Credits one request may cost at most (`apiParams.max_cost`); overrides config.extra.maxCost. */
  maxCost: z
    .number({ error: 'Max cost must be a positive number of credits.' })
    .positive({ error: 'Max cost must be a positive number of credits.' })
    .optional(),
  render: z.boolean().optional(),
  countryCode: z.string().min(2).optional(),
  premium: z.boolean().optional(),
  ultraPremium: z.boolean().optional(),
  /** `output_format` (html when absent, §2 Submit). */
  outputFormat: OutputFormat.optional(),
  /** Any other documented apiParams, passed as-is (e.g. `{ wait_for_selector: '.x' }`). */
  apiParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ScraperApiOptions = z.infer<typeof ScraperApiOptions>;

export const TaskState = z.enum(['running', 'finished', 'failed', 'canceled']);
export type TaskState = z.infer<typeof TaskState>;

/** One URL = one ScraperAPI job. The record is kept once known: we never fetch a finished task twice. */
export const Task = z.object({
  id: z.string(),
  url: z.string(),
  statusUrl: z.string(),
  state: TaskState.default('running'),
  record: ScrapeRecord.optional(),
  cost: z.number().optional(),
  error: z.string().optional(),
});
export type Task = z.infer<typeof Task>;

/** The stored ref: every per-URL job, the output format (to map bodies), and a polling cursor. */
export const ScraperApiRef = z.object({
  tasks: z.array(Task).min(1),
  format: OutputFormat.default('html'),
  /** Index where the next status() starts, so big batches are polled round-robin. */
  cursor: z.number().int().nonnegative().default(0),
});
export type ScraperApiRef = z.infer<typeof ScraperApiRef>;
