import type { JobStatus, ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '../db/schema';
import type { SchedulerDeps } from './deps';

type Terminal = Extract<JobStatus, 'done' | 'failed' | 'canceled' | 'expired'>;

/** Moves a job to a terminal state; results are written before the status so a done job always has them. */
export async function settleJob(
  deps: SchedulerDeps,
  job: Job,
  status: Terminal,
  extra: { records?: ScrapeRecord[]; error?: string; patch?: Partial<Job>; mergeRecords?: boolean } = {},
): Promise<void> {
  const now = deps.now();
  const patch: Partial<Job> = {
    ...extra.patch,
    status,
    active: 0,
    finishedAt: now,
    updatedAt: now,
    nextPollAt: 0,
    paused: undefined,
    error: extra.error,
  };
  if (extra.records) {
    patch.recordCount = extra.records.length;
    const total = job.progress?.total ?? extra.records.length;
    patch.progress = { done: total, total };
  }
  // A job canceled, retried or deleted while this step ran keeps the user's decision.
  if (!(await deps.repo.advance(job, patch, extra.records, now, { mergeRecords: extra.mergeRecords }))) return;
  try {
    await deps.onJobSettled({ ...job, ...patch });
  } catch (e) {
    // A notification or badge failure must never change the job's recorded outcome.
    deps.logger.warn(`After-settle hook failed for ${job.id}`, e);
  }
}
