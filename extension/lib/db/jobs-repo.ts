import { Dexie } from 'dexie';
import type { JobStatus, ProviderId, ScrapeRecord } from '@@/shared/schemas/job';
import { monthCredits, recordJobCost, recordJobCosts, type CostedRun } from '../costs/ledger';
import { addJobsCounted, deleteJobsCounted, updateJobCounted } from './counted-writes';
import { activeOf, applyCountDelta, changeDelta, readCounts, totalOf, type CountDelta } from './job-counts';
import type { Job, ScrapeQueueDB, StoredResult } from './schema';

export const TEXT_COUNT_CAP = 10_000;

export interface JobListQuery {
  status?: JobStatus;
  /** Case-insensitive substring of the URL or prompt. */
  text?: string;
  offset: number;
  limit: number;
}

/** Stored records with `added` merged in by URL (a URL seen again replaces its record, in place). */
function mergeByUrl(stored: readonly ScrapeRecord[], added: readonly ScrapeRecord[]): ScrapeRecord[] {
  const byUrl = new Map(stored.map((r) => [r.url, r]));
  for (const record of added) byUrl.set(record.url, record);
  return [...byUrl.values()];
}

/**
 * The writes of many advance() and mergeRecords() calls in one transaction (a relay batch), kept in
 * memory and written once by flushSteps: job rows and results with one bulkPut each, the counter moves
 * summed, the cost entries in one pass. Awaited one by one per job, these requests were most of a
 * batch's time. Reads by those calls look here first, so a later step sees an earlier one's write.
 */
export interface StepBatch {
  delta: CountDelta;
  costs: CostedRun[];
  jobs: Map<string, Job>;
  results: Map<string, StoredResult>;
}

export const newStepBatch = (): StepBatch => ({ delta: {}, costs: [], jobs: new Map(), results: new Map() });

/** `patch` applied to `row` as Dexie's update() applies it: an undefined value removes the property. */
export function withPatch(row: Job, patch: Partial<Job>): Job {
  const next: Job = { ...row, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) Reflect.deleteProperty(next, key);
  return next;
}

/** All job and result queries in one place so tests can run them on a fresh fake-indexeddb. */
export function createJobsRepo(db: ScrapeQueueDB) {
  const listCollection = (q: Omit<JobListQuery, 'offset' | 'limit'>) => {
    const base = q.status
      ? db.jobs.where('[status+createdAt]').between([q.status, Dexie.minKey], [q.status, Dexie.maxKey]).reverse()
      : db.jobs.orderBy('createdAt').reverse();
    const needle = q.text?.trim().toLowerCase();
    return needle ? base.filter((job) => job.search.includes(needle)) : base;
  };

  const countBy = async (q: Omit<JobListQuery, 'offset' | 'limit'>, textCap?: number): Promise<number> => {
    if (q.text?.trim()) {
      const matching = listCollection(q);
      return (textCap ? matching.limit(textCap) : matching).count();
    }
    const counts = await readCounts(db.jobCounts);
    return q.status ? counts[q.status] : totalOf(counts);
  };

  // Every job write runs in one transaction with the counters it changes (see job-counts.ts).
  const counted = <T>(work: () => Promise<T>) => db.transaction('rw', [db.jobs, db.results, db.jobCounts, db.costEntries, db.costTotals], work);

  /**
   * Reads of the active range of `[active+nextPollAt]` run read-write on purpose. Every job that finishes or is
   * canceled leaves its old entry there, and Chromium keeps such stale index entries until it sweeps them,
   * unless a read-write read passes over them, which removes them. Measured with 20,000 jobs that had left
   * the range: read-only, every scheduler query took 86–156 ms, again and again; read-write, the first took
   * 497 ms and the next ones 6–15 ms.
   */
  const activeRangeRead = <T>(read: () => Promise<T>): Promise<T> => db.transaction('rw', db.jobs, read);

  /** Every job of a group, active or not. */
  const groupJobs = (groupId: string): Promise<Job[]> =>
    db.jobs.where('[groupId+active]').between([groupId, Dexie.minKey], [groupId, Dexie.maxKey]).toArray();

  return {
    addJobs: (jobs: Job[]): Promise<void> => addJobsCounted(db, jobs),
    get: (id: string) => db.jobs.get(id),
    async update(id: string, patch: Partial<Job>): Promise<void> {
      await updateJobCounted(db, id, patch);
    },
    /** Active jobs whose next look is due, earliest first. */
    dueJobs(now: number, limit: number): Promise<Job[]> {
      return activeRangeRead(() => db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, now], true, true).limit(limit).toArray());
    },
    /** The earliest next look among active jobs, for the wake-up alarm. */
    async nextDueAt(): Promise<number | undefined> {
      const first = await activeRangeRead(() => db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).first());
      return first?.nextPollAt;
    },
    /** Queued, submitted and running jobs, from the counters. */
    countActive: async () => activeOf(await readCounts(db.jobCounts)),
    /** Jobs per status, from the counters (no table scan). */
    counts: () => readCounts(db.jobCounts),
    activeJobs: () => activeRangeRead(() => db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray()),
    findByProviderJobId: (providerJobId: string) => db.jobs.where('providerJobIds').equals(providerJobId).toArray(),
    /**
     * One window of the list, read in one transaction with the counters. Without a text filter the counters
     * say how many rows match, so the read asks for no more than are there: Chromium keeps the index entries
     * of deleted or moved rows until it sweeps them, and a read that runs past the last match walks every such
     * entry (300 ms after a bulk Delete of 100,000 jobs, measured; a window past the end reads nothing).
     * Past the first window it is two requests: the primary keys of the first offset + limit entries (one
     * getAllKeys, newest first), then the window's rows by key. Dexie's offset() walks a cursor one row per
     * round trip instead, holding the jobs store against the worker's writes for as long as the page's busy
     * main thread takes to ask for each next row.
     */
    list(q: JobListQuery): Promise<Job[]> {
      const text = q.text?.trim();
      return db.transaction('r', db.jobs, db.jobCounts, async () => {
        const limit = text ? q.limit : Math.min(q.limit, (await countBy(q)) - Math.max(0, q.offset));
        if (limit <= 0) return [];
        // The first window (the popup's first render) is one request; a text filter scans rows anyway.
        if (text || q.offset <= 0) return listCollection(q).offset(q.offset).limit(limit).toArray();
        const keys = await listCollection(q).limit(q.offset + limit).primaryKeys();
        const rows = await db.jobs.bulkGet(keys.slice(q.offset));
        return rows.filter((job): job is Job => job !== undefined);
      });
    },
    /**
     * Matching jobs. A text filter has no index and scans rows, so its count stops at TEXT_COUNT_CAP
     * (shown as "10,000+"); status-only and unfiltered counts read the counters and are exact.
     */
    count: (q: Omit<JobListQuery, 'offset' | 'limit'>) => countBy(q, TEXT_COUNT_CAP),
    latestDoneForUrl: async (url: string): Promise<Job | undefined> =>
      db.jobs
        .where('[status+createdAt]')
        .between(['done', Dexie.minKey], ['done', Dexie.maxKey])
        .reverse()
        .filter((job) => job.input.kind === 'urls' && job.input.urls.includes(url))
        .first(),
    /**
     * Writes a scheduler step's outcome only if the job is still active and no user action
     * (cancel, retry, delete) happened since the step read it. Records and status land together.
     */
    async advance(
      job: Pick<Job, 'id' | 'rev'>,
      patch: Partial<Job>,
      records?: ScrapeRecord[],
      at = Date.now(),
      opts: { mergeRecords?: boolean; batch?: StepBatch; stored?: Job } = {},
    ): Promise<boolean> {
      const { batch } = opts;
      return counted(async () => {
        // `opts.stored`: the row as this same transaction read it (a relay batch), so it need not be read again.
        const current = batch?.jobs.get(job.id) ?? opts.stored ?? (await db.jobs.get(job.id));
        if (!current || current.active !== 1 || (current.rev ?? 0) !== (job.rev ?? 0)) return false;
        let written: Partial<Job> = patch;
        let stored: ScrapeRecord[] | undefined;
        if (records) {
          // A batch step's share is added to what earlier steps stored; the count then covers them all.
          stored = opts.mergeRecords ? mergeByUrl((batch?.results.get(job.id) ?? (await db.results.get(job.id)))?.records ?? [], records) : records;
          if (opts.mergeRecords && patch.recordCount !== undefined) written = { ...patch, recordCount: stored.length };
        }
        // The row was just read, so it is put whole: update() would read it again (a key query and a get).
        const row = withPatch(current, written);
        const result = stored && { jobId: job.id, records: stored, receivedAt: at };
        if (batch) {
          batch.jobs.set(job.id, row);
          if (result) batch.results.set(job.id, result);
        } else await Promise.all([result && db.results.put(result), db.jobs.put(row)]);
        const delta = changeDelta(batch?.delta ?? {}, current.status, patch.status ?? current.status);
        if (!batch) await applyCountDelta(db.jobCounts, delta);
        // A run that finishes here is costed here, once, with what the provider reported: on the job, or
        // per URL on the records it finishes with (only then: a partial set would undercount).
        if (written.active === 0) {
          const run: CostedRun = { job: { ...current, ...written }, at, ...(stored && { records: stored }) };
          if (batch) batch.costs.push(run);
          else await recordJobCost(db, run.job, at, stored);
        }
        return true;
      });
    },
    /**
     * Writes what advance() and mergeRecords() calls given `batch` left for later: rows, results, counter
     * moves and cost entries of many steps, a request or two per table. Call it in the same transaction as
     * those steps.
     */
    flushSteps: (batch: StepBatch): Promise<void> =>
      counted(async () => {
        await Promise.all([db.jobs.bulkPut([...batch.jobs.values()]), db.results.bulkPut([...batch.results.values()])]);
        await applyCountDelta(db.jobCounts, batch.delta);
        await recordJobCosts(db, batch.costs);
      }),
    /** Adds records to a job's stored result by URL, read and written in one transaction (or left in `batch`). */
    async mergeRecords(jobId: string, records: ScrapeRecord[], at: number, batch?: StepBatch): Promise<ScrapeRecord[]> {
      return db.transaction('rw', db.results, async () => {
        const merged = mergeByUrl((batch?.results.get(jobId) ?? (await db.results.get(jobId)))?.records ?? [], records);
        const row = { jobId, records: merged, receivedAt: at };
        if (batch) batch.results.set(jobId, row);
        else await db.results.put(row);
        return merged;
      });
    },
    async saveResult(jobId: string, records: ScrapeRecord[], receivedAt: number): Promise<void> {
      await db.results.put({ jobId, records, receivedAt });
    },
    async deleteResultOnly(jobId: string): Promise<void> {
      await db.results.delete(jobId);
    },
    /** Jobs of a group still active: a group is finished when this is 0. */
    /** Credits recorded for a provider in the calendar month of `at` (one keyed read). */
    monthCredits: (provider: ProviderId, at: number) => monthCredits(db, provider, at),
    countActiveInGroup: (groupId: string) => db.jobs.where('[groupId+active]').equals([groupId, 1]).count(),
    groupJobs,
    groupSummary: async (groupId: string) => {
      const jobs = await groupJobs(groupId);
      const byStatus: Partial<Record<JobStatus, number>> = {};
      for (const job of jobs) byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
      return { total: jobs.length, byStatus };
    },
    getResult: (jobId: string): Promise<StoredResult | undefined> => db.results.get(jobId),
    /**
     * Up to `limit` jobs after `after` in primary-key order (creation order for time-ordered ids) with their
     * stored results: one range read per table, however many jobs (exports walk every job this way).
     */
    async pageWithResults(after: string | undefined, limit: number): Promise<{ jobs: Job[]; results: Map<string, StoredResult> }> {
      return db.transaction('r', db.jobs, db.results, async () => {
        const jobs = await (after === undefined ? db.jobs.orderBy(':id') : db.jobs.where(':id').above(after)).limit(limit).toArray();
        const first = jobs[0]?.id;
        const last = jobs.at(-1)?.id;
        const results = first === undefined || last === undefined ? [] : await db.results.where(':id').between(first, last, true, true).toArray();
        return { jobs, results: new Map(results.map((r) => [r.jobId, r])) };
      });
    },
    /** Every job matching a status and text filter, counted exactly (a text filter reads every row). */
    countExact: (q: Omit<JobListQuery, 'offset' | 'limit'>) => countBy(q),
    bulkProgress: () => db.bulkOps.get('current'),
    deleteJobs: (ids: string[]): Promise<void> => deleteJobsCounted(db, ids),
    /**
     * Runs `fn` in one read-write transaction over jobs, results, seen events and the per-status
     * counters that job updates move; the calls above made inside it join it. `fn` may await only
     * Dexie work: a fetch or WebCrypto call inside would let IndexedDB commit early.
     */
    inTransaction: <T>(fn: () => Promise<T>): Promise<T> =>
      db.transaction('rw', [db.jobs, db.results, db.seenEvents, db.jobCounts, db.costEntries, db.costTotals], fn),
    /** Which of these event keys were seen already (one request). */
    async seenAmong(keys: string[]): Promise<Set<string>> {
      const rows = await db.seenEvents.bulkGet(keys);
      return new Set(rows.flatMap((r) => (r ? [r.key] : [])));
    },
    /** Records event keys as seen (one request). */
    async markEventsSeen(keys: string[], at: number): Promise<void> {
      if (keys.length > 0) await db.seenEvents.bulkPut(keys.map((key) => ({ key, at })));
    },
    wasEventSeen: async (key: string): Promise<boolean> => (await db.seenEvents.get(key)) !== undefined,
    /** Records a webhook event key; false when it was already seen (a duplicate delivery). */
    async markEventSeen(key: string, at: number): Promise<boolean> {
      return db.transaction('rw', db.seenEvents, async () => {
        if (await db.seenEvents.get(key)) return false;
        await db.seenEvents.put({ key, at });
        return true;
      });
    },
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;
