/**
 * Per-URL costs reach the ledger through the scheduler: a job whose adapter reports cost only on its
 * records (Scrape.do, one cost per task) is costed at their sum, whether it finished by polls and
 * result() or by per-task webhooks.
 */
import { describe, expect, it } from 'vitest';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { createJobActions } from '../jobs/job-actions';
import { applyUpdate } from './apply-update';
import { processJob } from './process-job';
import { makeWorld } from './test-helpers';

const URLS = ['https://a.test/1', 'https://a.test/2', 'https://a.test/fail'];
const RECORDS: ScrapeRecord[] = [
  { url: URLS[0]!, html: '<p>1</p>', cost: 5 },
  { url: URLS[1]!, html: '<p>2</p>', cost: 5 },
  { url: URLS[2]!, error: 'blocked', cost: 0 },
];

const spendOf = async (world: ReturnType<typeof makeWorld>) =>
  (await world.db.costTotals.toArray()).find((t) => t.key.endsWith(new Date(world.now()).toISOString().slice(0, 7)));

describe('per-URL costs in the ledger', () => {
  it('a job finished by a poll and result() costs the sum of its records', async () => {
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: ['p1'] }),
      status: async () => ({ state: 'done' }),
      result: async () => RECORDS,
    });
    const job = await world.addJob({ input: { kind: 'urls', urls: URLS } });
    await processJob(world.deps, job);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    expect((await world.repo.get(job.id))?.status).toBe('done');
    expect(await world.repo.monthCredits('scrapedo', world.now())).toBe(10);
    expect(await spendOf(world)).toMatchObject({ credits: 10, jobs: 1, unknownJobs: 0 });
  });

  it('a batch finished by one webhook per URL costs the sum of the records they carried', async () => {
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: ['p1'] }),
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    const job = await world.addJob({ input: { kind: 'urls', urls: URLS } });
    await processJob(world.deps, job);
    for (const record of RECORDS) await applyUpdate(world.deps, (await world.repo.get(job.id))!, { state: 'running', records: [record] });
    expect((await world.repo.get(job.id))?.status).toBe('done');
    expect(await world.repo.monthCredits('scrapedo', world.now())).toBe(10);
  });

  it('one record without a cost leaves the job unknown rather than undercounted', async () => {
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: ['p1'] }),
      status: async () => ({ state: 'done' }),
      result: async () => [RECORDS[0]!, { url: URLS[1]!, html: '<p>2</p>' }],
    });
    const job = await world.addJob({ input: { kind: 'urls', urls: URLS.slice(0, 2) } });
    await processJob(world.deps, job);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    expect(await spendOf(world)).toMatchObject({ credits: 0, jobs: 0, unknownJobs: 1 });
  });

  it("a retried job's run is costed by its own records, not by the last run's job cost", async () => {
    let run = 0;
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: [`p${++run}`] }),
      // The first run reports a job cost (a one-task webhook does); the retry only per-URL costs.
      status: async () => (run === 1 ? { state: 'done', cost: '1 credit', records: [RECORDS[0]!] } : { state: 'done' }),
      result: async () => RECORDS,
    });
    const job = await world.addJob({ input: { kind: 'urls', urls: URLS } });
    await processJob(world.deps, job);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    await createJobActions(world.deps, () => {}).retry(job.id);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    expect((await world.repo.get(job.id))?.status).toBe('done');
    expect(await world.repo.monthCredits('scrapedo', world.now())).toBe(11);
  });
});
