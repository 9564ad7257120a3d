import { describe, expect, it } from 'vitest';
import { readCounts, recountJobs, totalOf } from '../db/job-counts';
import { backupChunks } from './backup';
import { addReports, createLineSplitter, emptyReport, restoreLines } from './restore';
import { addPage, freshDb } from './test-helpers';

const KEY = 'sk-live-SECRET-123';

async function backupText(db: ReturnType<typeof freshDb>, storage: Record<string, unknown>): Promise<string> {
  let text = '';
  for await (const chunk of backupChunks({ db, storage: async () => storage, now: () => 42 })) text += chunk;
  return text;
}

async function seed() {
  const db = freshDb();
  // j007 also carries the optional, unindexed job fields: failover links and the webhook token.
  const linked = { retriedFrom: 'j006', retriedOn: [{ jobId: 'j008', provider: 'scrapedo' as const, at: 9 }], webhookToken: 'tok-007' };
  for (let i = 0; i < 300; i++) {
    await addPage(db, `j${String(i).padStart(3, '0')}`, { title: `T${i}`, body: `body ${i}`, ...(i === 7 ? { patch: linked } : {}) });
  }
  await db.monitors.add({
    id: 'm1', url: 'https://site.test/j001', provider: 'browser', interval: 'daily', notify: true, state: 'active',
    createdAt: 1, slotAt: 2, nextCheckAt: 3, checks: 1, changes: 0,
  });
  await db.snapshots.add({ id: 'j001', monitorId: 'm1', jobId: 'j001', at: 5, text: 'body 1', fingerprint: 'f', changed: false });
  // Derived tables are not backed up: they are rebuilt from the rest.
  await db.searchDocs.add({ jobId: 'j001', provider: 'browser', at: 1, records: [] });
  const storage = {
    settings: { defaultProvider: 'scrapedo', providers: { scrapedo: { apiKey: KEY, baseUrl: 'https://q.test' } } },
    archivePrefs: { keepSnapshots: 5 },
    relay: { subscriberSecret: 'relay-secret', url: 'http://127.0.0.1:1' },
  };
  return { db, storage };
}

describe('backup round trip', () => {
  it('writes every job, result, monitor and snapshot, and settings without API keys or the relay', async () => {
    const { db, storage } = await seed();
    const text = await backupText(db, storage);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('relay-secret');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'header', format: 'scrape-queue-backup', counts: { jobs: 300, results: 300, monitors: 1, snapshots: 1 } });
    expect(lines.filter((l) => l.type === 'row' && l.table === 'jobs')).toHaveLength(300);
    expect(lines.some((l) => l.table === 'searchDocs')).toBe(false);
    expect(lines.filter((l) => l.type === 'storage').map((l) => l.key)).toEqual(['settings', 'archivePrefs']);
  });

  it('restores into an empty database, keeping the current API key; a second restore adds nothing', async () => {
    const { db, storage } = await seed();
    const text = await backupText(db, storage);
    const target = freshDb();
    const stored: Record<string, unknown> = { settings: { providers: { scrapedo: { apiKey: 'kept-key' } } } };
    const restoreTarget = {
      db: target,
      readStorage: async (k: string) => stored[k],
      writeStorage: async (k: string, v: unknown) => void (stored[k] = v),
    };
    // Fed in odd-sized chunks, as a file stream would: lines span chunk boundaries.
    const run = async () => {
      const split = createLineSplitter();
      const total = emptyReport();
      let lineNo = 1;
      for (let i = 0; i < text.length; i += 777) {
        const lines = split.push(text.slice(i, i + 777));
        addReports(total, await restoreLines(restoreTarget, lines, lineNo));
        lineNo += lines.length;
      }
      return addReports(total, await restoreLines(restoreTarget, split.end(), lineNo));
    };
    const first = await run();
    expect(first.added).toEqual({ jobs: 300, results: 300, monitors: 1, snapshots: 1 });
    expect(first.invalid).toEqual([]);
    expect(first.jobIds).toHaveLength(300);
    expect(await target.results.get('j123')).toEqual(await db.results.get('j123'));
    expect(await target.jobs.get('j007')).toEqual(await db.jobs.get('j007'));
    expect(await target.jobs.get('j007')).toMatchObject({ retriedFrom: 'j006', webhookToken: 'tok-007' });
    expect(await target.monitors.get('m1')).toEqual(await db.monitors.get('m1'));
    expect(stored.settings).toEqual({ defaultProvider: 'scrapedo', providers: { scrapedo: { apiKey: 'kept-key', baseUrl: 'https://q.test' } } });
    expect(stored.relay).toBeUndefined();

    const second = await run();
    expect(Object.values(second.added).reduce((a, b) => a + b, 0)).toBe(0);
    expect(second.present).toBe(602);
    expect(await target.jobs.count()).toBe(300);
    // Restored jobs are counted once (issue 10's per-status counters), however often the file is restored.
    expect(await readCounts(target.jobCounts)).toEqual(await recountJobs(target.jobs));
    expect(totalOf(await readCounts(target.jobCounts))).toBe(300);
  });

  it('carries recipes (issue 8), and leaves out derived tables and relay keys', async () => {
    const source = freshDb();
    const recipe = { id: 'r1', name: 'Prices', urls: 'https://shop.test/*', rowSelector: 'tr', fields: [{ name: 'Price', selector: 'td', value: { kind: 'text' as const } }], version: 1, createdAt: 1, updatedAt: 1 };
    await source.recipes.add(recipe);
    await source.extracted.put({ key: 'k', jobId: 'j', recipeId: 'r1' } as never);
    await source.relayKeys.put({ kid: 'kid1', publicKey: 'pub', createdAt: 1 } as never);
    const text = await backupText(source, {});
    expect(text).not.toContain('kid1');
    expect(JSON.parse(text.split('\n')[0]!).counts).toEqual({ jobs: 0, results: 0, recipes: 1, monitors: 0, snapshots: 0 });
    const target = freshDb();
    const restoreTarget = { db: target, readStorage: async () => undefined, writeStorage: async () => undefined };
    const lines = text.trim().split('\n');
    expect((await restoreLines(restoreTarget, lines)).added).toEqual({ recipes: 1 });
    expect(await target.recipes.get('r1')).toEqual(recipe);
    expect((await restoreLines(restoreTarget, lines)).added).toEqual({ recipes: 0 });
  });

  it('reports bad lines by number and writes the good ones', async () => {
    const target = freshDb();
    const lines = [
      '{"type":"row","table":"jobs","row":{"id":"x"}}',
      'not json',
      '{"type":"row","table":"nope","row":{"id":"y"}}',
      '{"type":"row","table":"snapshots","row":{"id":"s","monitorId":"m","jobId":"s","at":1,"text":"t","fingerprint":"f","changed":true}}',
    ];
    const report = await restoreLines({ db: target, readStorage: async () => undefined, writeStorage: async () => undefined }, lines, 10);
    expect(report.invalid).toEqual([
      { line: 10, reason: 'jobs row does not match the expected shape' },
      { line: 11, reason: 'not JSON' },
      { line: 12, reason: 'unknown table nope' },
    ]);
    expect(report.added).toEqual({ snapshots: 1 });
  });
});
