/**
 * `npm run bench -- relay-browser`: webhook → job done in the extension with a relay, under 1,000
 * webhooks/s (issue 10, P2's relay part). 1,000 Scrape.do jobs are submitted to the loopback fake; the
 * load generator (bench/loadgen.ts, its own process) then POSTs their webhooks to the relay (its own
 * process, SQLite) on an open-loop schedule of 1,000/s, and the bench reads each job's finishedAt from
 * IndexedDB in Debian Chromium with the e2e build. The
 * floor beside it is the relay's own answer time for the same POSTs (a job cannot be done before its
 * webhook is stored). Prints figures, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeScrapeDo } from '../e2e/fakes/scrapedo';
import { extensionWorker, launchWithExtension } from '../e2e/support/launch';
import { startRelayProcess } from '../relay/testing/relay-process';
import type { BenchFigure } from './figures';
import { LoadResult } from './loadgen-result';
import { runScript } from './run-script';

const JOBS = 1_000;
const RATE = 1_000;

interface SqHandle {
  db: {
    jobs: {
      toArray(): Promise<Array<{ id: string; status: string; finishedAt?: number; polls: number }>>;
      where(index: string): { between(lower: unknown, upper: unknown): { count(): Promise<number> } };
    };
  };
  services: {
    relay: { connect(url: string): Promise<unknown> };
    queue: { queueText(text: string, provider: string): Promise<{ jobIds: string[] }> };
  };
}
declare const sq: SqHandle;
declare const chrome: { storage: { local: { set(v: unknown): Promise<void> } } };

const percentile = (xs: number[], p: number) => xs.toSorted((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

export async function benchRelayBrowser(): Promise<BenchFigure[]> {
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build --mode e2e failed');
  const dir = mkdtempSync(path.join(tmpdir(), 'sq-relay-browser-'));
  const relay = await startRelayProcess(['--db', path.join(dir, 'relay.sqlite'), '--rate', '100000', '--burst', '100000', '--pull-rate', '1000', '--connect-rate', '1000']);
  // Webhooks leave only when the bench sends them; all 1,000 jobs may run at once.
  const fake = await startFakeScrapeDo({ jobDurationMs: 0, webhookTickMs: 3_600_000, account: { freeConcurrency: JOBS, totalConcurrency: JOBS } });
  const browser = await launchWithExtension();
  try {
    const worker = await extensionWorker(browser.context);
    await worker.evaluate(async (baseUrl) => {
      await chrome.storage.local.set({ settings: { providers: { scrapedo: { apiKey: 'test-token', baseUrl, extra: {} } } } });
    }, fake.baseUrl);
    await worker.evaluate((url) => sq.services.relay.connect(url), relay.baseUrl);
    await worker.evaluate(async (n) => {
      for (let i = 0; i < n; i++) await sq.services.queue.queueText(`https://bench.example/relay/${i}`, 'scrapedo');
    }, JOBS);
    const deadline = Date.now() + 300_000;
    let submitted = 0;
    while (Date.now() < deadline) {
      submitted = await worker.evaluate(() => sq.db.jobs.toArray().then((all) => all.filter((j) => j.status === 'submitted').length));
      if (submitted >= JOBS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (submitted < JOBS) throw new Error(`only ${submitted} of ${JOBS} jobs were submitted`);

    const due = fake.takeDueWebhooks();
    const requestsFile = path.join(dir, 'webhooks.json');
    writeFileSync(requestsFile, JSON.stringify(due.map(({ url, body }) => ({ url, body: JSON.stringify(body) }))));
    // Open loop: webhook i leaves at i / RATE seconds, whatever the earlier ones are doing. Enough
    // connections that one webhook in flight each, waiting for its fsync, still keeps up with the rate.
    const sent = await runScript(
      'bench/loadgen.ts',
      { requestsFile, connections: 128, total: due.length, perSecond: RATE, deadlineMs: 120_000, timings: true },
      LoadResult,
      180_000,
    );
    if (sent.failed > 0) throw new Error(`${sent.failed} webhooks were not accepted ${JSON.stringify(sent.statuses)}`);
    const { sentAt: sentTimes, answeredAt: answeredTimes } = sent;
    if (!sentTimes || !answeredTimes) throw new Error('the load generator gave no per-request timings');
    const jobIdAt = due.map(({ url }) => new URL(url).searchParams.get('j') ?? '');
    const sentAt = new Map(jobIdAt.map((id, i) => [id, sentTimes[i]!]));
    const acceptedAt = new Map(jobIdAt.map((id, i) => [id, answeredTimes[i]!]));
    const answered = answeredTimes.map((at, i) => at - sentTimes[i]!);
    const sendSeconds = sent.seconds;
    // Waits on an index count of active jobs: reading all 1,000 rows every 100 ms took worker time
    // from the very batches being measured.
    const activeJobs = () => worker.evaluate(() => sq.db.jobs.where('[active+nextPollAt]').between([1, -Infinity], [1, Infinity]).count());
    while ((await activeJobs()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const jobs = await worker.evaluate(() => sq.db.jobs.toArray());
    const lags = jobs.filter((j) => j.finishedAt !== undefined && sentAt.has(j.id)).map((j) => j.finishedAt! - sentAt.get(j.id)!);
    // The part after the relay's 202 (push over the WebSocket and the extension's apply); a job is often
    // done before the sender has read its 202, so this can be negative.
    const afterAccept = jobs.filter((j) => j.finishedAt !== undefined && acceptedAt.has(j.id)).map((j) => j.finishedAt! - acceptedAt.get(j.id)!);
    const notDone = jobs.filter((j) => j.status !== 'done').length;
    return [
      { name: `webhook → job done p99, ${due.length} webhooks sent at ${(due.length / sendSeconds).toFixed(0)}/s (target ≤ 20 ms)`, value: Math.round(percentile(lags, 99)), unit: `ms (p50 ${percentile(lags, 50).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms)` },
      { name: 'floor: the same webhooks\' POST → 202 from the relay, p99', value: Number(percentile(answered, 99).toFixed(2)), unit: `ms (p50 ${percentile(answered, 50).toFixed(2)} ms)` },
      { name: '202 read by the sender → job done (relay push + extension apply), p99', value: Math.round(percentile(afterAccept, 99)), unit: `ms (p50 ${percentile(afterAccept, 50).toFixed(0)} ms)` },
      { name: 'status polls for those jobs (target 0)', value: fake.counts.status, unit: `requests; ${notDone} jobs not done` },
    ];
  } finally {
    await browser.close();
    await fake.close();
    await relay.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
