import { Dexie, type EntityTable } from 'dexie';
import { ACTIVE_STATUSES, JobStatus } from '@@/shared/schemas/job';
import type { Job } from './schema';

/** Jobs per status, kept by every job write in the same transaction, so the popup never counts the table. */
export interface JobCount {
  status: JobStatus;
  n: number;
}

export type JobCounts = Record<JobStatus, number>;
export type CountDelta = Partial<Record<JobStatus, number>>;

/** Issue 10's Dexie version (see TEAM.md): the per-status counters. */
export const COUNT_STORES = { jobCounts: 'status' } as const;

export const zeroCounts = (): JobCounts => Object.fromEntries(JobStatus.options.map((s) => [s, 0])) as JobCounts;

/** Adds `by` jobs of `status` to a delta (negative to remove). */
export function tally(delta: CountDelta, status: JobStatus, by = 1): CountDelta {
  delta[status] = (delta[status] ?? 0) + by;
  return delta;
}

/** The delta of one job write: `before` is the stored status (none when added), `after` the new one (none when deleted). */
export function changeDelta(delta: CountDelta, before: JobStatus | undefined, after: JobStatus | undefined): CountDelta {
  if (before === after) return delta;
  if (before) tally(delta, before, -1);
  if (after) tally(delta, after, 1);
  return delta;
}

/**
 * Adds a delta to the stored counters. Call it inside the transaction that writes the jobs (it must
 * include `jobCounts`), so a write that is aborted, or a worker stopped before commit, changes neither.
 */
export async function applyCountDelta(table: EntityTable<JobCount, 'status'>, delta: CountDelta): Promise<void> {
  const statuses = (Object.keys(delta) as JobStatus[]).filter((s) => delta[s]);
  if (statuses.length === 0) return;
  const current = await table.bulkGet(statuses);
  await table.bulkPut(statuses.map((status, i) => ({ status, n: (current[i]?.n ?? 0) + (delta[status] ?? 0) })));
}

export async function readCounts(table: EntityTable<JobCount, 'status'>): Promise<JobCounts> {
  const counts = zeroCounts();
  for (const row of await table.toArray()) {
    const status = JobStatus.safeParse(row.status);
    if (status.success && Number.isFinite(row.n)) counts[status.data] = row.n;
  }
  return counts;
}

export const totalOf = (counts: JobCounts, statuses: readonly JobStatus[] = JobStatus.options): number =>
  statuses.reduce((sum, s) => sum + counts[s], 0);

export const activeOf = (counts: JobCounts): number => totalOf(counts, ACTIVE_STATUSES);

/**
 * Counts jobs per status from the status index (7 index counts, no row reads). Used once, when the
 * counters table is created over an existing database, and by tests as the truth to compare against.
 */
export async function recountJobs(jobs: EntityTable<Job, 'id'>): Promise<JobCounts> {
  const counts = zeroCounts();
  for (const status of JobStatus.options) {
    counts[status] = await jobs.where('[status+createdAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).count();
  }
  return counts;
}
