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

/** One finished job run to cost: see {@link recordJobCost}. */
export interface CostedRun {
  job: CostedJob;
  at: number;
  records?: readonly ScrapeRecord[];
}

/**
 * Records a job run's cost (once) and adds it to its provider's day and month totals. The job's own
 * `cost` wins; without one, the cost is the sum of the `records` the run finished with (recordsCredits).
 * Call inside the transaction that finishes the job (it must include both cost tables); a second call
 * for the same run changes nothing.
 */
export async function recordJobCost(tables: CostTables, job: CostedJob, at: number, records?: readonly ScrapeRecord[]): Promise<boolean> {
  return (await recordJobCosts(tables, [{ job, at, ...(records && { records }) }])) === 1;
}

/**
 * recordJobCost for many runs with one read and one write per table, however many runs (a relay batch
 * finishing hundreds of jobs). A run already recorded, or listed twice, counts once. Returns how many
 * runs were recorded now.
 */
export async function recordJobCosts(tables: CostTables, runs: readonly CostedRun[]): Promise<number> {
  const byKey = new Map<string, CostedRun>();
  for (const run of runs) {
    const key = `${run.job.id}#${run.job.rev ?? 0}`;
    if (!byKey.has(key)) byKey.set(key, run);
  }
  const keys = [...byKey.keys()];
  const existing = await tables.costEntries.bulkGet(keys);
  const fresh = keys.flatMap((key, i) => (existing[i] ? [] : [{ key, run: byKey.get(key)! }]));
  if (fresh.length === 0) return 0;
  const entries = fresh.map(({ key, run: { job, at, records } }) => {
    const credits = readCredits(job.cost) ?? recordsCredits(records);
    return { key, jobId: job.id, provider: job.provider, at, ...(credits === undefined ? {} : { credits }) };
  });
  await tables.costEntries.bulkAdd(entries);
  const totalKeysOf = (e: (typeof entries)[number]) => [totalKey(e.provider, dayKey(e.at)), totalKey(e.provider, monthKey(e.at))];
  const totalKeys = [...new Set(entries.flatMap(totalKeysOf))];
  const current = await tables.costTotals.bulkGet(totalKeys);
  const totals = new Map(totalKeys.map((k, i): [string, CostTotal] => [k, current[i] ?? { key: k, credits: 0, jobs: 0, unknownJobs: 0 }]));
  for (const e of entries) {
    for (const k of totalKeysOf(e)) {
      const row = totals.get(k)!;
      totals.set(k, e.credits === undefined ? { ...row, unknownJobs: row.unknownJobs + 1 } : { ...row, credits: row.credits + e.credits, jobs: row.jobs + 1 });
    }
  }
  await tables.costTotals.bulkPut([...totals.values()]);
  return entries.length;
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
