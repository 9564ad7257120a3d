/**
 * The cost ledger: one entry per finished job run and running totals per provider per day and month,
 * updated in the same transaction as the entry, so reading spend never scans entries.
 * @module
 */
import type { ProviderId, ScrapeRecord } from '@@/shared/schemas/job';
import { readCredits } from '../providers/kit/credits';
import { dayKey, monthKey } from './periods';
import type { CostTables, CostTotal } from './tables';

export interface CostedJob {
  id: string;
  provider: ProviderId;
  cost?: string;
  rev?: number;
}

export interface Spend {
  credits: number;
  jobs: number;
  unknownJobs: number;
}

const totalKey = (provider: ProviderId, period: string) => `${provider}|${period}`;

/**
 * The sum of the records' own costs (providers that bill per URL report them there), or undefined when
 * there are none or any record lacks one: one URL of unknown cost makes the whole run's cost unknown.
 */
export function recordsCredits(records: readonly Pick<ScrapeRecord, 'cost'>[] | undefined): number | undefined {
  if (!records?.length) return undefined;
  let sum = 0;
  for (const { cost } of records) {
    const credits = readCredits(cost);
    if (credits === undefined) return undefined;
    sum += credits;
  }
  return sum;
}

/**
 * Records a job run's cost (once) and adds it to its provider's day and month totals. The job's own
 * `cost` wins; without one, the cost is the sum of the `records` the run finished with (recordsCredits).
 * Call inside the transaction that finishes the job (it must include both cost tables); a second call
 * for the same run changes nothing.
 */
export async function recordJobCost(tables: CostTables, job: CostedJob, at: number, records?: readonly ScrapeRecord[]): Promise<boolean> {
  const key = `${job.id}#${job.rev ?? 0}`;
  if (await tables.costEntries.get(key)) return false;
  const credits = readCredits(job.cost) ?? recordsCredits(records);
  await tables.costEntries.add({ key, jobId: job.id, provider: job.provider, at, ...(credits === undefined ? {} : { credits }) });
  const keys = [totalKey(job.provider, dayKey(at)), totalKey(job.provider, monthKey(at))];
  const current = await tables.costTotals.bulkGet(keys);
  await tables.costTotals.bulkPut(
    keys.map((k, i): CostTotal => {
      const row = current[i] ?? { key: k, credits: 0, jobs: 0, unknownJobs: 0 };
      return credits === undefined
        ? { ...row, unknownJobs: row.unknownJobs + 1 }
        : { ...row, credits: row.credits + credits, jobs: row.jobs + 1 };
    }),
  );
  return true;
}

const toSpend = (row: CostTotal | undefined): Spend => ({
  credits: Number.isFinite(row?.credits) ? row!.credits : 0,
  jobs: row?.jobs ?? 0,
  unknownJobs: row?.unknownJobs ?? 0,
});

/** Spend today and this month for each provider (two keyed reads per provider). */
export async function readSpend(tables: CostTables, providers: readonly ProviderId[], at: number): Promise<Map<ProviderId, { today: Spend; month: Spend }>> {
  const keys = providers.flatMap((p) => [totalKey(p, dayKey(at)), totalKey(p, monthKey(at))]);
  const rows = await tables.costTotals.bulkGet(keys);
  return new Map(providers.map((p, i) => [p, { today: toSpend(rows[2 * i]), month: toSpend(rows[2 * i + 1]) }]));
}

/** Credits recorded for `provider` in the calendar month of `at`. */
export async function monthCredits(tables: CostTables, provider: ProviderId, at: number): Promise<number> {
  return toSpend(await tables.costTotals.get(totalKey(provider, monthKey(at)))).credits;
}
