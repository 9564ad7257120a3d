import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { makeWorld } from '../scheduler/test-helpers';
import { deleteKeyRanges, NativeDeleteError } from './native-deletes';

const idle = { submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' as const }), result: async () => [] };

describe('native range deletes', () => {
  it('delete single keys and inclusive ranges inside the Dexie transaction, nothing else', async () => {
    const { db, addJob } = makeWorld(idle);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await addJob({ id });
    await db.transaction('rw', db.jobs, async () => {
      await deleteKeyRanges('jobs', [['a', 'a'], ['c', 'e']]);
      // The same transaction sees the deletes.
      expect(await db.jobs.count()).toBe(2);
    });
    expect((await db.jobs.toArray()).map((j) => j.id)).toEqual(['b', 'f']);
  });

  it('refuse to run outside a transaction, and an empty list is a no-op', async () => {
    const { db } = makeWorld(idle);
    expect(() => deleteKeyRanges('jobs', [['a', 'b']])).toThrow(NativeDeleteError);
    await db.transaction('rw', db.jobs, () => deleteKeyRanges('jobs', []));
  });

  it('a failed request fails the transaction, so nothing of it is kept', async () => {
    const { db, addJob } = makeWorld(idle);
    for (const id of ['a', 'b']) await addJob({ id });
    await expect(
      db.transaction('rw', db.jobs, async () => {
        await deleteKeyRanges('jobs', [['a', 'a']]);
        // A range with lower > upper makes IDBKeyRange.bound throw: the transaction must not commit the first delete.
        await deleteKeyRanges('jobs', [['z', 'b']]);
      }),
    ).rejects.toThrow();
    expect(await db.jobs.count()).toBe(2);
  });

  it('live queries over the store read again once, when the transaction commits, with its other writes; not when it aborts', async () => {
    const { db, addJob } = makeWorld(idle);
    for (const id of ['a', 'b', 'c', 'd']) await addJob({ id });
    const seen: [number, number][] = [];
    let wake: () => void = () => {};
    // Reads jobs and the counters, as the popup's list window does.
    const subscription = liveQuery(async () => [await db.jobs.count(), (await db.jobCounts.get('queued'))?.n ?? 0] as [number, number]).subscribe((v) => {
      seen.push(v);
      wake();
    });
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    try {
      await next();
      // Only native deletes in the transaction: Dexie saw no write of its own.
      let reread = next();
      await db.transaction('rw', db.jobs, () => deleteKeyRanges('jobs', [['a', 'a']]));
      await reread;
      // With a Dexie write beside them: one announcement at commit, so one more read.
      reread = next();
      await db.transaction('rw', db.jobs, db.jobCounts, async () => {
        await deleteKeyRanges('jobs', [['b', 'b']]);
        await db.jobCounts.put({ status: 'queued', n: 2 });
      });
      await reread;
      await expect(
        db.transaction('rw', db.jobs, async () => {
          await deleteKeyRanges('jobs', [['c', 'c']]);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      // A later write wakes the query: the aborted delete is unseen, and nothing read in between.
      reread = next();
      await db.jobCounts.put({ status: 'queued', n: 3 });
      await reread;
      expect(seen).toEqual([
        [4, 4],
        [3, 4],
        [2, 2],
        [2, 3],
      ]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
