/**
 * zod schemas for rows read back from a backup file: a restore writes nothing it cannot parse.
 * @module
 */
import { z } from 'zod';
import { JobInput, JobStatus, Progress, ProviderId, ScrapeRecord } from '@@/shared/schemas/job';
import type { Job, StoredResult } from '../db/schema';
import { Recipe } from '../extract/recipe-schema';
import { Monitor, Snapshot } from '../monitors/types';

export const StoredJob = z.object({
  id: z.string().min(1),
  provider: ProviderId,
  input: JobInput,
  label: z.string(),
  search: z.string(),
  options: z.record(z.string(), z.unknown()),
  status: JobStatus,
  active: z.union([z.literal(0), z.literal(1)]),
  ref: z.unknown().optional(),
  providerJobIds: z.array(z.string()),
  progress: Progress.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  submittedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  nextPollAt: z.number(),
  polls: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  expiresAt: z.number().optional(),
  error: z.string().optional(),
  paused: z.literal('auth').optional(),
  cost: z.string().optional(),
  recordCount: z.number().int().optional(),
  rev: z.number().int().optional(),
  groupId: z.string().optional(),
  monitorId: z.string().optional(),
  retriedFrom: z.string().optional(),
  retriedOn: z.array(z.object({ jobId: z.string(), provider: ProviderId, at: z.number() })).optional(),
  webhookToken: z.string().optional(),
}) satisfies z.ZodType<Job>;

/** Job fields a backup would drop. Must stay `never`: a field added to Job needs its schema above. */
type UnsavedJobFields = Exclude<keyof Job, keyof z.infer<typeof StoredJob>>;
export const EVERY_JOB_FIELD_BACKED_UP: [UnsavedJobFields] extends [never] ? true : UnsavedJobFields = true;

export const StoredResultRow = z.object({
  jobId: z.string().min(1),
  records: z.array(ScrapeRecord),
  receivedAt: z.number(),
}) satisfies z.ZodType<StoredResult>;

/** The schema of each backed-up table's rows. */
export const ROW_SCHEMAS: Record<string, z.ZodType<object>> = {
  recipes: Recipe,
  jobs: StoredJob,
  results: StoredResultRow,
  monitors: Monitor,
  snapshots: Snapshot,
};

export const BACKUP_FORMAT = 'scrape-queue-backup';
export const BACKUP_VERSION = 1;

export const BackupLine = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('header'),
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: z.number(),
    counts: z.record(z.string(), z.number()),
  }),
  z.object({ type: z.literal('row'), table: z.string().min(1), row: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('storage'), key: z.string().min(1), value: z.unknown() }),
]);
export type BackupLine = z.infer<typeof BackupLine>;
