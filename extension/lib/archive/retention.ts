/**
 * "Keep results": what a retention setting removes. The same plan is the Options preview and what
 * applying removes, so the preview never lies. Active jobs are never removed.
 * @module
 */
import { Dexie } from 'dexie';
import { JobStatus } from '@@/shared/schemas/job';
import type { ScrapeQueueDB } from '../db/schema';
import type { ArchivePrefs } from './prefs';
import { approxBytes } from './size';

const DAY = 86_400_000;
const TERMINAL = JobStatus.options.filter((s) => s !== 'queued' && s !== 'submitted' && s !== 'running');
/** Examples listed in the preview. */
const SAMPLE = 10;

export interface RetentionPlan {
  jobIds: string[];
  snapshotIds: string[];
  /** Approximate bytes freed (results and snapshots). */
  bytes: number;
  /** A few of the jobs and snapshots, for the preview. */
  sampleJobs: { id: string; label: string; finishedAt: number }[];
  sampleSnapshots: { id: string; monitorId: string; at: number }[];
}

export async function planRetention(db: ScrapeQueueDB, prefs: ArchivePrefs, now: number): Promise<RetentionPlan> {
  const plan: RetentionPlan = { jobIds: [], snapshotIds: [], bytes: 0, sampleJobs: [], sampleSnapshots: [] };
  if (prefs.keepResultsDays !== undefined) {
    const cutoff = now - prefs.keepResultsDays * DAY;
    for (const status of TERMINAL) {
      // createdAt ≤ finishedAt, so the index range is a superset; the filter is exact.
      const old = await db.jobs
        .where('[status+createdAt]')
        .between([status, Dexie.minKey], [status, cutoff])
        .filter((job) => (job.finishedAt ?? job.createdAt) < cutoff)
        .toArray();
      for (const job of old) {
        plan.jobIds.push(job.id);
        if (plan.sampleJobs.length < SAMPLE) plan.sampleJobs.push({ id: job.id, label: job.label, finishedAt: job.finishedAt ?? job.createdAt });
      }
    }
    for (let i = 0; i < plan.jobIds.length; i += 200) {
      for (const result of await db.results.bulkGet(plan.jobIds.slice(i, i + 200))) plan.bytes += approxBytes(result?.records);
    }
  }
  if (prefs.keepSnapshots !== undefined) {
    for (const monitorId of await db.monitors.toCollection().primaryKeys()) {
      const old = await db.snapshots
        .where('[monitorId+at]')
        .between([monitorId, Dexie.minKey], [monitorId, Dexie.maxKey])
        .reverse()
        .offset(prefs.keepSnapshots)
        .toArray();
      for (const snapshot of old) {
        plan.snapshotIds.push(snapshot.id);
        plan.bytes += approxBytes(snapshot.text) + approxBytes(snapshot.rows);
        if (plan.sampleSnapshots.length < SAMPLE) plan.sampleSnapshots.push({ id: snapshot.id, monitorId, at: snapshot.at });
      }
    }
  }
  return plan;
}

/** Removes what the plan lists: jobs with their results and search text, and snapshots. */
export async function applyRetention(db: ScrapeQueueDB, plan: Pick<RetentionPlan, 'jobIds' | 'snapshotIds'>): Promise<void> {
  for (let i = 0; i < plan.jobIds.length; i += 500) {
    const ids = plan.jobIds.slice(i, i + 500);
    await db.transaction('rw', db.jobs, db.results, db.searchDocs, async () => {
      // Re-checked inside the transaction: a job retried since the preview is active again and stays.
      const jobs = await db.jobs.bulkGet(ids);
      const removable = ids.filter((_, j) => jobs[j] && jobs[j]!.active === 0);
      await db.jobs.bulkDelete(removable);
      await db.results.bulkDelete(removable);
      await db.searchDocs.bulkDelete(removable);
    });
  }
  await db.snapshots.bulkDelete(plan.snapshotIds);
}
