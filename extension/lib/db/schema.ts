import { Dexie, type EntityTable } from 'dexie';
import { ARCHIVE_STORES, type ArchiveTables } from '../archive/tables';
import type { RelayKey } from '../relay/keys';
import type { JobInput, JobStatus, Progress, ProviderId, ScrapeRecord } from '@@/shared/schemas/job';
import type { BulkProgress } from './bulk-progress';
import { COUNT_STORES, recountJobs, type JobCount } from './job-counts';
import { EXTRACT_STORES, type ExtractTables } from './extract-tables';
import { COST_STORES, type CostTables } from '../costs/tables';

export interface Job {
  id: string;
  provider: ProviderId;
  input: JobInput;
  /** What the list shows and the text filter searches: the URL(s) or the prompt, lower-cased copy in `search`. */
  label: string;
  search: string;
  options: Record<string, unknown>;
  status: JobStatus;
  /** 1 while queued/submitted/running, 0 once terminal: indexed so the scheduler and badge never scan done jobs. */
  active: 0 | 1;
  ref?: unknown;
  providerJobIds: string[];
  progress?: Progress;
  createdAt: number;
  updatedAt: number;
  submittedAt?: number;
  finishedAt?: number;
  /** When the scheduler should look at this job next (submit or poll). */
  nextPollAt: number;
  /** Status requests made for this job (for the polls-per-job benchmark). */
  polls: number;
  /** Consecutive failed calls; reset on success. */
  attempts: number;
  expiresAt?: number;
  error?: string;
  /**
   * Why the job waits instead of retrying: the provider's key is missing or rejected ('auth'), or the user
   * has not granted this browser access to the page's host yet ('access'; resumed when access is added), or
   * the provider's monthly budget is spent ('budget'; resumed when settings change or the month turns).
   */
  paused?: 'auth' | 'access' | 'budget';
  cost?: string;
  recordCount?: number;
  /** Bumped by user actions (cancel, retry) so a scheduler step that started earlier cannot overwrite them. */
  rev?: number;
  /** Jobs queued together (one paste, one selection) share a group id. */
  groupId?: string;
  /** Set on a monitor's check job (issue 9): its result becomes a snapshot of that monitor. */
  monitorId?: string;
  /** Failover (not indexed): the failed or expired job this one retries on another provider. */
  retriedFrom?: string;
  /** Failover (not indexed): the jobs that retried this one elsewhere, oldest first. */
  retriedOn?: RetriedOn[];
  /**
   * Issue 13 (not indexed): a random per-job secret put in the webhook URL as `t=`. A webhook matched by
   * the tagged job id (`j=`) instead of a provider job id is applied only when it echoes this back.
   * Rows from before it have none, so for them only provider job ids match.
   */
  webhookToken?: string;
}

export interface RetriedOn {
  jobId: string;
  provider: ProviderId;
  at: number;
}

export interface StoredResult {
  jobId: string;
  records: ScrapeRecord[];
  receivedAt: number;
}

/** Webhook events already applied, so duplicate deliveries are harmless. */
export interface SeenEvent {
  key: string;
  at: number;
}

export type ScrapeQueueDB = Dexie & {
  /** Issue 11: the relay sealing key pairs (private keys non-extractable). */
  relayKeys: EntityTable<RelayKey, 'kid'>;
  jobs: EntityTable<Job, 'id'>;
  results: EntityTable<StoredResult, 'jobId'>;
  seenEvents: EntityTable<SeenEvent, 'key'>;
  jobCounts: EntityTable<JobCount, 'status'>;
  bulkOps: EntityTable<BulkProgress, 'id'>;
} & ArchiveTables & ExtractTables & CostTables;

export function openDb(name = 'scrape-queue'): ScrapeQueueDB {
  const db = new Dexie(name) as ScrapeQueueDB;
  db.version(1).stores({
    jobs: 'id, createdAt, [active+nextPollAt], [status+createdAt], *providerJobIds, [groupId+active]',
    results: 'jobId',
    seenEvents: 'key, at',
  });
  // Issue 10: per-status job counters (kept in the job writes' transactions) and bulk-action progress.
  db.version(3)
    .stores({ ...COUNT_STORES, bulkOps: 'id' })
    .upgrade(async (tx) => {
      const counts = await recountJobs(tx.table('jobs'));
      await tx.table('jobCounts').bulkPut(Object.entries(counts).map(([status, n]) => ({ status, n })));
    });
  // Issue 8: recipes and cached extracted rows.
  db.version(4).stores(EXTRACT_STORES);
  // Issue 9: monitors, their snapshots, and the persisted search index.
  db.version(5).stores(ARCHIVE_STORES);
  // Issue 11: relay sealing keys.
  db.version(6).stores({ relayKeys: 'kid, createdAt' });
  // Issue 7: the cost ledger (one entry per finished job run) and its per-day/per-month totals.
  db.version(7).stores(COST_STORES);
  return db;
}
