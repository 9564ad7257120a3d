import type { EntityTable } from 'dexie';
import type { ProviderId } from '@@/shared/schemas/job';

/** One finished job run's cost, written once (its key is the job id and run), so replays never count twice. */
export interface CostEntry {
  /** `${jobId}#${rev}`: a retried job is a new run and may cost again. */
  key: string;
  jobId: string;
  provider: ProviderId;
  /** Undefined when the provider did not say. */
  credits?: number;
  at: number;
}

/** Per provider per day ("2026-12-03") and per month ("2026-12"), kept in the entry's transaction. */
export interface CostTotal {
  /** `${provider}|${period}` */
  key: string;
  credits: number;
  /** Jobs with a reported cost / without one. */
  jobs: number;
  unknownJobs: number;
}

export type CostTables = {
  costEntries: EntityTable<CostEntry, 'key'>;
  costTotals: EntityTable<CostTotal, 'key'>;
};

/** Issue 7's Dexie version 7 (cost ledger): only the tables it adds. */
export const COST_STORES = { costEntries: 'key, jobId, at', costTotals: 'key' } as const;
