import type { DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { makeWorld } from '../scheduler/test-helpers';

const idle = { submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' as const }), result: async () => [] };

describe('jobs repo (Dexie on fake-indexeddb)', () => {
  it('hands out due active jobs earliest first and knows the next wake time', async () => {
    const { repo, addJob, now } = makeWorld(idle);
    await addJob({ id: 'later', nextPollAt: now() + 5_000 });
    await addJob({ id: 'due-2', nextPollAt: now() - 10 });
    await addJob({ id: 'due-1', nextPollAt: now() - 20 });
    await addJob({ id: 'finished', active: 0, status: 'done', nextPollAt: 0 });
    expect((await repo.dueJobs(now(), 10)).map((j) => j.id)).toEqual(['due-1', 'due-2']);
    expect(await repo.nextDueAt()).toBe(now() - 20);
    expect(await repo.countActive()).toBe(3);
  });

  it('advance refuses a step outcome once the user changed the job (revision) or it finished', async () => {
    const { repo, addJob } = makeWorld(idle);
    const job = await addJob({ id: 'j' });
    expect(await repo.advance(job, { status: 'running' })).toBe(true);
    await repo.update('j', { rev: 1 });
    expect(await repo.advance(job, { status: 'done', active: 0 }, [{ url: 'https://a.test/' }])).toBe(false);
    expect(await repo.get('j')).toMatchObject({ status: 'running', active: 1 });
    expect(await repo.getResult('j')).toBeUndefined();
  });

  it('finds jobs by any of their provider job ids', async () => {
    const { repo, addJob } = makeWorld(idle);
    await addJob({ id: 'a', providerJobIds: ['snap-1', 'job:a'] });
    await addJob({ id: 'b', providerJobIds: ['snap-2'] });
    expect((await repo.findByProviderJobId('job:a')).map((j) => j.id)).toEqual(['a']);
    expect(await repo.findByProviderJobId('nope')).toEqual([]);
  });

  it('deletes jobs together with their results', async () => {
    const { repo, addJob } = makeWorld(idle);
    await addJob({ id: 'x' });
    await repo.saveResult('x', [{ url: 'https://a.test/' }], 1);
    await repo.deleteJobs(['x']);
    expect(await repo.get('x')).toBeUndefined();
    expect(await repo.getResult('x')).toBeUndefined();
  });

  it('tracks groups and seen webhook events', async () => {
    const { repo, addJob } = makeWorld(idle);
    await addJob({ groupId: 'g' });
    await addJob({ groupId: 'g', active: 0, status: 'done' });
    expect(await repo.countActiveInGroup('g')).toBe(1);
    expect(await repo.groupSummary('g')).toEqual({ total: 2, byStatus: { queued: 1, done: 1 } });
    expect(await repo.markEventSeen('ch:1', 1)).toBe(true);
    expect(await repo.markEventSeen('ch:1', 2)).toBe(false);
    expect(await repo.wasEventSeen('ch:1')).toBe(true);
  });

  it('caps a text-filter count instead of scanning every job', async () => {
    const { repo, addJob } = makeWorld(idle);
    for (let i = 0; i < 3; i++) await addJob({ search: `https://match.test/${i}` });
    expect(await repo.count({ text: 'MATCH' })).toBe(3);
    expect(await repo.count({ text: 'nothing' })).toBe(0);
  });

  it('lists any window newest first, with and without status and text filters', async () => {
    const { repo, addJob } = makeWorld(idle);
    const statuses = ['done', 'failed', 'queued'] as const;
    for (let i = 0; i < 30; i++) {
      const status = statuses[i % 3]!;
      const url = `https://site.test/${i % 2 ? 'odd' : 'even'}/${i}`;
      await addJob({ id: `j${String(i).padStart(2, '0')}`, createdAt: 1_000 + i, status, active: status === 'queued' ? 1 : 0, label: url, search: url });
    }
    const ids = (jobs: { id: string }[]) => jobs.map((j) => j.id);
    const newestFirst = Array.from({ length: 30 }, (_, i) => `j${String(29 - i).padStart(2, '0')}`);
    expect(ids(await repo.list({ offset: 0, limit: 5 }))).toEqual(newestFirst.slice(0, 5));
    expect(ids(await repo.list({ offset: 27, limit: 10 }))).toEqual(newestFirst.slice(27));
    const failed = newestFirst.filter((id) => Number(id.slice(1)) % 3 === 1);
    expect(ids(await repo.list({ status: 'failed', offset: 2, limit: 3 }))).toEqual(failed.slice(2, 5));
    const oddDone = newestFirst.filter((id) => Number(id.slice(1)) % 3 === 0 && Number(id.slice(1)) % 2 === 1);
    expect(ids(await repo.list({ status: 'done', text: 'ODD', offset: 1, limit: 2 }))).toEqual(oddDone.slice(1, 3));
    expect(await repo.list({ offset: 40, limit: 5 })).toEqual([]);
  });

  it('asks the jobs table for no more rows than the counters say match, and nothing for a window past them', async () => {
    const { db, repo, addJob } = makeWorld(idle);
    // Every read request reaching the jobs table, with the row limit it carries.
    const reads: { kind: string; limit?: number }[] = [];
    db.use({
      stack: 'dbcore',
      name: 'jobs-read-spy',
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name) {
          const table = down.table(name);
          if (name !== 'jobs') return table;
          return {
            ...table,
            query: (req) => (reads.push({ kind: 'query', limit: req.limit }), table.query(req)),
            openCursor: (req) => (reads.push({ kind: 'cursor' }), table.openCursor(req)),
          };
        },
      }),
    });
    for (let i = 0; i < 3; i++) await addJob({ createdAt: 1_000 + i });
    await addJob({ createdAt: 2_000, status: 'failed', active: 0 });

    reads.length = 0;
    expect(await repo.list({ offset: 0, limit: 25 })).toHaveLength(4);
    expect(reads).toEqual([{ kind: 'query', limit: 4 }]);

    reads.length = 0;
    expect(await repo.list({ status: 'queued', offset: 1, limit: 25 })).toHaveLength(2);
    expect(reads.filter((r) => r.kind === 'query').map((r) => r.limit)).toEqual([3]);

    reads.length = 0;
    expect(await repo.list({ offset: 4, limit: 25 })).toEqual([]);
    expect(await repo.list({ status: 'failed', offset: 1, limit: 25 })).toEqual([]);
    expect(await repo.list({ status: 'done', offset: 0, limit: 25 })).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('reads the active range in read-write transactions (so Chromium drops the stale entries they pass)', async () => {
    const { db, repo, addJob, now } = makeWorld(idle);
    const modes: string[] = [];
    db.use({
      stack: 'dbcore',
      name: 'transaction-mode-spy',
      create: (down: DBCore): DBCore => ({
        ...down,
        transaction(stores, mode, options) {
          if (stores.includes('jobs')) modes.push(mode);
          return down.transaction(stores, mode, options);
        },
      }),
    });
    await addJob({ nextPollAt: now() - 10 });
    modes.length = 0;
    expect(await repo.dueJobs(now(), 10)).toHaveLength(1);
    expect(await repo.nextDueAt()).toBe(now() - 10);
    expect(await repo.activeJobs()).toHaveLength(1);
    expect(modes).toEqual(['readwrite', 'readwrite', 'readwrite']);
  });
});
