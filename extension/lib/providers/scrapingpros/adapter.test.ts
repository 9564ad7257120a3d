import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeScrapingPros, type FakeScrapingPros, type FakeScrapingProsOptions } from '@@/e2e/fakes/scrapingpros';
import { fakePageHtml, startRecordingServer, type FakeRequest } from '@@/e2e/fakes/server';
import { callContext, expectProviderError, recordingLogger, urlJob, adapterFor, closedAfterEach } from '../testing';
import { scrapingPros } from './index';
import type { CallContext, JobView } from '../types';
import { SCRAPING_PROS_POLL_PLAN } from './adapter';
import type { ScrapingProsRef } from './ref';

const startFake = closedAfterEach(startFakeScrapingPros);

let clock = 0;
let fake: FakeScrapingPros;
let logger: ReturnType<typeof recordingLogger>;
const adapter = () => adapterFor(scrapingPros, { fetch: globalThis.fetch, now: () => clock, logger });
const ctxFor = (apiKey = 'test-key', webhookUrl?: string): CallContext => callContext(apiKey, fake.baseUrl, {}, webhookUrl);
const jobFor = (urls: string[], options: Record<string, unknown> = {}, id = 'job-1'): JobView =>
  urlJob(urls, { id, options, createdAt: clock });

async function start(opts: FakeScrapingProsOptions = {}) {
  fake = await startFake({ now: () => clock, jobDurationMs: 10_000, ...opts });
}

/** submit, then one status at the first poll delay (the fake's runs take 10 s). */
async function runToDone(job: JobView) {
  const a = adapter();
  const submitted = await a.submit(job, ctxFor());
  clock += SCRAPING_PROS_POLL_PLAN.firstPollDelayMs;
  const status = await a.status({ ...job, ref: submitted.ref }, ctxFor());
  return { a, submitted, status, done: { ...job, ref: status.ref } };
}

beforeEach(() => {
  clock = Date.parse('2026-11-25T12:00:00Z');
  logger = recordingLogger();
});

describe('ScrapingPros adapter against the fake', () => {
  it('creates a named collection with an Idempotency-Key, runs it and reports progress', async () => {
    await start();
    const a = adapter();
    const job = jobFor(['https://example.com/a', 'https://example.com/b'], { browser: true, useProxy: 'any' });
    const submitted = await a.submit(job, ctxFor());
    const [collection] = [...fake.collections.values()];
    expect(collection).toMatchObject({
      name: 'Scrape Queue 2026-11-25T12:00:00.000Z',
      requests: [
        { url: 'https://example.com/a', browser: true, use_proxy: 'any' },
        { url: 'https://example.com/b', browser: true, use_proxy: 'any' },
      ],
    });
    expect(submitted.progress).toEqual({ done: 0, total: 2 });

    clock += 5_000;
    expect(await a.status({ ...job, ref: submitted.ref }, ctxFor())).toMatchObject({
      state: 'running',
      progress: { done: 1, total: 2 },
    });
    // A retried submit (same job id) reuses the collection instead of creating another.
    await a.submit(job, ctxFor());
    expect(fake.collections.size).toBe(1);
    expect(fake.counts).toMatchObject({ submit: 2, run: 2, status: 1 });
  });

  it('seed behaviour: done in one poll, failed/timed-out URLs become error records, no HTML', async () => {
    await start();
    const job = jobFor(['https://example.com/ok', 'https://example.com/fail', 'https://example.com/timeout'], {
      collectionName: 'My run',
    });
    const { a, status, done } = await runToDone(job);
    expect(status).toMatchObject({ state: 'done', progress: { done: 3, total: 3 } });
    const records = await a.result(done, ctxFor());
    expect(records).toEqual([
      { url: 'https://example.com/ok' },
      { url: 'https://example.com/fail', error: 'Connection timeout' },
      { url: 'https://example.com/timeout', error: 'Request timed out' },
    ]);
    expect([...fake.collections.values()][0]?.name).toBe('My run');
    expect(fake.counts).toMatchObject({ status: 1, jobs: 1, sync: 0 });
    expect(logger.calls.some((c) => c.message.includes('seed API'))).toBe(true);
  });

  it('fetchHtml (opt-in) gets content of successful URLs through /v1/sync/scrape', async () => {
    await start();
    const job = jobFor(['https://example.com/ok', 'https://example.com/fail'], { fetchHtml: true });
    const { a, done } = await runToDone(job);
    const records = await a.result(done, ctxFor());
    expect(records).toEqual([
      expect.objectContaining({ url: 'https://example.com/ok', html: fakePageHtml('https://example.com/ok'), statusCode: 200 }),
      { url: 'https://example.com/fail', error: 'Connection timeout' },
    ]);
    expect(fake.counts.sync).toBe(1);
  });

  it('newer API: per-job results give each URL its HTML without extra cost', async () => {
    await start({ perJobResults: true });
    const job = jobFor(['https://example.com/a', 'https://example.com/fail']);
    const { a, done } = await runToDone(job);
    const records = await a.result(done, ctxFor());
    expect(records).toEqual([
      expect.objectContaining({
        url: 'https://example.com/a',
        html: fakePageHtml('https://example.com/a'),
        statusCode: 200,
        timings: { queue_wait_ms: 12, proxy_ms: 340 },
      }),
      { url: 'https://example.com/fail', error: 'Connection timeout' },
    ]);
    expect(fake.counts).toMatchObject({ jobs: 1, result: 1, sync: 0 });
    expect((done.ref as ScrapingProsRef).jobIds).toHaveLength(2);
  });

  it('a run whose every request failed is done with error records', async () => {
    await start();
    const { a, status, done } = await runToDone(jobFor(['https://example.com/fail-only']));
    expect(status.state).toBe('done');
    expect(await a.result(done, ctxFor())).toEqual([{ url: 'https://example.com/fail-only', error: 'Connection timeout' }]);
  });

  it('re-runs a saved collection without creating one', async () => {
    await start();
    const a = adapter();
    const first = await a.submit(jobFor(['https://example.com/a']), ctxFor());
    const { collectionId } = first.ref as ScrapingProsRef;
    const rerun = await a.submit(jobFor(['https://example.com/a'], { collectionId }, 'job-2'), ctxFor());
    expect((rerun.ref as ScrapingProsRef).collectionId).toBe(collectionId);
    expect((rerun.ref as ScrapingProsRef).runId).not.toBe((first.ref as ScrapingProsRef).runId);
    expect(fake.counts).toMatchObject({ submit: 1, run: 2 });
  });

  it('lists and renames saved collections, keeping their requests', async () => {
    await start();
    const a = adapter();
    await a.submit(jobFor(['https://example.com/a'], { collectionName: 'Old name' }), ctxFor());
    const [summary] = await a.collections!.list(ctxFor());
    expect(summary?.name).toBe('Old name');
    const renamed = await a.collections!.rename(ctxFor(), summary?.id ?? '', 'New name');
    expect(renamed.name).toBe('New name');
    // The seed's GET has no requests, so the PUT carries the name only and the stored requests survive.
    expect(fake.updates).toEqual([{ name: 'New name' }]);
    expect([...fake.collections.values()][0]?.requests).toEqual([{ url: 'https://example.com/a' }]);
  });

  it('a run unknown after 24 h is expired', async () => {
    await start();
    const a = adapter();
    const job = jobFor(['https://example.com/a']);
    const gone = { ...job, ref: { collectionId: 'x', runId: 'y' } satisfies ScrapingProsRef };
    expect((await expectProviderError(a.status(gone, ctxFor()))).kind).toBe('fatal');
    clock += 24 * 3600_000;
    expect((await expectProviderError(a.status(gone, ctxFor()))).kind).toBe('expired');
  });

  it('checkKey uses the collection list', async () => {
    await start();
    const a = adapter();
    expect(await a.checkKey(ctxFor())).toMatchObject({ ok: true, details: { collections: 0 } });
    expect(await a.checkKey(ctxFor('nope'))).toMatchObject({ ok: false, message: expect.stringMatching(/fix your key/i) });
  });

  it('with a relay, the run.completed callback finishes the job with zero status polls', async () => {
    await start({ perJobResults: true });
    const relay = await startRecordingServer();
    const { received } = relay;
    try {
      const a = adapter();
      const job = jobFor(['https://example.com/a']);
      const { ref, providerJobIds } = await a.submit(job, ctxFor('test-key', `${relay.baseUrl}/hooks/sp`));
      clock += 10_000;
      await fake.deliverCallbacks();
      const hit = received[0] as FakeRequest;
      const [update] = a.parseWebhook?.({ headers: {}, body: hit.body, query: hit.query.toString() }) ?? [];
      expect(update).toMatchObject({ providerJobId: providerJobIds[0], state: 'done', progress: { done: 1, total: 1 } });
      const records = await a.result({ ...job, ref: update?.ref ?? ref }, ctxFor());
      expect(records[0]?.html).toBe(fakePageHtml('https://example.com/a'));
      expect(fake.counts.status).toBe(1); // result() re-reads the run once for failed_jobs; no polling
    } finally {
      await relay.close();
    }
  });

  it('declares no cancel', async () => {
    await start();
    expect(adapter().cancel).toBeUndefined();
    expect(adapter().capabilities.cancel).toBe(false);
  });
});
