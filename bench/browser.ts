// Figures measured in the real browser: Debian Chromium with the e2e build of the extension.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeScrapeDo } from '../e2e/fakes/scrapedo';
import { extensionWorker, launchWithExtension } from '../e2e/support/launch';
import { openSqliteStore } from '../relay/store/sqlite';
import { startRelay } from '../relay/testing/harness';
import { ensureE2eBuild } from './build';
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
  ensureE2eBuild();
  // P3 (queueing) and P4 (popup render) are in queue.ts and popup.ts.
  return webhookToDone();
}
