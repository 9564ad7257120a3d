import { Dexie } from 'dexie';
import type { JobStatus, ScrapeRecord } from '@@/shared/schemas/job';
import type { Job, ScrapeQueueDB, StoredResult } from './schema';

export const TEXT_COUNT_CAP = 10_000;

export interface JobListQuery {
  status?: JobStatus;
  /** Case-insensitive substring of the URL or prompt. */
  text?: string;
  offset: number;
  limit: number;
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

  return {
    async addJobs(jobs: Job[]): Promise<void> {
      await db.jobs.bulkAdd(jobs);
    },
    get: (id: string) => db.jobs.get(id),
    async update(id: string, patch: Partial<Job>): Promise<void> {
      await db.jobs.update(id, patch);
    },
    /** Active jobs whose next look is due, earliest first. */
    dueJobs(now: number, limit: number): Promise<Job[]> {
      return db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, now], true, true).limit(limit).toArray();
    },
    /** The earliest next look among active jobs, for the wake-up alarm. */
    async nextDueAt(): Promise<number | undefined> {
      const first = await db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).first();
      return first?.nextPollAt;
    },
    countActive: () => db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).count(),
    activeJobs: () => db.jobs.where('[active+nextPollAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray(),
    findByProviderJobId: (providerJobId: string) => db.jobs.where('providerJobIds').equals(providerJobId).toArray(),
    list: (q: JobListQuery) => listCollection(q).offset(q.offset).limit(q.limit).toArray(),
    /**
     * Matching jobs. A text filter has no index and scans rows, so its count stops at TEXT_COUNT_CAP
     * (shown as "10,000+"); status-only and unfiltered counts use indexes and are exact.
     */
    count: (q: Omit<JobListQuery, 'offset' | 'limit'>) =>
      q.text?.trim() ? listCollection(q).limit(TEXT_COUNT_CAP).count() : q.status ? listCollection(q).count() : db.jobs.count(),
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
    async advance(job: Pick<Job, 'id' | 'rev'>, patch: Partial<Job>, records?: ScrapeRecord[], at = Date.now()): Promise<boolean> {
      return db.transaction('rw', db.jobs, db.results, async () => {
        const current = await db.jobs.get(job.id);
        if (!current || current.active !== 1 || (current.rev ?? 0) !== (job.rev ?? 0)) return false;
        if (records) await db.results.put({ jobId: job.id, records, receivedAt: at });
        await db.jobs.update(job.id, patch);
        return true;
      });
    },
    /** Adds records to a job's stored result by URL, read and written in one transaction. */
    async mergeRecords(jobId: string, records: ScrapeRecord[], at: number): Promise<ScrapeRecord[]> {
      return db.transaction('rw', db.results, async () => {
        const byUrl = new Map(((await db.results.get(jobId))?.records ?? []).map((r) => [r.url, r]));
        for (const record of records) byUrl.set(record.url, record);
        const merged = [...byUrl.values()];
        await db.results.put({ jobId, records: merged, receivedAt: at });
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
    countActiveInGroup: (groupId: string) => db.jobs.where('[groupId+active]').equals([groupId, 1]).count(),
    groupSummary: async (groupId: string) => {
      const jobs = await db.jobs.where('[groupId+active]').between([groupId, Dexie.minKey], [groupId, Dexie.maxKey]).toArray();
      const byStatus: Partial<Record<JobStatus, number>> = {};
      for (const job of jobs) byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
      return { total: jobs.length, byStatus };
    },
    getResult: (jobId: string): Promise<StoredResult | undefined> => db.results.get(jobId),
    async deleteJobs(ids: string[]): Promise<void> {
      await db.transaction('rw', db.jobs, db.results, db.extracted, async () => {
        await db.jobs.bulkDelete(ids);
        await db.results.bulkDelete(ids);
        await db.extracted.where('jobId').anyOf(ids).delete();
      });
    },
    /**
     * Runs `fn` in one read-write transaction over jobs, results and seen events; the calls above
     * made inside it join it. `fn` may await only Dexie work: a fetch or WebCrypto call inside would
     * let IndexedDB commit early.
     */
    inTransaction: <T>(fn: () => Promise<T>): Promise<T> => db.transaction('rw', db.jobs, db.results, db.seenEvents, fn),
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
