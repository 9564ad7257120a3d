import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createJobActions } from '../jobs/job-actions';
import { processJob } from '../scheduler/process-job';
import { makeWorld } from '../scheduler/test-helpers';
import { readCounts, recountJobs, zeroCounts } from './job-counts';
import { openDb, type Job } from './schema';

const page = [{ url: 'https://a.test/', html: '<p>a</p>' }];

function world(state: () => 'running' | 'done' | 'failed' = () => 'done') {
  return makeWorld({
    submit: async () => ({ ref: { id: 'p' }, providerJobIds: ['p'] }),
    status: async () => ({ state: state(), error: 'boom' }),
    result: async () => page,
  });
}

/** The stored counters must equal a count of the status index after every kind of write. */
async function expectNoDrift(w: ReturnType<typeof world>): Promise<void> {
  expect(await w.repo.counts()).toEqual(await recountJobs(w.db.jobs));
}

describe('job counters', () => {
  it('follow adds, scheduler steps to done and failed, cancel, retry and delete', async () => {
    let outcome: 'running' | 'done' | 'failed' = 'running';
    const w = world(() => outcome);
    const actions = createJobActions(w.deps, () => {});
    const jobs: Job[] = [];
    for (let i = 0; i < 6; i++) jobs.push(await w.addJob());
    expect((await w.repo.counts()).queued).toBe(6);
    await expectNoDrift(w);

    for (const job of jobs) await processJob(w.deps, (await w.repo.get(job.id))!);
    expect((await w.repo.counts()).submitted).toBe(6);
    await expectNoDrift(w);

    await processJob(w.deps, (await w.repo.get(jobs[0]!.id))!);
    outcome = 'done';
    await processJob(w.deps, (await w.repo.get(jobs[1]!.id))!);
    outcome = 'failed';
    await processJob(w.deps, (await w.repo.get(jobs[2]!.id))!);
    await actions.cancel(jobs[3]!.id);
    await expectNoDrift(w);
    expect(await w.repo.counts()).toEqual({ ...zeroCounts(), running: 1, done: 1, failed: 1, canceled: 1, submitted: 2 });

    await actions.retry(jobs[2]!.id);
    await actions.retry(jobs[3]!.id);
    await expectNoDrift(w);
    expect((await w.repo.counts()).queued).toBe(2);

    await actions.remove([jobs[0]!.id, jobs[1]!.id, 'no-such-job']);
    await expectNoDrift(w);
    expect(await w.repo.count({})).toBe(4);
    expect(await w.repo.countActive()).toBe(4);
  });

  it('ignore a cancel of a finished job and a retry refused because the job is active', async () => {
    const w = world();
    const actions = createJobActions(w.deps, () => {});
    const job = await w.addJob({ status: 'done', active: 0 });
    await actions.cancel(job.id);
    const active = await w.addJob();
    await expect(actions.retry(active.id)).rejects.toThrow('still active');
    await expectNoDrift(w);
    expect(await w.repo.counts()).toEqual({ ...zeroCounts(), done: 1, queued: 1 });
  });

  it('do not move when a transaction with job writes is aborted (a worker stopped before commit)', async () => {
    const w = world();
    const kept = await w.addJob();
    const before = await w.repo.counts();
    await expect(
      w.db.transaction('rw', w.db.jobs, w.db.results, w.db.jobCounts, async (tx) => {
        await w.repo.update(kept.id, { status: 'failed', active: 0 });
        await w.repo.deleteJobs([kept.id]);
        await w.addJob({ status: 'running' });
        // What the browser does to an open transaction when the worker is terminated.
        tx.abort();
      }),
    ).rejects.toThrow();
    expect(await w.repo.counts()).toEqual(before);
    await expectNoDrift(w);
  });

  it('do not move when a bulk add fails part-way (duplicate id): nothing is stored', async () => {
    const w = world();
    const existing = await w.addJob();
    const fresh = { ...existing, id: 'fresh' };
    await expect(w.repo.addJobs([fresh, existing])).rejects.toThrow();
    expect(await w.repo.get('fresh')).toBeUndefined();
    await expectNoDrift(w);
    expect(await w.repo.count({})).toBe(1);
  });

  it('are filled from the existing jobs when an older database is upgraded', async () => {
    const name = `upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(1).stores({ jobs: 'id, createdAt, [active+nextPollAt], [status+createdAt], *providerJobIds, [groupId+active]', results: 'jobId', seenEvents: 'key, at' });
    const base = { provider: 'browser', input: { kind: 'urls', urls: ['https://a.test/'] }, label: 'a', search: 'a', options: {}, providerJobIds: [], updatedAt: 1, nextPollAt: 0, polls: 0, attempts: 0 };
    await old.table('jobs').bulkAdd([
      { ...base, id: 'a', status: 'done', active: 0, createdAt: 1 },
      { ...base, id: 'b', status: 'done', active: 0, createdAt: 2 },
      { ...base, id: 'c', status: 'queued', active: 1, createdAt: 3 },
    ]);
    old.close();
    const db = openDb(name);
    expect(await readCounts(db.jobCounts)).toEqual({ ...zeroCounts(), done: 2, queued: 1 });
    db.close();
  });
});
