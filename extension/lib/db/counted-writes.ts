import { applyCountDelta, changeDelta, tally, type CountDelta } from './job-counts';
import type { Job, ScrapeQueueDB } from './schema';

/*
 * The job writes that keep the per-status counters, for code that writes jobs inside its own transaction
 * (a monitor's check, retention). Each opens a transaction over the tables it writes; called inside an
 * outer one, that outer transaction must include them too (Dexie then runs these as part of it), so the
 * counters commit or roll back with the jobs.
 */

export async function addJobsCounted(db: ScrapeQueueDB, jobs: readonly Job[]): Promise<void> {
  await db.transaction('rw', db.jobs, db.jobCounts, async () => {
    await db.jobs.bulkAdd([...jobs]);
    const delta: CountDelta = {};
    for (const job of jobs) tally(delta, job.status);
    await applyCountDelta(db.jobCounts, delta);
  });
}

export async function updateJobCounted(db: ScrapeQueueDB, id: string, patch: Partial<Job>): Promise<boolean> {
  return db.transaction('rw', db.jobs, db.jobCounts, async () => {
    const before = patch.status === undefined ? undefined : (await db.jobs.get(id))?.status;
    const updated = (await db.jobs.update(id, patch)) > 0;
    if (updated && before) await applyCountDelta(db.jobCounts, changeDelta({}, before, patch.status));
    return updated;
  });
}

/** Deletes jobs with their results and extracted tables. */
export async function deleteJobsCounted(db: ScrapeQueueDB, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.jobs, db.results, db.extracted, db.jobCounts], async () => {
    const delta: CountDelta = {};
    for (const job of await db.jobs.bulkGet([...ids])) if (job) tally(delta, job.status, -1);
    await db.jobs.bulkDelete([...ids]);
    await db.results.bulkDelete([...ids]);
    await db.extracted.where('jobId').anyOf([...ids]).delete();
    await applyCountDelta(db.jobCounts, delta);
  });
}

/**
 * Counts jobs that a table-generic write (a backup restore's bulkAdd) has just added; call it in the
 * transaction of that write, which must include `jobCounts`.
 */
export async function countAddedJobs(db: ScrapeQueueDB, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', db.jobs, db.jobCounts, async () => {
    const delta: CountDelta = {};
    for (const job of await db.jobs.bulkGet([...ids])) if (job) tally(delta, job.status);
    await applyCountDelta(db.jobCounts, delta);
  });
}
