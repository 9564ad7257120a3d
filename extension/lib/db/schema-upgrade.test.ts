import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { readCounts, recountJobs } from './job-counts';
import { openDb } from './schema';

/**
 * The stores of every released schema version, frozen here as they were shipped (not imported from the code,
 * which moves on). When a version is added to schema.ts, add the one before it here: users upgrade from any.
 */
const RELEASED: Record<number, Record<string, string>> = {
  1: { jobs: 'id, createdAt, [active+nextPollAt], [status+createdAt], *providerJobIds, [groupId+active]', results: 'jobId', seenEvents: 'key, at' },
  3: { jobCounts: 'status', bulkOps: 'id' },
  4: { recipes: 'id, updatedAt', extracted: 'key, jobId, recipeId', crawls: 'groupId' },
  5: { monitors: 'id, url, [state+nextCheckAt], createdAt', snapshots: 'id, [monitorId+at], at', searchDocs: 'jobId, at', searchMeta: 'key' },
  6: { relayKeys: 'kid, createdAt' },
  7: { costEntries: 'key, jobId, at', costTotals: 'key' },
};
const versions = Object.keys(RELEASED).map(Number);

/** A database as the extension at `upTo` left it: every table of that version holding rows. */
async function writeReleased(name: string, upTo: number): Promise<Record<string, unknown[]>> {
  const old = new Dexie(name);
  for (const v of versions.filter((released) => released <= upTo)) old.version(v).stores(RELEASED[v]!);
  const job = (id: string, status: string, active: 0 | 1, createdAt: number) => ({
    id, provider: 'browser', input: { kind: 'urls', urls: [`https://${id}.test/`] }, label: id, search: id, options: { render: true },
    status, active, providerJobIds: [`p-${id}`], createdAt, updatedAt: createdAt, nextPollAt: 0, polls: 2, attempts: 0, groupId: 'g1',
    ...(status === 'failed' ? { error: 'HTTP 500', finishedAt: createdAt + 1 } : {}),
  });
  const rows: Record<string, unknown[]> = {
    jobs: [job('a', 'done', 0, 1), job('b', 'failed', 0, 2), job('c', 'queued', 1, 3), job('d', 'running', 1, 4), job('e', 'cancelled', 0, 5)],
    results: [{ jobId: 'a', records: [{ url: 'https://a.test/', html: '<p>a</p>' }], receivedAt: 10 }],
    seenEvents: [{ key: 'ch:ev-1', at: 11 }],
    jobCounts: [{ status: 'done', n: 1 }, { status: 'failed', n: 1 }, { status: 'queued', n: 1 }, { status: 'running', n: 1 }, { status: 'cancelled', n: 1 }],
    bulkOps: [{ id: 'bulk-1', kind: 'export', done: 3, total: 3, state: 'done', startedAt: 12 }],
    recipes: [{ id: 'r1', name: 'Products', fields: [{ name: 'title', selector: 'h1' }], updatedAt: 13 }],
    extracted: [{ key: 'a|r1', jobId: 'a', recipeId: 'r1', rows: [{ title: 'a' }] }],
    crawls: [{ groupId: 'g1', maxDepth: 2, maxPages: 10 }],
    monitors: [{ id: 'm1', url: 'https://a.test/', state: 'active', nextCheckAt: 14, createdAt: 14 }],
    snapshots: [{ id: 's1', monitorId: 'm1', at: 15, jobId: 'a' }],
    searchDocs: [{ jobId: 'a', at: 16, text: 'a' }],
    searchMeta: [{ key: 'index', value: '{}' }],
    costEntries: [{ key: 'a#0', jobId: 'a', provider: 'browser', credits: 0, at: 18 }],
    costTotals: [{ key: 'browser|1970-01', credits: 0, jobs: 1, unknownJobs: 0 }],
    relayKeys: [{ kid: 'k1', publicKey: 'pub', privateKey: { note: 'a CryptoKey in the browser' }, createdAt: 17 }],
  };
  const written: Record<string, unknown[]> = {};
  for (const table of old.tables) {
    await table.bulkAdd(rows[table.name]!);
    written[table.name] = rows[table.name]!;
  }
  old.close();
  return written;
}

describe('opening a database written by an earlier release', () => {
  it.each(versions)('keeps every row of every table written by version %i', async (from) => {
    const name = `released-${from}-${Math.random()}`;
    const written = await writeReleased(name, from);
    expect(Object.keys(written)).toContain('jobs');

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(from);
    for (const [table, rows] of Object.entries(written)) {
      const key = db.table(table).schema.primKey.keyPath as string;
      const kept = await db.table(table).toArray();
      const byKey = (r: unknown) => String((r as Record<string, unknown>)[key]);
      expect(kept.map(byKey).toSorted(), table).toEqual(rows.map(byKey).toSorted());
      for (const row of rows) expect(kept.find((k) => byKey(k) === byKey(row)), `${table} ${byKey(row)}`).toEqual(row);
    }
    // The counters are either filled by the upgrade (from v1) or kept, and agree with the jobs either way.
    expect(await readCounts(db.jobCounts)).toEqual(await recountJobs(db.jobs));
    db.close();
  });

  it('freezes the release just before the current schema, so the newest upgrade path is tested', async () => {
    const db = openDb(`current-${Math.random()}`);
    await db.open();
    // The current version or the one just before it is frozen above (a new version freezes the one it follows).
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(db.verno - 1);
    // Every released table still exists with the same primary key.
    for (const [table, spec] of Object.entries(RELEASED).flatMap(([, stores]) => Object.entries(stores))) {
      expect(db.table(table).schema.primKey.src, table).toBe(spec.split(',')[0]!.trim());
    }
    db.close();
  });
});
