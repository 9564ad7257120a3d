import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../db/schema';
import { budgetBlock } from './budget';
import { monthCredits, readSpend, recordJobCost, recordJobCosts, recordsCredits } from './ledger';
import { dayKey, monthKey, nextMonthStart } from './periods';

const at = (iso: string) => new Date(iso).getTime();

describe('cost ledger', () => {
  afterEach(() => vi.useRealTimers());

  it('counts a job run once and keeps day and month totals, unknown costs apart', async () => {
    const db = openDb(`ledger-${Math.random()}`);
    const day1 = at('2026-12-03T10:00:00');
    const day2 = at('2026-12-04T10:00:00');
    expect(await recordJobCost(db, { id: 'a', provider: 'scraperapi', cost: '1' }, day1)).toBe(true);
    // A replayed settle (a duplicate webhook, a re-applied step) changes nothing.
    expect(await recordJobCost(db, { id: 'a', provider: 'scraperapi', cost: '1' }, day1)).toBe(false);
    await recordJobCost(db, { id: 'b', provider: 'scraperapi', cost: '10 credits' }, day2);
    await recordJobCost(db, { id: 'c', provider: 'scraperapi' }, day2);
    // A retried job is a new run (its rev moved on) and may cost again.
    await recordJobCost(db, { id: 'a', provider: 'scraperapi', cost: '1', rev: 1 }, day2);
    await recordJobCost(db, { id: 'd', provider: 'scrapellm', cost: '3 credits' }, day2);

    const spend = await readSpend(db, ['scraperapi', 'scrapellm', 'scrapedo'], day2);
    expect(spend.get('scraperapi')).toEqual({ today: { credits: 11, jobs: 2, unknownJobs: 1 }, month: { credits: 12, jobs: 3, unknownJobs: 1 } });
    expect(spend.get('scrapellm')?.month).toEqual({ credits: 3, jobs: 1, unknownJobs: 0 });
    expect(spend.get('scrapedo')?.month).toEqual({ credits: 0, jobs: 0, unknownJobs: 0 });
    expect(await db.costEntries.count()).toBe(5);
    expect(await monthCredits(db, 'scraperapi', at('2027-01-01T00:00:01'))).toBe(0);
    db.close();
  });

  it('records many runs at once as one call per run would: each once, totals summed per provider and period', async () => {
    const one = openDb(`ledger-one-${Math.random()}`);
    const many = openDb(`ledger-many-${Math.random()}`);
    const day1 = at('2026-12-03T10:00:00');
    const day2 = at('2026-12-04T10:00:00');
    const runs = [
      { job: { id: 'a', provider: 'scrapedo' as const, cost: '2' }, at: day1 },
      { job: { id: 'b', provider: 'scrapedo' as const }, at: day2, records: [{ url: 'https://x.test/', cost: 5 }] },
      { job: { id: 'c', provider: 'scrapedo' as const }, at: day2 },
      { job: { id: 'd', provider: 'scraperapi' as const, cost: '7' }, at: day2 },
      // Listed twice in the batch, and a retried run of a (new rev): b once, a twice.
      { job: { id: 'b', provider: 'scrapedo' as const }, at: day2, records: [{ url: 'https://x.test/', cost: 5 }] },
      { job: { id: 'a', provider: 'scrapedo' as const, cost: '2', rev: 1 }, at: day2 },
    ];
    for (const r of runs) await recordJobCost(one, r.job, r.at, r.records);
    // c was recorded before the batch: it is not counted again.
    await recordJobCost(many, runs[2]!.job, runs[2]!.at);
    expect(await recordJobCosts(many, runs)).toBe(4);
    expect(await recordJobCosts(many, runs)).toBe(0);
    expect(await many.costTotals.orderBy('key').toArray()).toEqual(await one.costTotals.orderBy('key').toArray());
    expect(await many.costEntries.orderBy('key').toArray()).toEqual(await one.costEntries.orderBy('key').toArray());
    one.close();
    many.close();
  });

  it("sums the records' own costs when the job reports none; one record without a cost makes the run unknown", async () => {
    const db = openDb(`ledger-records-${Math.random()}`);
    const day = at('2026-12-03T10:00:00');
    const url = (n: number) => `https://example.com/${n}`;
    // Two pages billed 5 each and a failed one billed nothing.
    await recordJobCost(db, { id: 'a', provider: 'scrapedo' }, day, [{ url: url(1), cost: 5 }, { url: url(2), cost: 5 }, { url: url(3), error: 'x', cost: 0 }]);
    // One page of unknown cost: the whole run is unknown, not 1.
    await recordJobCost(db, { id: 'b', provider: 'scrapedo' }, day, [{ url: url(1), cost: 1 }, { url: url(2) }]);
    // Finished without records (failed, canceled): unknown.
    await recordJobCost(db, { id: 'c', provider: 'scrapedo' }, day);
    // The job's own cost wins over its records'.
    await recordJobCost(db, { id: 'd', provider: 'scrapedo', cost: '2 credits' }, day, [{ url: url(1), cost: 7 }]);
    // A run that cost nothing is known: 0 credits, one job.
    await recordJobCost(db, { id: 'e', provider: 'scrapedo' }, day, [{ url: url(1), error: 'x', cost: 0 }]);

    expect((await readSpend(db, ['scrapedo'], day)).get('scrapedo')?.today).toEqual({ credits: 12, jobs: 3, unknownJobs: 2 });
    expect((await db.costEntries.get('a#0'))?.credits).toBe(10);
    expect((await db.costEntries.get('b#0'))?.credits).toBeUndefined();
    db.close();
  });

  it('recordsCredits: the sum, or undefined for none or any missing', () => {
    expect(recordsCredits([{ cost: 1.5 }, { cost: 2 }])).toBe(3.5);
    expect(recordsCredits([{ cost: 0 }])).toBe(0);
    expect(recordsCredits([{ cost: 1 }, {}])).toBeUndefined();
    expect(recordsCredits([])).toBeUndefined();
    expect(recordsCredits(undefined)).toBeUndefined();
  });

  it('keeps periods in local calendar time', () => {
    expect(dayKey(at('2026-12-31T23:59:00'))).toBe('2026-12-31');
    expect(monthKey(at('2026-12-31T23:59:00'))).toBe('2026-12');
    expect(nextMonthStart(at('2026-12-15T12:00:00'))).toBe(at('2027-01-01T00:00:00'));
  });
});

describe('budget gate', () => {
  it('blocks at the cap with the message, never without a budget', () => {
    expect(budgetBlock('ScraperAPI', undefined, 1e9)).toBeUndefined();
    expect(budgetBlock('ScraperAPI', 2, 1)).toBeUndefined();
    expect(budgetBlock('ScraperAPI', 1, 1)).toBe('Monthly budget reached for ScraperAPI (1 of 1 credits). Raise it in Options to continue.');
    expect(budgetBlock('ScraperAPI', 1, 3)).toMatch(/\(3 of 1 credits\)/);
  });

  it('a new month starts from zero spend (month rollover)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = openDb(`rollover-${Math.random()}`);
    vi.setSystemTime(at('2026-12-31T23:00:00'));
    await recordJobCost(db, { id: 'a', provider: 'scraperapi', cost: '1' }, Date.now());
    expect(budgetBlock('ScraperAPI', 1, await monthCredits(db, 'scraperapi', Date.now()))).toBeDefined();
    vi.setSystemTime(at('2027-01-01T00:00:01'));
    expect(budgetBlock('ScraperAPI', 1, await monthCredits(db, 'scraperapi', Date.now()))).toBeUndefined();
    db.close();
  });
});
