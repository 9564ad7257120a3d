// The archive (issue 9), measured in Debian Chromium with the e2e build: search over 10,000 cached
// pages, building and loading the index, backup and restore of 10,000 results. Each figure is printed
// beside a floor measured in the same run on the same rows, and the ratio.
import { spawnSync } from 'node:child_process';
import { extensionWorker, launchWithExtension } from '../e2e/support/launch';
import type { BenchFigure } from './figures';

type Hooks = typeof import('../extension/lib/archive/bench-hooks');
declare const sq: { db: Parameters<Hooks['seedPages']>[0]; archiveBench: Hooks };

const PAGES = 10_000;
const VOCABULARY = 20_000;
const WORDS_PER_PAGE = 300;

const ratio = (value: number, floor: number) => (floor > 0 ? value / floor : NaN);

/** Queries as users type them: rare and common words, two words, prefixes, a typo. */
function queries(): string[] {
  const vocab = (i: number) => `w${i.toString(36)}x`;
  const out: string[] = [];
  for (let i = 0; i < 60; i++) out.push(vocab((i * 7_919) % VOCABULARY));
  for (let i = 0; i < 60; i++) out.push(`${vocab((i * 104_729) % VOCABULARY)} ${vocab((i * 1_299_709) % VOCABULARY)}`);
  for (let i = 0; i < 60; i++) out.push(vocab((i * 15_485_863) % VOCABULARY).slice(0, 3));
  for (let i = 0; i < 20; i++) out.push(vocab((i * 32_452_843) % VOCABULARY).replace(/x$/, 'q'));
  return out;
}

export async function benchArchive(): Promise<BenchFigure[]> {
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build --mode e2e failed');
  const browser = await launchWithExtension();
  try {
    const worker = await extensionWorker(browser.context);
    await worker.evaluate(([n, v, w]) => sq.archiveBench.seedPages(sq.db, n!, v!, w!), [PAGES, VOCABULARY, WORDS_PER_PAGE]);
    const index = await worker.evaluate(() => sq.archiveBench.benchIndexBuild(sq.db));
    const q = await worker.evaluate((list) => sq.archiveBench.benchQueries(sq.db, list), queries());
    if (process.env.BENCH_DEBUG) {
      for (const [label, from, to] of [['word', 0, 60], ['pair', 60, 120], ['prefix', 120, 180], ['typo', 180, 200]] as const) {
        const s = q.samples.slice(from, to).toSorted((a, b) => a - b);
        const e = q.engineSamples.slice(from, to).toSorted((a, b) => a - b);
        console.log(label, 'p50', s[Math.floor(s.length / 2)]?.toFixed(1), 'max', s.at(-1)?.toFixed(1), 'engine p50', e[Math.floor(e.length / 2)]?.toFixed(1), 'max', e.at(-1)?.toFixed(1));
      }
    }
    const br = await worker.evaluate(() => sq.archiveBench.benchBackupRestore(sq.db));
    const n = PAGES.toLocaleString('en-US');
    return [
      { name: `search p50 over ${n} cached pages (${q.queries} queries: words, word pairs, prefixes, typos; incl. snippets)`, value: q.p50, unit: 'ms' },
      { name: `search p95 (goal ≤ 50 ms)`, value: q.p95, unit: 'ms' },
      { name: `  of which the index alone (MiniSearch, no IndexedDB reads), p50 / p95`, value: q.engineP50, unit: `ms / ${q.engineP95.toFixed(1)} ms` },
      { name: `  floor: linear scan of the same texts for the same words, p50 / p95`, value: q.scanP50, unit: `ms / ${q.scanP95.toFixed(1)} ms` },
      { name: `  ratio search p95 / scan p95`, value: ratio(q.p95, q.scanP95), unit: '×' },
      { name: `index build for ${n} pages (HTML → main text, MiniSearch, saved to IndexedDB)`, value: index.buildMs, unit: 'ms' },
      { name: `  floor: raw IndexedDB read of the same ${index.rows.toLocaleString('en-US')} result rows`, value: index.floorMs, unit: 'ms' },
      { name: `  ratio build / raw read`, value: ratio(index.buildMs, index.floorMs), unit: '×' },
      { name: `index load in a restarted worker (stored index, no rebuild)`, value: index.loadMs, unit: 'ms' },
      { name: `back up ${n} results (+ jobs) to NDJSON Blob parts, ${(br.bytes / 1024 / 1024).toFixed(1)} MB`, value: br.backupMs, unit: 'ms' },
      { name: `  floor: raw IndexedDB read of the same rows`, value: br.readFloorMs, unit: 'ms' },
      { name: `  ratio backup / raw read`, value: ratio(br.backupMs, br.readFloorMs), unit: '×' },
      { name: `restore that backup into emptied tables (${br.added.toLocaleString('en-US')} rows: parse, validate, merge)`, value: br.restoreMs, unit: 'ms' },
      { name: `  floor: raw bulkAdd of the same rows`, value: br.writeFloorMs, unit: 'ms' },
      { name: `  ratio restore / raw write`, value: ratio(br.restoreMs, br.writeFloorMs), unit: '×' },
    ];
  } finally {
    await browser.close();
  }
}
