import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { makeWorld } from '../scheduler/test-helpers';
import { deleteKeyRanges, NativeDeleteError, signalTablesChanged } from './native-deletes';

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

  it('signalTablesChanged makes live queries over those tables read again', async () => {
    const { db, addJob } = makeWorld(idle);
    for (const id of ['a', 'b', 'c']) await addJob({ id });
    const seen: number[] = [];
    let wake: () => void = () => {};
    const subscription = liveQuery(() => db.jobs.count()).subscribe((n) => {
      seen.push(n);
      wake();
    });
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    try {
      await next();
      await db.transaction('rw', db.jobs, () => deleteKeyRanges('jobs', [['a', 'b']]));
      const reread = next();
      signalTablesChanged(db, ['jobs']);
      await reread;
      expect(seen).toEqual([3, 1]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
