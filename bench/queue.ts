// P3: 50,000 pasted URLs queued from the popup (click → "Queued 50,000 …" with every URL stored),
// per provider, beside a bare IndexedDB write of the same rows in the same browser.
import { extensionWorker, launchWithExtension } from '../e2e/support/launch';
import { ensureE2eBuild } from './build';
import type { BenchFigure } from './figures';
import { installRawIdb } from './floors';

declare const sq: { db: { jobs: { toArray(): Promise<{ input: { kind: string; urls?: string[] } }[]> } } };
declare const benchRaw: { create(name: string): Promise<void>; put(name: string, store: string, rows: unknown[]): Promise<number> };

const URLS = 50_000;

/**
 * Times inside the popup, from the click event on Queue to the DOM mutation that shows the report, so
 * neither Playwright's actionability checks nor its polling interval count.
 */
const TIMING_SCRIPT = String.raw`
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('button')?.textContent?.trim() === 'Queue') globalThis.__clickAt = performance.now();
}, true);
new MutationObserver((_, observer) => {
  for (const el of document.querySelectorAll('[role=status]')) {
    if (globalThis.__clickAt !== undefined && /Queued 50,000 URLs/.test(el.textContent ?? '')) {
      globalThis.__reportAt = performance.now();
      observer.disconnect();
    }
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
`;

export async function queue50k(providerLabel: string): Promise<BenchFigure> {
  const browser = await launchWithExtension();
  try {
    const worker = await extensionWorker(browser.context);
    const id = new URL(worker.url()).host;
    const page = await browser.context.newPage();
    await page.addInitScript(TIMING_SCRIPT);
    await page.goto(`chrome-extension://${id}/popup.html`);
    // Loopback hosts are granted at install, so no permission prompt stands in the way of the measurement.
    const text = Array.from({ length: URLS }, (_, i) => `http://127.0.0.1:9/bench/page/${i}`).join('\n');
    await page.getByRole('combobox', { name: 'Provider', exact: true }).selectOption({ label: providerLabel });
    // Set as one paste would (Playwright's fill types through insertText, far slower than a paste).
    await page.getByRole('textbox', { name: 'URLs to scrape' }).evaluate((el, value) => {
      (el as HTMLTextAreaElement).value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    await page.getByRole('button', { name: 'Queue', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /Queued 50,000 URLs/ }).waitFor({ timeout: 120_000 });
    const ms = await page.evaluate(() => {
      const t = globalThis as unknown as { __clickAt?: number; __reportAt?: number };
      return (t.__reportAt ?? NaN) - (t.__clickAt ?? NaN);
    });
    // Every URL is stored (the report came after the write committed), and the same rows are written again bare.
    await installRawIdb(worker);
    const { rows, urls, floorMs } = await worker.evaluate(async () => {
      const jobs = await sq.db.jobs.toArray();
      await benchRaw.create('floor');
      const rawMs = await benchRaw.put('floor', 'jobs', jobs);
      return { rows: jobs.length, urls: jobs.reduce((n, j) => n + (j.input.urls?.length ?? 0), 0), floorMs: rawMs };
    });
    if (urls !== URLS) throw new Error(`expected ${URLS} stored URLs, found ${urls}`);
    return {
      name: `P3 queue 50,000 pasted URLs with ${providerLabel} (click Queue → report; ${rows.toLocaleString('en-US')} job rows hold the 50,000 URLs)`,
      value: ms,
      unit: 'ms',
      floor: { name: `bare IndexedDB put of the same ${rows.toLocaleString('en-US')} rows, same indexes`, value: floorMs },
    };
  } finally {
    await browser.close();
  }
}

export async function benchQueue(): Promise<BenchFigure[]> {
  ensureE2eBuild();
  // Every provider that takes pasted URLs (ScrapeLLM takes prompts, not URL lists).
  const figures: BenchFigure[] = [];
  for (const label of ['This browser', 'Scrape.do', 'ScraperAPI', 'Bright Data', 'ScrapingPros']) figures.push(await queue50k(label));
  return figures;
}
