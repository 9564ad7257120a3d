/**
 * Measurements run inside the worker of the e2e build (npm run bench -- archive): each figure beside a
 * floor measured on the same rows in the same run. Not part of production builds.
 * @module
 */
import type { Job, ScrapeQueueDB, StoredResult } from '../db/schema';
import { DEFAULT_PROVIDER } from '../providers/registry';
import { createSearchService } from '../search/search-service';
import { backupChunks, backedUpTables, tablePages } from './backup';
import { createLineSplitter, restoreLines } from './restore';

const now = () => performance.now();
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function percentile(samples: number[], p: number): number {
  const sorted = samples.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Stores `count` finished page jobs whose text is drawn from a vocabulary; word i of the vocabulary is `vocab(i)`. */
export async function seedPages(db: ScrapeQueueDB, count: number, vocabulary: number, wordsPerPage: number): Promise<void> {
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const vocab = (i: number) => `w${i.toString(36)}x`;
  const at = Date.now();
  for (let start = 0; start < count; start += 1_000) {
    const jobs: Job[] = [];
    const results: StoredResult[] = [];
    for (let i = start; i < Math.min(count, start + 1_000); i++) {
      const words = Array.from({ length: wordsPerPage }, () => vocab(Math.floor(rand() * vocabulary)));
      const title = words.slice(0, 4).join(' ');
      const url = `https://bench.example/page/${i}`;
      jobs.push({
        id: `bench-${i}`, provider: DEFAULT_PROVIDER, input: { kind: 'urls' as const, urls: [url] }, label: url, search: url, options: {},
        status: 'done' as const, active: 0 as const, providerJobIds: [], createdAt: at - i, updatedAt: at, finishedAt: at, nextPollAt: 0, polls: 1, attempts: 0,
      });
      const paragraphs = [];
      for (let w = 0; w < words.length; w += 50) paragraphs.push(`<p>${words.slice(w, w + 50).join(' ')}</p>`);
      results.push({ jobId: `bench-${i}`, receivedAt: at - i, records: [{ url, statusCode: 200, html: `<!doctype html><html><head><title>${title}</title></head><body><nav>Home</nav><main><h1>${title}</h1>${paragraphs.join('')}</main><footer>© bench</footer></body></html>` }] });
    }
    await db.transaction('rw', db.jobs, db.results, async () => {
      await db.jobs.bulkAdd(jobs);
      await db.results.bulkAdd(results);
    });
  }
}

/** Index build from the stored results (text extraction + indexing + saving) beside a raw read of the same rows. */
export async function benchIndexBuild(db: ScrapeQueueDB) {
  let t = now();
  let rows = 0;
  for await (const page of tablePages(db.results)) rows += page.length;
  const floorMs = now() - t;
  await db.searchDocs.clear();
  await db.searchMeta.clear();
  const search = createSearchService({ db, now: Date.now, logger: quiet });
  t = now();
  await search.ensure();
  const buildMs = now() - t;
  // A restarted worker loads the stored index instead.
  t = now();
  await createSearchService({ db, now: Date.now, logger: quiet }).ensure();
  const loadMs = now() - t;
  return { rows, floorMs, buildMs, loadMs };
}

/** Query latencies (search + snippets for the shown hits) beside a linear scan of the same texts for the same words. */
export async function benchQueries(db: ScrapeQueueDB, queries: string[]) {
  const search = createSearchService({ db, now: Date.now, logger: quiet });
  await search.ensure();
  const texts = (await db.searchDocs.toArray()).map((d) => d.records.map((r) => `${r.title}\n${r.text}`.toLowerCase()).join('\n'));
  const searchMs: number[] = [];
  const scanMs: number[] = [];
  const engineMs: number[] = [];
  let hits = 0;
  for (const q of queries) {
    let t = now();
    (await search.ensure()).search(q);
    engineMs.push(now() - t);
    t = now();
    hits += (await search.search(q)).total;
    searchMs.push(now() - t);
    const words = q.toLowerCase().split(/\s+/);
    t = now();
    let found = 0;
    for (const text of texts) if (words.every((w) => text.includes(w))) found++;
    scanMs.push(now() - t);
    if (found < 0) throw new Error('unreachable');
  }
  return { queries: queries.length, hits, samples: searchMs, engineSamples: engineMs, engineP50: percentile(engineMs, 50), engineP95: percentile(engineMs, 95), p50: percentile(searchMs, 50), p95: percentile(searchMs, 95), scanP50: percentile(scanMs, 50), scanP95: percentile(scanMs, 95) };
}

/** Backup to Blob parts and restore into emptied tables, beside a raw read and a raw bulkAdd of the same rows. */
export async function benchBackupRestore(db: ScrapeQueueDB) {
  const tables = backedUpTables(db);
  let t = now();
  const raw: Record<string, object[]> = {};
  for (const table of tables) {
    raw[table.name] = [];
    for await (const page of tablePages(table)) raw[table.name]!.push(...page);
  }
  const readFloorMs = now() - t;

  t = now();
  const parts: Blob[] = [];
  for await (const chunk of backupChunks({ db, storage: async () => ({}), now: Date.now })) parts.push(new Blob([chunk]));
  const blob = new Blob(parts);
  const backupMs = now() - t;

  for (const table of tables) await table.clear();
  t = now();
  const split = createLineSplitter();
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder();
  let lineNo = 1;
  let added = 0;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    const report = await restoreLines({ db, readStorage: async () => undefined, writeStorage: async () => undefined }, batch, lineNo);
    added += Object.values(report.added).reduce((a, b) => a + b, 0);
    lineNo += batch.length;
    batch = [];
    chars = 0;
  };
  for (;;) {
    const { done, value } = await reader.read();
    for (const line of done ? split.end() : split.push(decoder.decode(value, { stream: true }))) {
      batch.push(line);
      chars += line.length;
      if (chars > 2 * 1024 * 1024) await flush();
    }
    if (done) break;
  }
  await flush();
  const restoreMs = now() - t;

  for (const table of tables) await table.clear();
  t = now();
  for (const table of tables) {
    const rows = raw[table.name]!;
    for (let i = 0; i < rows.length; i += 1_000) await table.bulkAdd(rows.slice(i, i + 1_000));
  }
  const writeFloorMs = now() - t;
  return { bytes: blob.size, added, readFloorMs, backupMs, restoreMs, writeFloorMs };
}
