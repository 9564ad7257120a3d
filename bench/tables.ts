// Issue 8's tables, measured in Debian Chromium with the e2e build: detection and a 4-field recipe
// over 1,000 cached pages (in the worker, as the Table tab asks for them), and the Table tab with
// 100,000 rows (open, reopen, scroll). Each figure is printed beside a floor measured in the same run
// and the ratio; nothing is asserted.
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { extensionWorker, launchWithExtension } from '../e2e/support/launch';
import type { BenchFigure } from './figures';

type Hooks = typeof import('../extension/lib/tables/bench-hooks');
declare const sq: { db: Parameters<Hooks['seedListings']>[0]; tablesBench: Hooks };

const PAGES = 1_000;
const CARDS = 24;
const BIG = 100_000;
const SMALL = 12;

const ratio = (value: number, floor: number) => (floor > 0 ? value / floor : NaN);
const n = (x: number) => x.toLocaleString('en-US');

function percentile(samples: number[], p: number): number {
  const sorted = samples.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Opens the Table tab of a job and times it until the data table shows its first row. */
async function openTable(page: Page, extensionId: string, jobId: string, rows: number): Promise<number> {
  const started = Date.now();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html?job=${encodeURIComponent(jobId)}&view=table`);
  const table = page.locator(`[role="table"][aria-label="Extracted data"][aria-rowcount="${rows + 1}"]`);
  await table.locator('[role="row"][aria-rowindex="2"]').waitFor({ timeout: 120_000 });
  return Date.now() - started;
}

/**
 * Frame intervals while the table scrolls `perFrame` px each frame for `frames` frames (0 px: the
 * idle frame rate, the floor), then the time from a jump to the end until the last row is drawn.
 */
async function scrollFrames(page: Page, perFrame: number, frames: number): Promise<{ intervals: number[]; jumpMs: number }> {
  // tsx (esbuild keepNames) wraps the named helpers below in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(
    async ([step, count]) => {
      const el = document.querySelector<HTMLElement>('.data-table-scroll');
      if (!el) throw new Error('no table to scroll');
      el.scrollTop = 0;
      const intervals: number[] = [];
      await new Promise<void>((done) => {
        let last = performance.now();
        let left = count!;
        const tick = (at: number) => {
          intervals.push(at - last);
          last = at;
          el.scrollTop += step!;
          if (--left > 0) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      const started = performance.now();
      el.scrollTop = el.scrollHeight;
      const rows = Number(el.querySelector('[role="table"]')?.getAttribute('aria-rowcount'));
      await new Promise<void>((done) => {
        const check = () => (el.querySelector(`[role="row"][aria-rowindex="${rows}"]`) ? done() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      return { intervals: intervals.slice(1), jumpMs: performance.now() - started };
    },
    [perFrame, frames],
  );
}

export async function benchTables(): Promise<BenchFigure[]> {
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build --mode e2e failed');
  const browser = await launchWithExtension();
  try {
    const worker = await extensionWorker(browser.context);
    const extensionId = new URL(worker.url()).host;
    const seeded = await worker.evaluate(([p, c]) => sq.tablesBench.seedListings(sq.db, p!, c!), [PAGES, CARDS]);
    const x = await worker.evaluate((ids) => sq.tablesBench.benchExtract(sq.db, ids), seeded.ids);
    const floor = x.readMs + x.parseMs;

    const big = await worker.evaluate((rows) => sq.tablesBench.seedBigTable(sq.db, 'bench-big', rows), BIG);
    await worker.evaluate((rows) => sq.tablesBench.seedBigTable(sq.db, 'bench-small', rows), SMALL);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 600, height: 900 });
    const bigFirst = await openTable(page, extensionId, 'bench-big', BIG);
    const bigAgain = await openTable(page, extensionId, 'bench-big', BIG);
    const scrolled = await scrollFrames(page, 400, 240);
    const idle = await scrollFrames(page, 0, 240);
    const smallFirst = await openTable(page, extensionId, 'bench-small', SMALL);
    const smallAgain = await openTable(page, extensionId, 'bench-small', SMALL);

    const pages = `${n(x.pages)} cached pages (${CARDS} product cards each, ${(seeded.bytes / 1024 / 1024).toFixed(1)} MB of HTML)`;
    return [
      { name: `apply a 4-field recipe to ${pages}: read, parse, apply, cache the rows (goal ≤ 2 s)`, value: x.recipeMs, unit: `ms (${n(x.recipeRows)} rows)` },
      { name: `detect tables on the same ${n(x.pages)} cached pages: read, parse, detect, cache`, value: x.detectMs, unit: `ms (${n(x.detectedRows)} rows in the best tables)` },
      { name: `  floor: raw IndexedDB read of the ${n(x.pages)} result rows + htmlparser2 parse of every page`, value: floor, unit: `ms (read ${x.readMs.toFixed(1)} + parse ${x.parseMs.toFixed(1)})` },
      { name: `  ratio recipe / floor`, value: ratio(x.recipeMs, floor), unit: '×' },
      { name: `  ratio detection / floor`, value: ratio(x.detectMs, floor), unit: '×' },
      { name: `  of which the pure functions alone on pages parsed beforehand: applyRecipe / detectTables`, value: x.applyOnlyMs, unit: `ms / ${x.detectOnlyMs.toFixed(1)} ms` },
      { name: `reopen the same ${n(x.pages)} pages (every entry cached, nothing recomputed)`, value: x.reopenMs, unit: 'ms' },
      { name: `  ratio reopen / raw read`, value: ratio(x.reopenMs, x.readMs), unit: '×' },
      { name: `Table tab, first open of a page with a ${n(BIG)}-row table (${(big.bytes / 1024 / 1024).toFixed(1)} MB; detect + cache + render)`, value: bigFirst, unit: 'ms' },
      { name: `Table tab, reopen of that page (rows from the cache)`, value: bigAgain, unit: 'ms' },
      { name: `  floor: the same for a ${SMALL}-row table, first open / reopen`, value: smallFirst, unit: `ms / ${smallAgain} ms` },
      { name: `  ratio reopen ${n(BIG)} rows / reopen ${SMALL} rows`, value: ratio(bigAgain, smallAgain), unit: '×' },
      { name: `scroll ${n(BIG)} rows at 400 px per frame, frame interval p50 / p95 / max`, value: percentile(scrolled.intervals, 50), unit: `ms / ${percentile(scrolled.intervals, 95).toFixed(1)} ms / ${Math.max(...scrolled.intervals).toFixed(1)} ms` },
      { name: `  floor: idle frame interval (same page, no scrolling) p50 / p95`, value: percentile(idle.intervals, 50), unit: `ms / ${percentile(idle.intervals, 95).toFixed(1)} ms` },
      { name: `  ratio scrolling p95 / idle p95`, value: ratio(percentile(scrolled.intervals, 95), percentile(idle.intervals, 95)), unit: '×' },
      { name: `jump to the last of ${n(BIG)} rows until it is drawn`, value: scrolled.jumpMs, unit: 'ms' },
    ];
  } finally {
    await browser.close();
  }
}
