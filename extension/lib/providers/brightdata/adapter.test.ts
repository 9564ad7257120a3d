import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeBrightData, type FakeBrightData, type FakeBrightDataOptions } from '@@/e2e/fakes/brightdata';
import { startRecordingServer, type FakeRequest, type RecordingServer } from '@@/e2e/fakes/server';
import { ProviderError } from '../errors';
import { callContext, expectProviderError, jobView, pollsFor, recordingLogger, adapterFor, closedAfterEach } from '../testing';
import { brightData } from './index';
import type { CallContext, JobView, ProviderAdapter } from '../types';

import { recordsFromText } from './records';
import { DEFAULT_DATASET_ID } from './submit';

const startFake = closedAfterEach(startFakeBrightData);

const START = 1_800_000_000_000;

let clock = START;
let fake: FakeBrightData;
let adapter: ProviderAdapter;
let logger: ReturnType<typeof recordingLogger>;
let ctx: CallContext;

async function setup(opts: FakeBrightDataOptions = {}, extra: Record<string, string> = {}) {
  fake = await startFake({ now: () => clock, ...opts });
  logger = recordingLogger();
  adapter = adapterFor(brightData, { fetch: globalThis.fetch, now: () => clock, logger });
  ctx = callContext(fake.apiKey, fake.baseUrl, extra);
}

const job = (input: JobView['input'], options: Record<string, unknown> = {}, ref?: unknown): JobView =>
  jobView(input, { options, ref, createdAt: clock });
const urls = (...list: string[]): JobView['input'] => ({ kind: 'urls', urls: list });

beforeEach(() => {
  clock = START;
});

describe('Bright Data adapter: async trigger', () => {
  it('triggers, polls progress and downloads records mapped onto ScrapeRecord', async () => {
    await setup({ jobDurationMs: 20_000 });
    const input = job(urls('https://a.example/1', 'https://a.example/2'));

    const submitted = await adapter.submit(input, ctx);
    const trigger = fake.requests[0]!;
    expect(trigger.path).toBe('/datasets/v3/trigger');
    expect(trigger.query.get('dataset_id')).toBe(DEFAULT_DATASET_ID);
    expect(trigger.query.get('format')).toBe('json');
    expect(trigger.query.get('include_errors')).toBe('true');
    expect(trigger.query.has('endpoint')).toBe(false);
    expect(trigger.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(trigger.json).toEqual([{ url: 'https://a.example/1' }, { url: 'https://a.example/2' }]);
    expect(submitted.providerJobIds).toHaveLength(1);
    expect(submitted.progress).toEqual({ done: 0, total: 2 });

    const running = { ...input, ref: submitted.ref };
    expect(await adapter.status(running, ctx)).toEqual({ state: 'running' });
    clock += 20_000;
    expect(await adapter.status(running, ctx)).toEqual({ state: 'done' });

    const actual = await adapter.result(running, ctx);
    expect(actual.map((r) => r.url)).toEqual(['https://a.example/1', 'https://a.example/2']);
    expect(actual[0]).toMatchObject({
      finalUrl: 'https://a.example/1',
      markdown: expect.stringContaining('# Scraped https://a.example/1'),
      html: expect.stringContaining('<h1>Scraped https://a.example/1</h1>'),
      text: expect.stringContaining('Scraped https://a.example/1'),
    });
    expect(actual[0]?.data).toMatchObject({ url: 'https://a.example/1', page_html: expect.any(String) });
    expect(fake.counts).toEqual({ submit: 1, status: 2, result: 1, cancel: 0, other: 0 });
  });

  it('uses the dataset id from config.extra and sends discovery inputs as keywords', async () => {
    await setup({}, { datasetId: 'gd_custom' });
    await adapter.submit(job({ kind: 'discover', keyword: 'coffee', discoverBy: 'keyword' }), ctx);
    const trigger = fake.requests[0]!;
    expect(trigger.query.get('dataset_id')).toBe('gd_custom');
    expect(trigger.query.get('type')).toBe('discover_new');
    expect(trigger.query.get('discover_by')).toBe('keyword');
    expect(trigger.json).toEqual([{ keyword: 'coffee' }]);
  });

  it('reports failed collections with their error_message and failed inputs as error records', async () => {
    await setup({ failSnapshot: (inputs) => (inputs.includes('https://bad.example/') ? 'Collection failed: target blocked' : undefined) });
    const failing = await adapter.submit(job(urls('https://bad.example/')), ctx);
    clock += 10_000;
    expect(await adapter.status(job(urls('https://bad.example/'), {}, failing.ref), ctx)).toEqual({
      state: 'failed',
      error: 'Collection failed: target blocked',
    });

    await fake.close();
    await setup({ failUrls: ['https://gone.example/'] });
    const partial = await adapter.submit(job(urls('https://gone.example/', 'https://ok.example/')), ctx);
    clock += 10_000;
    const records = await adapter.result(job(urls('x'), {}, partial.ref), ctx);
    expect(records[0]).toMatchObject({ url: 'https://gone.example/', error: 'dead_page: Page does not exist' });
    expect(records[1]?.error).toBeUndefined();
  });

  it('understands the collecting/digesting vocabulary of the per-scraper guides', async () => {
    await setup({ statusVocabulary: 'guide', jobDurationMs: 10_000 });
    const { ref } = await adapter.submit(job(urls('https://a.example/')), ctx);
    expect((await adapter.status(job(urls('x'), {}, ref), ctx)).state).toBe('running');
    clock += 6_000;
    expect((await adapter.status(job(urls('x'), {}, ref), ctx)).state).toBe('running');
  });
});

describe('Bright Data adapter: sync /scrape', () => {
  it("answers a mode 'now' job with records at once, even as a bare object", async () => {
    await setup({ singleObject: true });
    const actual = await adapter.submit(job(urls('https://now.example/'), { mode: 'now' }), ctx);
    expect(fake.requests[0]?.path).toBe('/datasets/v3/scrape');
    expect(fake.requests[0]?.query.get('format')).toBe('json');
    expect(actual.records?.map((r) => r.url)).toEqual(['https://now.example/']);
    expect(actual.providerJobIds).toEqual([]);
    expect(await adapter.status(job(urls('x'), {}, actual.ref), ctx)).toEqual({ state: 'done' });
  });

  it('turns a 202 auto-conversion into a running snapshot job', async () => {
    await setup({ syncDelayMs: 60_000, durationFor: (u) => (u.includes('slow') ? 90_000 : undefined) });
    const input = job(urls('https://slow.example/'), { mode: 'now' });
    const submitted = await adapter.submit(input, ctx);
    expect(submitted.records).toBeUndefined();
    expect(submitted.ref).toMatchObject({ kind: 'snapshot', autoConverted: true });
    expect(submitted.providerJobIds).toEqual([expect.stringMatching(/^s_/)]);
    const withRef = { ...input, ref: submitted.ref };
    expect((await adapter.status(withRef, ctx)).state).toBe('running');
    clock += 90_000;
    expect((await adapter.status(withRef, ctx)).state).toBe('done');
    expect((await adapter.result(withRef, ctx)).map((r) => r.url)).toEqual(['https://slow.example/']);
  });

  it('sends more than 20 URLs through /trigger even in mode now', async () => {
    await setup();
    const many = Array.from({ length: 21 }, (_, i) => `https://a.example/${i}`);
    await adapter.submit(job(urls(...many), { mode: 'now' }), ctx);
    expect(fake.requests[0]?.path).toBe('/datasets/v3/trigger');
  });

  it('rejects unknown options as a fatal error before sending anything', async () => {
    await setup();
    const actual = await expectProviderError(adapter.submit(job(urls('https://a.example/'), { mode: 'later' }), ctx));
    expect(actual.kind).toBe('fatal');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Bright Data adapter: downloads', () => {
  it('maps 202 to not-ready, including once after progress says ready', async () => {
    await setup({ notReadyAfterReady: 1 });
    const input = job(urls('https://a.example/'));
    const withRef = { ...input, ref: (await adapter.submit(input, ctx)).ref };
    const early = await expectProviderError(adapter.result(withRef, ctx));
    expect(early).toMatchObject({ kind: 'not-ready', details: { retryAfterMs: 10_000 } });
    clock += 10_000;
    expect((await adapter.status(withRef, ctx)).state).toBe('done');
    expect((await expectProviderError(adapter.result(withRef, ctx))).kind).toBe('not-ready');
    expect(await adapter.result(withRef, ctx)).toHaveLength(1);
  });

  it('maps expired and unknown snapshots to expired', async () => {
    await setup();
    const input = job(urls('https://a.example/'));
    const submitted = await adapter.submit(input, ctx);
    clock += 10_000;
    fake.expire(submitted.providerJobIds[0]!);
    expect((await expectProviderError(adapter.result({ ...input, ref: submitted.ref }, ctx))).kind).toBe('expired');
    const unknown = { ...input, ref: { kind: 'snapshot', snapshotId: 's_nope', datasetId: DEFAULT_DATASET_ID } };
    expect((await expectProviderError(adapter.status(unknown, ctx))).kind).toBe('expired');
  });

  it('treats a ref it did not write as fatal', async () => {
    await setup();
    expect((await expectProviderError(adapter.status(job(urls('x'), {}, { id: 1 }), ctx))).kind).toBe('fatal');
  });

  it.each([
    ['a JSON array', '[{"url":"https://a/"},{"url":"https://b/"}]', ['https://a/', 'https://b/']],
    ['a single object', '{"url":"https://a/"}', ['https://a/']],
    ['NDJSON', '{"url":"https://a/"}\n{"url":"https://b/"}\n', ['https://a/', 'https://b/']],
    ['an empty array', '[]', []],
    ['an error record', '{"error_code":"dead_page","input":{"url":"https://c/"}}', ['https://c/']],
  ])('parses %s', (_, input, expected) => {
    expect(recordsFromText(input).map((r) => r.url)).toEqual(expected);
  });

  it('rejects malformed record bodies as fatal, and reads a field of another shape as absent', () => {
    expect(() => recordsFromText('[1, 2]')).toThrow(ProviderError);
    expect(recordsFromText('{"url": 3, "input": {"url": "https://a.example/"}}')).toMatchObject([{ url: 'https://a.example/' }]);
    expect(() => recordsFromText('{"url":"a"}\nnot json')).toThrow(/line 2/);
  });
});

describe('Bright Data adapter: errors and limits', () => {
  it('maps a wrong key to auth with a fix-your-key message', async () => {
    await setup();
    const actual = await expectProviderError(adapter.submit(job(urls('https://a.example/')), { ...ctx, config: { ...ctx.config, apiKey: 'wrong' } }));
    expect(actual.kind).toBe('auth');
    expect(actual.message).toMatch(/Invalid credentials.*Fix the key/);
  });

  it('explains validation errors and unknown datasets', async () => {
    await setup();
    const invalid = await expectProviderError(adapter.submit(job(urls('not a url')), ctx));
    expect(invalid).toMatchObject({ kind: 'fatal', message: expect.stringContaining('Invalid input provided (url: ') });
    const noDataset = await expectProviderError(adapter.submit(job(urls('https://a.example/')), { ...ctx, config: { ...ctx.config, extra: { datasetId: 'nope' } } }));
    expect(noDataset).toMatchObject({ kind: 'fatal', message: expect.stringContaining('dataset "nope" not found') });
  });

  it('maps 5xx answers and network failures to transient', async () => {
    await setup();
    fake.injectFailure(1, 503, 'Service Unavailable');
    expect(await expectProviderError(adapter.submit(job(urls('https://a.example/')), ctx))).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('HTTP 503: Service Unavailable'),
    });
    const unreachable = { ...ctx, config: { ...ctx.config, baseUrl: 'http://127.0.0.1:9' } };
    expect((await expectProviderError(adapter.submit(job(urls('https://a.example/')), unreachable))).kind).toBe('transient');
  });

  it('honours Retry-After, else backs off 2, 4, 8 s', async () => {
    await setup();
    const input = job(urls('https://a.example/'));
    fake.inject429(1, 7);
    expect(await expectProviderError(adapter.submit(input, ctx))).toMatchObject({ kind: 'rate-limit', details: { retryAfterMs: 7_000 } });
    fake.inject429(3);
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 3; i += 1) waits.push((await expectProviderError(adapter.submit(input, ctx))).details.retryAfterMs);
    expect(waits).toEqual([4_000, 8_000, 16_000]);
  });

  it('stops sending after 10 429s in 5 minutes and waits the window out', async () => {
    await setup();
    const input = job(urls('https://a.example/'));
    fake.inject429(100);
    for (let i = 0; i < 10; i += 1) {
      expect((await expectProviderError(adapter.submit(input, ctx))).kind).toBe('rate-limit');
      clock += 1_000;
    }
    const sent = fake.counts.submit;
    const blocked = await expectProviderError(adapter.status(job(urls('x'), {}, { kind: 'snapshot', snapshotId: 's_x', datasetId: 'gd_x' }), ctx));
    expect(blocked.kind).toBe('rate-limit');
    expect(blocked.details.retryAfterMs).toBe(5 * 60_000 - 10_000);
    expect(fake.counts.submit + fake.counts.status).toBe(sent);

    clock += blocked.details.retryAfterMs ?? 0;
    fake.inject429(0);
    await adapter.submit(input, ctx);
    expect(fake.counts.submit).toBe(sent + 1);
    expect(logger.lines.filter((l) => l.startsWith('warn: Bright Data 429'))).toHaveLength(10);
  });

  it('cancels running snapshots and tolerates "Snapshot is not running"', async () => {
    await setup();
    const input = job(urls('https://a.example/'));
    const withRef = { ...input, ref: (await adapter.submit(input, ctx)).ref };
    await adapter.cancel?.(withRef, ctx);
    expect((await adapter.status(withRef, ctx)).state).toBe('canceled');
    await adapter.cancel?.(withRef, ctx);
    expect(fake.counts.cancel).toBe(2);
  });

  it('checks the key and the dataset id', async () => {
    await setup();
    expect(await adapter.checkKey(ctx)).toMatchObject({ ok: true });
    const badKey = await adapter.checkKey({ ...ctx, config: { ...ctx.config, apiKey: 'wrong' } });
    expect(badKey).toMatchObject({ ok: false, message: expect.stringContaining('Bad API key') });
    const badDataset = await adapter.checkKey({ ...ctx, config: { ...ctx.config, extra: { datasetId: 'x1' } } });
    expect(badDataset).toMatchObject({ ok: false, message: expect.stringContaining('dataset "x1" was not found') });
    expect(fake.requests.at(-1)?.query.get('limit')).toBe('1');
  });

  it('has a poll plan that needs at most 1.5 progress calls for 5–30 s jobs', () => {
    const plan = adapterFor(brightData, { fetch, now: () => 0, logger: recordingLogger() }).pollPlan;
    const polls = (durationMs: number) => pollsFor(plan, durationMs);
    const durations = Array.from({ length: 26 }, (_, i) => (5 + i) * 1_000);
    const average = durations.reduce((sum, d) => sum + polls(d), 0) / durations.length;
    expect(average).toBeLessThanOrEqual(1.5);
  });
});

describe('Bright Data adapter: webhooks', () => {
  const startReceiver = closedAfterEach(startRecordingServer);
  let receiver: RecordingServer;
  let received: FakeRequest[];

  it('passes a tagged relay URL and matches the delivered records back to the job', async () => {
    receiver = await startReceiver({ status: 200, body: 'ok' });
    received = receiver.received;
    await setup();
    const webhookUrl = `${receiver.baseUrl}/hooks/brightdata?token=abc`;
    const submitted = await adapter.submit(job(urls('https://hook.example/')), { ...ctx, webhookUrl });
    const endpoint = new URL(fake.requests[0]!.query.get('endpoint')!);
    expect(endpoint.searchParams.get('token')).toBe('abc');
    expect(endpoint.searchParams.get('sq_job')).toBe('job-1');
    expect(fake.requests[0]?.query.get('uncompressed_webhook')).toBe('true');
    expect(submitted.providerJobIds).toEqual([expect.stringMatching(/^s_/), 'job:job-1']);

    clock += 10_000;
    await fake.deliverDueWebhooks();
    expect(received).toHaveLength(1);
    const delivery = received[0]!;
    const updates = adapter.parseWebhook?.({ headers: {}, body: delivery.body, query: delivery.query.toString() });
    expect(updates).toEqual([
      expect.objectContaining({ providerJobId: 'job:job-1', state: 'done', records: [expect.objectContaining({ url: 'https://hook.example/' })] }),
    ]);
    expect(fake.counts.status).toBe(0);
    expect(adapter.parseWebhook?.({ headers: {}, body: '[]', query: '' })).toEqual([]);
  });
});
