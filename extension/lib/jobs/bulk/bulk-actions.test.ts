import { describe, expect, it } from 'vitest';
import type { JobStatus } from '@@/shared/schemas/job';
import { createBulkWrites } from '../../db/bulk-writes';
import { recountJobs } from '../../db/job-counts';
import type { Job } from '../../db/schema';
import { makeWorld } from '../../scheduler/test-helpers';
import { jobId } from '../build-jobs';
import { createBulkActions } from './bulk-actions';

const STATUSES: JobStatus[] = ['queued', 'submitted', 'running', 'done', 'failed', 'canceled', 'expired'];

/** A world with `n` jobs cycling through every status, small chunks so every action takes several transactions. */
async function seeded(n = 70, chunk = 8) {
  const canceledAtProvider: string[] = [];
  const w = makeWorld({
    submit: async () => ({ ref: {}, providerJobIds: [] }),
    status: async () => ({ state: 'running' }),
    result: async () => [],
    cancel: async (job) => void canceledAtProvider.push(job.id),
  });
  const jobs = Array.from({ length: n }, (_, i) => makeJob(i, STATUSES[i % STATUSES.length]!, 1_000_000 + i));
  await w.repo.addJobs(jobs);
  for (const job of jobs) if (job.status === 'done' || job.status === 'failed') await w.repo.saveResult(job.id, [{ url: job.label }], 1);
  await w.db.seenEvents.put({ key: 'ch:1', at: 1 });
  const writes = createBulkWrites(w.db, chunk);
  let kicks = 0;
  const bulk = createBulkActions({
    writes,
    counts: () => w.repo.counts(),
    adapters: w.deps.adapters,
    context: w.deps.context,
    logger: w.logger,
    now: w.now,
    noteJob: (id, error) => w.repo.update(id, { error }),
    kick: () => void kicks++,
  });
  const all = async () => new Map((await w.db.jobs.toArray()).map((j) => [j.id, j]));
  const noDrift = async () => expect(await w.repo.counts()).toEqual(await recountJobs(w.db.jobs));
  return { w, jobs, bulk, writes, all, noDrift, kicks: () => kicks, canceledAtProvider, upTo: w.now() + 10_000_000 };
}

describe('bulk actions', () => {
  it('"Retry failed" on the failed filter re-queues exactly the failed jobs, drops their results, touches nothing else', async () => {
    const { w, jobs, bulk, all, noDrift, kicks, upTo } = await seeded();
    const failed = jobs.filter((j) => j.status === 'failed').map((j) => j.id);
    const outcome = await bulk.run('retry-failed', { status: 'failed', createdUpTo: upTo });
    expect(outcome).toMatchObject({ action: 'retry-failed', affected: failed.length });
    const after = await all();
    for (const job of jobs) {
      const now = after.get(job.id)!;
      if (failed.includes(job.id)) {
        expect(now).toMatchObject({ status: 'queued', active: 1, rev: 1, polls: 0 });
        expect(now.error).toBeUndefined();
        expect(await w.repo.getResult(job.id)).toBeUndefined();
      } else {
        expect(now).toEqual(job);
      }
    }
    expect((await w.repo.counts()).failed).toBe(0);
    await noDrift();
    expect(await w.db.bulkOps.get('current')).toMatchObject({ action: 'retry-failed', state: 'done', affected: failed.length, checked: failed.length, total: failed.length });
    expect(kicks()).toBe(1);
  });

  it('retries only the failed jobs matching the text filter, stepping over many jobs created at the same time', async () => {
    const { w, bulk, noDrift, upTo } = await seeded(0);
    await w.repo.addJobs(Array.from({ length: 30 }, (_, i) => makeJob(i, 'failed', 5)));
    const outcome = await bulk.run('retry-failed', { text: ' ODD ', createdUpTo: upTo });
    expect(outcome.affected).toBe(15);
    const rows = await w.db.jobs.toArray();
    expect(rows.filter((j) => j.status === 'queued').map((j) => j.search).every((s) => s.includes('odd'))).toBe(true);
    expect(rows.filter((j) => j.status === 'failed')).toHaveLength(15);
    await noDrift();
  });

  it('"Cancel" ends only active jobs, tells the provider about the ones it holds, and keeps jobs created after the click', async () => {
    const { jobs, bulk, all, noDrift, canceledAtProvider } = await seeded();
    const cutoff = jobs[40]!.createdAt;
    const outcome = await bulk.run('cancel', { createdUpTo: cutoff });
    const after = await all();
    const expected = jobs.filter((j) => j.active === 1 && j.createdAt <= cutoff);
    expect(outcome.affected).toBe(expected.length);
    for (const job of jobs) {
      if (expected.includes(job)) expect(after.get(job.id)).toMatchObject({ status: 'canceled', active: 0, rev: 1 });
      else expect(after.get(job.id)).toEqual(job);
    }
    // Queued jobs never reached the provider; submitted and running ones did.
    await expect.poll(() => canceledAtProvider.toSorted()).toEqual(expected.filter((j) => j.status !== 'queued').map((j) => j.id).toSorted());
    await noDrift();
  });

  it('"Delete" removes the matching jobs and their results and nothing else', async () => {
    const { w, jobs, bulk, all, noDrift, upTo } = await seeded();
    const outcome = await bulk.run('delete', { text: 'even', createdUpTo: upTo });
    const gone = jobs.filter((j) => j.search.includes('even'));
    expect(outcome.affected).toBe(gone.length);
    const after = await all();
    for (const job of jobs) {
      if (gone.includes(job)) {
        expect(after.has(job.id)).toBe(false);
        expect(await w.repo.getResult(job.id)).toBeUndefined();
      } else {
        expect(after.get(job.id)).toEqual(job);
        if (job.status === 'done' || job.status === 'failed') expect(await w.repo.getResult(job.id)).toBeDefined();
      }
    }
    expect(await w.db.seenEvents.count()).toBe(1);
    await noDrift();
  });

  it('"Clear finished" deletes every finished job and leaves active jobs untouched', async () => {
    const { w, jobs, bulk, all, noDrift, upTo } = await seeded();
    const outcome = await bulk.run('clear-finished', { createdUpTo: upTo });
    const after = await all();
    const active = jobs.filter((j) => j.active === 1);
    expect(outcome.affected).toBe(jobs.length - active.length);
    expect([...after.values()]).toEqual(active);
    expect(await w.db.results.count()).toBe(0);
    await noDrift();
    expect(await w.db.bulkOps.get('current')).toMatchObject({ state: 'done', checked: jobs.length, total: jobs.length, affected: outcome.affected });
  });

  it('a failure inside a chunk rolls that chunk back whole: earlier chunks stay, counters do not drift', async () => {
    const { w, jobs, writes, noDrift } = await seeded();
    let seen = 0;
    await writes.begin('delete', jobs.length, 0);
    await expect(
      writes.deleteWhere(() => {
        // Stands in for the worker being stopped while a chunk's transaction is open.
        if (++seen === 20) throw new Error('stopped');
        return true;
      }),
    ).rejects.toThrow('stopped');
    // Chunks of 8: the first two were committed, the third (rows 17–24) was rolled back.
    expect(await w.db.jobs.count()).toBe(jobs.length - 16);
    await noDrift();
    expect(await w.db.bulkOps.get('current')).toMatchObject({ state: 'running', checked: 16, affected: 16 });
    // The next worker start marks it interrupted.
    await createBulkActionsFor(w, writes);
    await expect.poll(async () => (await w.db.bulkOps.get('current'))?.state).toBe('interrupted');
  });

  it('runs one bulk action at a time', async () => {
    const { bulk, upTo } = await seeded();
    const first = bulk.run('clear-finished', { createdUpTo: upTo });
    await expect(bulk.run('delete', { createdUpTo: upTo })).rejects.toThrow('Wait until');
    await first;
  });
});

function makeJob(i: number, status: JobStatus, createdAt: number): Job {
  const url = `https://${i % 2 ? 'odd' : 'even'}.test/${i}`;
  return {
    id: jobId(createdAt, i, `u${i}`),
    provider: 'scrapedo',
    input: { kind: 'urls', urls: [url] },
    label: url,
    search: url,
    options: {},
    status,
    active: status === 'queued' || status === 'submitted' || status === 'running' ? 1 : 0,
    providerJobIds: [],
    createdAt,
    updatedAt: 1_000_000,
    nextPollAt: 0,
    polls: 0,
    attempts: 0,
    ...(status === 'failed' ? { error: 'boom' } : {}),
  };
}

async function createBulkActionsFor(w: Awaited<ReturnType<typeof seeded>>['w'], writes: ReturnType<typeof createBulkWrites>) {
  return createBulkActions({
    writes,
    counts: () => w.repo.counts(),
    adapters: w.deps.adapters,
    context: w.deps.context,
    logger: w.logger,
    now: w.now,
    noteJob: async () => {},
    kick: () => {},
  });
}
