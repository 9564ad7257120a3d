import { Dexie } from 'dexie';
import type { JobStatus } from '@@/shared/schemas/job';
import type { BulkProgress } from './bulk-progress';
import { applyCountDelta, changeDelta, tally, type CountDelta } from './job-counts';
import { deleteKeyRanges } from './native-deletes';
import type { Job, ScrapeQueueDB } from './schema';

/** Rows read per transaction: big enough that requests, not transactions, dominate; small enough for a live progress bar. */
export const BULK_CHUNK = 5_000;

export interface ChunkReport {
  checked: number;
  affected: number;
}

/** Sorted-array membership for string keys (IndexedDB primary-key order is code-unit order, as here). */
function hasKeyIn(sorted: readonly string[], lo: string, hi: string): boolean {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (sorted[mid]! < lo) a = mid + 1;
    else b = mid;
  }
  return a < sorted.length && sorted[a]! <= hi;
}

/**
 * Writes that touch many jobs at once, chunk by chunk. Each chunk is one transaction that writes the jobs,
 * their results, the counters and the progress row together, so a worker stopped mid-way leaves every
 * finished chunk applied and the counters exact.
 */
export function createBulkWrites(db: ScrapeQueueDB, chunkSize = BULK_CHUNK) {
  const chunkTx = <T>(work: () => Promise<T>) => db.transaction('rw', [db.jobs, db.results, db.extracted, db.jobCounts, db.bulkOps], work);

  async function report(chunk: ChunkReport): Promise<void> {
    const progress = await db.bulkOps.get('current');
    if (progress?.state === 'running') {
      await db.bulkOps.put({ ...progress, checked: progress.checked + chunk.checked, affected: progress.affected + chunk.affected });
    }
  }

  async function end(state: Exclude<BulkProgress['state'], 'running'>, at: number, error?: string): Promise<BulkProgress | undefined> {
    return db.transaction('rw', db.bulkOps, async () => {
      const progress = await db.bulkOps.get('current');
      if (!progress || progress.state !== 'running') return progress;
      const ended: BulkProgress = { ...progress, state, finishedAt: at, ...(error ? { error } : {}) };
      await db.bulkOps.put(ended);
      return ended;
    });
  }

  return {
    /** Starts the progress row of a bulk action (replacing the last one). */
    async begin(action: BulkProgress['action'], total: number, at: number): Promise<void> {
      await db.bulkOps.put({ id: 'current', action, state: 'running', checked: 0, total, affected: 0, startedAt: at });
    },
    end,
    /** A worker that starts has no bulk action of its own running: one left 'running' was cut off by a stop. */
    async markInterrupted(at: number): Promise<void> {
      await end('interrupted', at, 'The extension was stopped before this finished; every step done so far is kept. Run it again to finish.');
    },
    progress: () => db.bulkOps.get('current'),

    /**
     * Deletes the jobs `match` accepts, with their results and extracted tables, walking the primary key. Consecutive matches
     * are deleted as one key range (one request however many rows), and results only where some exist.
     * Returns the deleted jobs that `keep` asks for (e.g. active ones a provider should be told about).
     */
    async deleteWhere(match: (job: Job) => boolean, keep: (job: Job) => boolean = () => false): Promise<{ deleted: number; kept: Job[] }> {
      let after: string | undefined;
      let deleted = 0;
      const kept: Job[] = [];
      for (;;) {
        const chunk = await chunkTx(async () => {
          const rows = await (after === undefined ? db.jobs.orderBy(':id') : db.jobs.where(':id').above(after)).limit(chunkSize).toArray();
          if (rows.length === 0) return { rows: 0, last: after, deleted: 0 };
          const first = rows[0]!.id;
          const last = rows.at(-1)!.id;
          const resultKeys = (await db.results.where(':id').between(first, last, true, true).primaryKeys()).toSorted();
          // Tables extracted from those results (issue 8's cache) go with them; jobId index keys come sorted.
          const extractedJobIds = (await db.extracted.where('jobId').between(first, last, true, true).keys()).map(String);
          const runs: [string, string][] = [];
          const delta: CountDelta = {};
          let start = -1;
          let n = 0;
          rows.forEach((job, i) => {
            if (match(job)) {
              n += 1;
              tally(delta, job.status, -1);
              if (keep(job)) kept.push(job);
              if (start < 0) start = i;
            } else if (start >= 0) {
              runs.push([rows[start]!.id, rows[i - 1]!.id]);
              start = -1;
            }
          });
          if (start >= 0) runs.push([rows[start]!.id, last]);
          const withResults = runs.filter(([lo, hi]) => hasKeyIn(resultKeys, lo, hi));
          const withTables = runs.filter(([lo, hi]) => hasKeyIn(extractedJobIds, lo, hi));
          await Promise.all([
            deleteKeyRanges('jobs', runs),
            deleteKeyRanges('results', withResults),
            ...withTables.map(([lo, hi]) => db.extracted.where('jobId').between(lo, hi, true, true).delete()),
          ]);
          await applyCountDelta(db.jobCounts, delta);
          await report({ checked: rows.length, affected: n });
          return { rows: rows.length, last, deleted: n };
        });
        deleted += chunk.deleted;
        if (chunk.rows < chunkSize) break;
        after = chunk.last;
      }
      return { deleted, kept };
    },

    /**
     * Rewrites the jobs of the given statuses that `match` accepts with `patch(job)`, walking the status
     * index (only those statuses are read). The patch must move a job out of `status`: rewritten rows
     * leave the index range, and the rest are stepped over by creation time.
     * `dropResults` deletes the rewritten jobs' stored results too (a retry starts from scratch).
     * Returns the jobs as they were before the rewrite.
     */
    async rewriteWhere(
      statuses: readonly JobStatus[],
      match: (job: Job) => boolean,
      patch: (job: Job) => Partial<Job>,
      opts: { dropResults: boolean },
    ): Promise<Job[]> {
      const before: Job[] = [];
      for (const status of statuses) {
        let lower: [JobStatus, number] | [JobStatus, typeof Dexie.minKey] = [status, Dexie.minKey];
        let boundary = new Set<string>();
        for (;;) {
          const chunk = await chunkTx(async () => {
            const rows = (
              await db.jobs
                .where('[status+createdAt]')
                .between(lower, [status, Dexie.maxKey], true, true)
                .limit(chunkSize + boundary.size)
                .toArray()
            ).filter((job) => !boundary.has(job.id));
            const changed = rows.filter(match);
            const delta: CountDelta = {};
            const next = changed.map((job) => {
              const updated = { ...job, ...patch(job) };
              changeDelta(delta, job.status, updated.status);
              return updated;
            });
            if (next.length) await db.jobs.bulkPut(next);
            // One native delete per job, whether or not it has results: cheaper than finding out which do.
            if (opts.dropResults) await deleteKeyRanges('results', changed.map((job) => [job.id, job.id] as const));
            await applyCountDelta(db.jobCounts, delta);
            await report({ checked: rows.length, affected: changed.length });
            return { rows, changed };
          });
          before.push(...chunk.changed);
          const lastRow = chunk.rows.at(-1);
          if (chunk.rows.length < chunkSize || !lastRow) break;
          // Unchanged rows stay in the range: continue after the last creation time read, minus the ones read at it.
          const lastAt = lastRow.createdAt;
          boundary = new Set(chunk.rows.filter((job) => job.createdAt === lastAt && !chunk.changed.includes(job)).map((job) => job.id));
          lower = [status, lastAt];
        }
      }
      return before;
    },
  };
}

export type BulkWrites = ReturnType<typeof createBulkWrites>;
