import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeScraperApi, type FakeScraperApi, type FakeScraperApiOptions } from '@@/e2e/fakes/scraperapi';
import { startRecordingServer, type FakeRequest, type RecordingServer } from '@@/e2e/fakes/server';
import { callContext, expectProviderError, pollsFor, recordingLogger, urlJob, adapterFor, closedAfterEach } from '../testing';
import { scraperApi } from './index';
import type { CallContext, JobView, ProviderAdapter, StatusResult } from '../types';

import type { ScraperApiRef } from './ref';

const startFake = closedAfterEach(startFakeScraperApi);

const START = 1_800_000_000_000;

let clock = START;
let fake: FakeScraperApi;
let adapter: ProviderAdapter;
let logger: ReturnType<typeof recordingLogger>;
let ctx: CallContext;

async function setup(opts: FakeScraperApiOptions = {}, extra: Record<string, string> = {}) {
  fake = await startFake({ now: () => clock, ...opts });
  logger = recordingLogger();
  adapter = adapterFor(scraperApi, { fetch: globalThis.fetch, now: () => clock, logger });
  ctx = callContext(fake.apiKey, fake.baseUrl, extra);
}

const job = (urls: string[], options: Record<string, unknown> = {}, ref?: unknown): JobView =>
  urlJob(urls, { options, ref, createdAt: clock });

/** Polls like the scheduler does: keeps the ref each status answer returns. */
async function poll(view: JobView): Promise<[StatusResult, JobView]> {
  const status = await adapter.status(view, ctx);
  return [status, { ...view, ref: status.ref ?? view.ref }];
}

beforeEach(() => {
  clock = START;
});

describe('ScraperAPI adapter: single jobs', () => {
  it('submits with the key in the body, polls the status URL and returns the page with the done answer', async () => {
    await setup();
    const input = job(['https://a.example/']);
    const submitted = await adapter.submit(input, ctx);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/jobs',
      json: { apiKey: fake.apiKey, url: 'https://a.example/', meta: { scrapeQueueJobId: 'job-1' } },
    });
    expect(fake.requests[0]?.json).not.toHaveProperty('apiParams');
    expect(submitted.providerJobIds).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);

    let view = { ...input, ref: submitted.ref };
    let status: StatusResult;
    [status, view] = await poll(view);
    expect(status).toMatchObject({ state: 'running', progress: { done: 0, total: 1 } });
    clock += 10_000;
    [status, view] = await poll(view);
    expect(status).toMatchObject({ state: 'done', progress: { done: 1, total: 1 }, cost: '1' });
    expect(status.records).toEqual([
      expect.objectContaining({
        url: 'https://a.example/',
        finalUrl: 'https://a.example/',
        statusCode: 200,
        html: expect.stringContaining('<h1>Scraped https://a.example/</h1>'),
        headers: expect.objectContaining({ 'sa-credit-cost': '1' }),
      }),
    ]);
    // The status URL gets no key: a plain GET without a body.
    expect(fake.requests.filter((r) => r.method === 'GET').every((r) => r.json === undefined)).toBe(true);
    expect(fake.counts).toEqual({ submit: 1, status: 2, result: 0, cancel: 0, other: 0 });
  });

  it('maps options onto apiParams and the format onto the record', async () => {
    await setup();
    const options = { render: true, countryCode: 'us', outputFormat: 'markdown', apiParams: { wait_for_selector: '.x' } };
    const submitted = await adapter.submit(job(['https://md.example/'], options), ctx);
    expect(fake.requests[0]?.json).toMatchObject({
      apiParams: { render: true, country_code: 'us', output_format: 'markdown', wait_for_selector: '.x' },
    });
    clock += 10_000;
    const [status] = await poll(job(['x'], options, submitted.ref));
    expect(status.records?.[0]).toMatchObject({ markdown: expect.stringContaining('# Scraped https://md.example/') });
    expect(status.records?.[0]?.html).toBeUndefined();
  });

  it('keeps binary bodies as data and reports a failed job with its failReason', async () => {
    await setup({ binaryUrls: ['https://a.example/report.pdf'], failUrls: ['https://down.example/'] });
    const pdf = await adapter.submit(job(['https://a.example/report.pdf']), ctx);
    const down = await adapter.submit(job(['https://down.example/']), ctx);
    clock += 10_000;
    const [pdfStatus] = await poll(job(['x'], {}, pdf.ref));
    expect(pdfStatus.records?.[0]?.data).toEqual({ base64EncodedBody: expect.any(String), contentType: 'application/pdf' });
    const [downStatus] = await poll(job(['x'], {}, down.ref));
    expect(downStatus).toMatchObject({ state: 'failed', error: expect.stringContaining('failed_due_to_timeout') });
  });

  it('rejects unknown option values before sending anything', async () => {
    await setup();
    expect((await expectProviderError(adapter.submit(job(['https://a.example/'], { outputFormat: 'pdf' }), ctx))).kind).toBe('fatal');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('ScraperAPI adapter: batches', () => {
  it('polls only unfinished URLs, reports x/y, and returns every record when all are terminal', async () => {
    const slow = 'https://a.example/slow';
    await setup({ durationFor: (u) => (u === slow ? 30_000 : 10_000), failUrls: ['https://a.example/bad'] });
    const urls = ['https://a.example/1', slow, 'https://a.example/bad'];
    const submitted = await adapter.submit(job(urls), ctx);
    expect(fake.requests[0]).toMatchObject({ path: '/batchjobs', json: { apiKey: fake.apiKey, urls } });
    expect(submitted.providerJobIds).toHaveLength(3);
    expect(submitted.progress).toEqual({ done: 0, total: 3 });

    clock += 10_000;
    let [status, view] = await poll(job(urls, {}, submitted.ref));
    expect(status).toMatchObject({ state: 'running', progress: { done: 2, total: 3 } });
    expect(fake.counts.status).toBe(3);

    clock += 20_000;
    [status, view] = await poll(view);
    expect(fake.counts.status).toBe(4);
    expect(status).toMatchObject({ state: 'done', progress: { done: 3, total: 3 }, cost: '2' });
    expect(status.records?.map((r) => [r.url, r.error])).toEqual([
      ['https://a.example/1', undefined],
      [slow, undefined],
      ['https://a.example/bad', expect.stringContaining('failed_due_to_timeout')],
    ]);
    expect(await adapter.result(view, ctx)).toHaveLength(3);
  });

  it('splits more than 50,000 URLs into several batch requests and keeps every per-URL id', async () => {
    await setup();
    const urls = Array.from({ length: 50_001 }, (_, i) => `https://big.example/${i}`);
    const submitted = await adapter.submit(job(urls), ctx);
    const posts = fake.requests.filter((r) => r.path === '/batchjobs');
    expect(posts.map((r) => (r.json as { urls: string[] }).urls.length)).toEqual([50_000, 1]);
    const ref = submitted.ref as ScraperApiRef;
    expect(ref.tasks).toHaveLength(50_001);
    expect(ref.tasks[50_000]).toMatchObject({ url: 'https://big.example/50000', statusUrl: expect.stringContaining('/jobs/') });
    expect(new Set(submitted.providerJobIds).size).toBe(50_001);
  });

  it('fails one URL of a batch whose status URL is gone, and expires a single job', async () => {
    await setup();
    const batch = await adapter.submit(job(['https://a.example/1', 'https://a.example/2']), ctx);
    fake.expire(batch.providerJobIds[0]!);
    clock += 10_000;
    const [status] = await poll(job(['x'], {}, batch.ref));
    expect(status.state).toBe('done');
    expect(status.records?.[0]?.error).toMatch(/no longer has this job/);

    const single = await adapter.submit(job(['https://a.example/3']), ctx);
    fake.expire(single.providerJobIds[0]!);
    expect((await expectProviderError(adapter.status(job(['x'], {}, single.ref), ctx))).kind).toBe('expired');
  });
});

describe('ScraperAPI adapter: errors and cost control', () => {
  it('sends max_cost from job options or config.extra and names a cost-cap 403 on submit', async () => {
    await setup({ costFor: () => 10 }, { maxCost: '5' });
    const fromExtra = await expectProviderError(adapter.submit(job(['https://a.example/']), ctx));
    expect(fake.requests[0]?.json).toMatchObject({ apiParams: { max_cost: 5 } });
    expect(fromExtra).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/^Cost cap exceeded: This request exceeds your max_cost/) });
    await adapter.submit(job(['https://a.example/'], { maxCost: 20 }), ctx);
    expect(fake.requests[1]?.json).toMatchObject({ apiParams: { max_cost: 20 } });
  });

  it('fails the job when the max_cost 403 arrives inside the finished job', async () => {
    await setup({ costFor: () => 10, maxCostPlacement: 'job' });
    const submitted = await adapter.submit(job(['https://a.example/'], { maxCost: 2 }), ctx);
    clock += 10_000;
    const [status] = await poll(job(['x'], {}, submitted.ref));
    expect(status).toMatchObject({ state: 'failed', error: expect.stringMatching(/^Cost cap exceeded: This request exceeds/) });
  });

  it('tells a bad key (auth) from running out of credits (fatal)', async () => {
    await setup();
    const badKey = await expectProviderError(adapter.submit(job(['https://a.example/']), { ...ctx, config: { ...ctx.config, apiKey: 'nope' } }));
    expect(badKey).toMatchObject({ kind: 'auth', message: expect.stringContaining('Fix the key') });
    fake.setOutOfCredits(true);
    const noCredits = await expectProviderError(adapter.submit(job(['https://a.example/']), ctx));
    expect(noCredits).toMatchObject({ kind: 'fatal', message: expect.stringContaining('exhausted the API Credits') });
  });

  it('maps 5xx to transient and a 404 on submit to a base-URL hint, not to expired', async () => {
    await setup();
    fake.injectFailure(1, 502);
    expect((await expectProviderError(adapter.submit(job(['https://a.example/']), ctx))).kind).toBe('transient');
    fake.injectFailure(1, 404, 'Not Found');
    expect(await expectProviderError(adapter.submit(job(['https://a.example/']), ctx))).toMatchObject({
      kind: 'fatal',
      message: expect.stringContaining('check the ScraperAPI base URL'),
    });
  });

  it('maps 429 to rate-limit: Retry-After when sent, else a growing wait', async () => {
    await setup();
    fake.inject429(1, 3);
    expect(await expectProviderError(adapter.submit(job(['https://a.example/']), ctx))).toMatchObject({ kind: 'rate-limit', details: { retryAfterMs: 3_000 } });
    fake.inject429(2);
    const waits = [
      (await expectProviderError(adapter.submit(job(['https://a.example/']), ctx))).details.retryAfterMs,
      (await expectProviderError(adapter.submit(job(['https://a.example/']), ctx))).details.retryAfterMs,
    ];
    // The 429 that carried Retry-After counts as the first in a row: 5 s doubles from there.
    expect(waits).toEqual([10_000, 20_000]);
  });

  it('cancels unfinished URLs with DELETE and reads the cancelled state back', async () => {
    await setup();
    const submitted = await adapter.submit(job(['https://a.example/1', 'https://a.example/2']), ctx);
    const view = job(['x'], {}, submitted.ref);
    await adapter.cancel?.(view, ctx);
    expect(fake.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(fake.requests.at(-1)?.json).toEqual({ apiKey: fake.apiKey });
    const [status] = await poll(view);
    expect(status.state).toBe('canceled');
  });

  it('checks the key without scraping anything', async () => {
    await setup();
    expect(await adapter.checkKey(ctx)).toMatchObject({ ok: true });
    expect(await adapter.checkKey({ ...ctx, config: { ...ctx.config, apiKey: 'nope' } })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Bad API key'),
    });
    fake.setOutOfCredits(true);
    expect(await adapter.checkKey(ctx)).toMatchObject({ ok: false, message: expect.stringContaining('out of credits') });
    expect(fake.jobs.size).toBe(0);
  });

  it('has a poll plan that needs at most 1.5 status requests for 5–30 s jobs', () => {
    const polls = (durationMs: number) => pollsFor(adapter.pollPlan, durationMs);
    const durations = Array.from({ length: 26 }, (_, i) => (5 + i) * 1_000);
    expect(durations.reduce((sum, d) => sum + polls(d), 0) / durations.length).toBeLessThanOrEqual(1.5);
  });
});

describe('ScraperAPI adapter: callbacks', () => {
  const startReceiver = closedAfterEach(startRecordingServer);
  let receiver: RecordingServer;
  let received: FakeRequest[];

  it('asks for success and failure callbacks and completes a single job from its webhook alone', async () => {
    receiver = await startReceiver({ status: 200, body: 'ok' });
    received = receiver.received;
    await setup({ failUrls: ['https://bad.example/'] });
    const webhookUrl = `${receiver.baseUrl}/hooks/scraperapi?token=t1`;
    const single = await adapter.submit(job(['https://hook.example/']), { ...ctx, webhookUrl });
    const body = fake.requests[0]?.json as Record<string, unknown>;
    expect(body).toMatchObject({ callback: { type: 'webhook' }, expectUnsuccessReport: true, expectsUnsuccessReport: true });
    const callbackUrl = new URL((body.callback as { url: string }).url);
    expect(callbackUrl.searchParams.get('token')).toBe('t1');
    await adapter.submit(job(['https://bad.example/', 'https://ok.example/']), { ...ctx, webhookUrl });

    clock += 10_000;
    await fake.deliverDueWebhooks();
    expect(received).toHaveLength(3);
    const updates = received.flatMap((r) => adapter.parseWebhook?.({ headers: {}, body: r.body, query: r.query.toString() }) ?? []);
    const byId = new Map(updates.map((u) => [u.providerJobId, u]));
    expect(byId.get(single.providerJobIds[0]!)).toMatchObject({
      state: 'done',
      records: [expect.objectContaining({ url: 'https://hook.example/', html: expect.any(String) })],
    });
    const batchUpdates = updates.filter((u) => u.providerJobId !== single.providerJobIds[0]);
    expect(batchUpdates.map((u) => u.state)).toEqual(['running', 'running']);
    expect(batchUpdates.flatMap((u) => u.records ?? []).map((r) => r.url).toSorted()).toEqual(['https://bad.example/', 'https://ok.example/']);
    expect(fake.counts.status).toBe(0);
  });
});

describe('ScraperAPI adapter: status URLs the provider names', () => {
  it('does not fetch a status URL that is neither https nor on the configured host, and fails that job saying why', async () => {
    const elsewhere = await startRecordingServer({ status: 200, body: { id: 'x', status: 'finished' } });
    try {
      await setup({ statusUrlOrigin: elsewhere.baseUrl });
      const input = job(['https://a.example/']);
      const submitted = await adapter.submit(input, ctx);
      const [status] = await poll({ ...input, ref: submitted.ref });
      expect(status.state).toBe('failed');
      expect(status.error).toMatch(/^ScraperAPI named a status URL that is neither https nor on its configured host \(http:\/\/127\.0\.0\.1:\d+\/jobs\//);
      expect(elsewhere.received).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});
