// Figures measured in the real browser: Debian Chromium with the e2e build of the extension.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from '@playwright/test';
import { startFakeScrapeDo } from '../e2e/fakes/scrapedo';
import { extensionWorker, launchWithExtension } from '../e2e/support/launch';
import { openSqliteStore } from '../relay/store/sqlite';
import { startRelay } from '../relay/testing/harness';
import type { BenchFigure } from './figures';

interface SqHandle {
  db: { jobs: { count(): Promise<number>; bulkAdd(rows: unknown[]): Promise<unknown>; get(id: string): Promise<{ status: string; finishedAt?: number } | undefined> } };
  services: {
    relay: { connect(url: string): Promise<unknown> };
    queue: { queueText(text: string, provider: string): Promise<{ jobIds: string[] }> };
  };
}
declare const sq: SqHandle;
declare const chrome: { storage: { local: { set(v: unknown): Promise<void> } } };

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Pastes 50,000 URLs into the popup and times Queue → every URL stored in a job row. */
async function queue50k(providerLabel: string, expectedJobs: number): Promise<BenchFigure[]> {
  const browser = await launchWithExtension();
  try {
    const worker = await extensionWorker(browser.context);
    const id = new URL(worker.url()).host;
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    // Loopback hosts are granted at install, so no permission prompt stands in the way of the measurement.
    const text = Array.from({ length: 50_000 }, (_, i) => `http://127.0.0.1:9/bench/page/${i}`).join('\n');
    await page.getByRole('combobox', { name: 'Provider' }).selectOption({ label: providerLabel });
    // Set as one paste would (Playwright's fill types through insertText, far slower than a paste).
    await page.getByRole('textbox', { name: 'URLs to scrape' }).evaluate((el, value) => {
      (el as HTMLTextAreaElement).value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    const started = Date.now();
    await page.getByRole('button', { name: 'Queue' }).click();
    await page.getByRole('status').filter({ hasText: /Queued 50,000/ }).waitFor({ timeout: 120_000 });
    const ms = Date.now() - started;
    const stored = await worker.evaluate(() => sq.db.jobs.count());
    if (stored !== expectedJobs) throw new Error(`expected ${expectedJobs} stored jobs, found ${stored}`);
    return [{ name: `queue 50,000 pasted URLs with ${providerLabel} (click Queue → ${expectedJobs.toLocaleString('en-US')} jobs stored)`, value: ms, unit: 'ms' }];
  } finally {
    await browser.close();
  }
}

async function popupWith100k(): Promise<BenchFigure[]> {
  const browser = await launchWithExtension();
  try {
    const worker: Worker = await extensionWorker(browser.context);
    const id = new URL(worker.url()).host;
    await worker.evaluate(async () => {
      const now = Date.now();
      for (let chunk = 0; chunk < 20; chunk++) {
        const rows = Array.from({ length: 5_000 }, (_, i) => {
          const n = chunk * 5_000 + i;
          const url = `https://bench.example/item/${n}`;
          return {
            id: `bench-${n}`,
            provider: 'browser',
            input: { kind: 'urls', urls: [url] },
            label: url,
            search: url,
            options: {},
            status: n % 10 === 0 ? 'failed' : 'done',
            active: 0,
            providerJobIds: [],
            createdAt: now - n,
            updatedAt: now,
            nextPollAt: 0,
            polls: 1,
            attempts: 0,
          };
        });
        await sq.db.jobs.bulkAdd(rows);
      }
    });
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.context.newPage();
      const started = Date.now();
      await page.goto(`chrome-extension://${id}/popup.html`);
      await page.getByRole('list', { name: 'Jobs' }).getByRole('listitem').first().waitFor();
      samples.push(Date.now() - started);
      await page.close();
    }
    return [{ name: 'popup first render with 100,000 stored jobs (median of 5, navigation → first row)', value: median(samples), unit: 'ms' }];
  } finally {
    await browser.close();
  }
}

async function webhookToDone(): Promise<BenchFigure[]> {
  const relay = await startRelay({ store: openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'sq-bench-')), 'relay.sqlite')) });
  // Webhooks are sent only when the bench says so, to time them.
  const fake = await startFakeScrapeDo({ jobDurationMs: 0, webhookTickMs: 3_600_000 });
  const browser = await launchWithExtension();
  try {
    const worker = await extensionWorker(browser.context);
    await worker.evaluate(
      async ({ baseUrl }) => {
        await chrome.storage.local.set({ settings: { providers: { scrapedo: { apiKey: 'test-token', baseUrl, extra: {} } } } });
      },
      { baseUrl: fake.baseUrl },
    );
    await worker.evaluate((url) => sq.services.relay.connect(url), relay.baseUrl);
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { jobIds } = await worker.evaluate((n) => sq.services.queue.queueText(`https://bench.example/hook/${n}`, 'scrapedo'), i);
      const jobId = jobIds[0]!;
      const deadline = Date.now() + 20_000;
      while ((await worker.evaluate((j) => sq.db.jobs.get(j), jobId))?.status !== 'submitted' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const sent = Date.now();
      await fake.deliverWebhooks();
      let job = await worker.evaluate((j) => sq.db.jobs.get(j), jobId);
      while (job?.status !== 'done' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
        job = await worker.evaluate((j) => sq.db.jobs.get(j), jobId);
      }
      if (job?.status !== 'done' || job.finishedAt === undefined) throw new Error(`job ${jobId} did not finish: ${job?.status}`);
      samples.push(job.finishedAt - sent);
    }
    const sorted = samples.toSorted((a, b) => a - b);
    return [
      { name: 'webhook → job done in the extension, p50 (fake posts to relay, relay pushes over WebSocket)', value: median(samples), unit: 'ms' },
      { name: 'webhook → job done in the extension, max of 10', value: sorted.at(-1) ?? NaN, unit: 'ms' },
      { name: 'status polls made for those 10 jobs', value: fake.counts.status, unit: 'requests' },
    ];
  } finally {
    await browser.close();
    await fake.close();
    await relay.close();
  }
}

export async function benchBrowser(): Promise<BenchFigure[]> {
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build --mode e2e failed');
  return [
    ...(await queue50k('This browser', 50_000)),
    ...(await queue50k('Scrape.do', 50)),
    ...(await popupWith100k()),
    ...(await webhookToDone()),
  ];
}
