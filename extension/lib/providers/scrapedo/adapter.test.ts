import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeScrapeDo, type FakeScrapeDo, type FakeScrapeDoOptions } from '@@/e2e/fakes/scrapedo';
import { fakePageHtml, startRecordingServer, type FakeRequest } from '@@/e2e/fakes/server';
import { callContext, expectProviderError, recordingLogger, urlJob, adapterFor, closedAfterEach } from '../testing';
import { scrapeDo } from './index';
import type { CallContext, JobView, WebhookEvent } from '../types';
import { SCRAPE_DO_POLL_PLAN } from './adapter';
import type { ScrapeDoRef } from './ref';

const startFake = closedAfterEach(startFakeScrapeDo);

let clock = 0;
let fake: FakeScrapeDo;
let logger: ReturnType<typeof recordingLogger>;
const adapter = () => adapterFor(scrapeDo, { fetch: globalThis.fetch, now: () => clock, logger });
const ctxFor = (apiKey = 'test-token', webhookUrl?: string): CallContext => callContext(apiKey, fake.baseUrl, {}, webhookUrl);
const jobFor = (urls: string[], options: Record<string, unknown> = {}): JobView => urlJob(urls, { options, createdAt: clock });

async function start(opts: FakeScrapeDoOptions = {}) {
  fake = await startFake({ now: () => clock, jobDurationMs: 10_000, ...opts });
}

beforeEach(() => {
  clock = 1_700_000_000_000;
  logger = recordingLogger();
});

describe('Scrape.do adapter against the fake', () => {
  it('submits, polls once after the first delay and fetches decoded HTML per task', async () => {
    await start();
    const a = adapter();
    const job = jobFor(['https://example.com/a', 'https://example.com/b'], { super: true, geoCode: 'us', render: true });
    const submitted = await a.submit(job, ctxFor());
    expect(submitted.providerJobIds).toHaveLength(1);
    expect(submitted.progress).toEqual({ done: 0, total: 2 });
    const sent = [...fake.jobs.values()][0]?.body;
    expect(sent).toMatchObject({ Targets: job.input.kind === 'urls' ? job.input.urls : [], Super: true, GeoCode: 'us' });
    expect(sent).toHaveProperty('Render');

    const stored = { ...job, ref: submitted.ref };
    clock += 5_000;
    expect((await a.status(stored, ctxFor())).state).toBe('running');

    clock += SCRAPE_DO_POLL_PLAN.firstPollDelayMs;
    const status = await a.status(stored, ctxFor());
    expect(status).toMatchObject({ state: 'done', progress: { done: 2, total: 2 } });
    const records = await a.result({ ...stored, ref: status.ref }, ctxFor());
    expect(records).toEqual([
      expect.objectContaining({
        url: 'https://example.com/a',
        statusCode: 200,
        html: fakePageHtml('https://example.com/a'),
        title: 'Fake page for https://example.com/a',
      }),
      expect.objectContaining({ url: 'https://example.com/b', html: fakePageHtml('https://example.com/b') }),
    ]);
    expect(fake.counts).toMatchObject({ submit: 1, status: 2, result: 2 });
  });

  it('reads a plain Content field too', async () => {
    await start({ contentField: 'Content' });
    const a = adapter();
    const job = jobFor(['https://example.com/plain']);
    const { ref } = await a.submit(job, ctxFor());
    clock += 20_000;
    const [record] = await a.result({ ...job, ref }, ctxFor());
    expect(record?.html).toBe(fakePageHtml('https://example.com/plain'));
  });

  it('keeps failed tasks as error records, even when every task failed', async () => {
    await start();
    const a = adapter();
    const mixed = jobFor(['https://example.com/ok', 'https://example.com/fail']);
    const mixedRef = (await a.submit(mixed, ctxFor())).ref;
    const allFail = jobFor(['https://example.com/fail-1']);
    const failRef = (await a.submit(allFail, ctxFor())).ref;
    clock += 20_000;
    expect((await a.status({ ...mixed, ref: mixedRef }, ctxFor())).state).toBe('done');
    const records = await a.result({ ...mixed, ref: mixedRef }, ctxFor());
    expect(records[1]).toMatchObject({ url: 'https://example.com/fail', error: expect.stringContaining('HTTP 502') });
    expect(await a.status({ ...allFail, ref: failRef }, ctxFor())).toMatchObject({ state: 'done' });
    expect(await a.result({ ...allFail, ref: failRef }, ctxFor())).toEqual([
      expect.objectContaining({ url: 'https://example.com/fail-1', statusCode: 502, error: expect.stringContaining('Target') }),
    ]);
  });

  it('a 429 without Retry-After still is a rate limit, never a failed job', async () => {
    await start();
    fake.injectError(429);
    const e = await expectProviderError(adapter().submit(jobFor(['https://example.com/']), ctxFor()));
    expect(e.kind).toBe('rate-limit');
    // The kit's backoff decides the wait: 2 s for the first 429 in a row.
    expect(e.details.retryAfterMs).toBe(2_000);
  });

  it('refuses more than 1,000 URLs and declares maxBatch so the scheduler splits', async () => {
    await start();
    const a = adapter();
    expect(a.capabilities.maxBatch).toBe(1000);
    const urls = Array.from({ length: 1001 }, (_, i) => `https://example.com/${i}`);
    expect((await expectProviderError(a.submit(jobFor(urls), ctxFor()))).kind).toBe('fatal');
    expect(fake.counts.submit).toBe(0);
  });

  it('cancels a running job and treats 406 on a finished one as "already finished"', async () => {
    await start();
    const a = adapter();
    const running = jobFor(['https://example.com/a']);
    const runningRef = (await a.submit(running, ctxFor())).ref;
    await a.cancel?.({ ...running, ref: runningRef }, ctxFor());
    expect((await a.status({ ...running, ref: runningRef }, ctxFor())).state).toBe('canceled');

    const finished = jobFor(['https://example.com/b']);
    const finishedRef = (await a.submit(finished, ctxFor())).ref;
    clock += 20_000;
    await expect(a.cancel?.({ ...finished, ref: finishedRef }, ctxFor())).resolves.toBeUndefined();
    expect(logger.calls.some((c) => c.message.includes('already finished'))).toBe(true);
  });

  it('results past retention (410 Gone) are expired', async () => {
    await start({ retentionMs: 60_000 });
    const a = adapter();
    const job = jobFor(['https://example.com/a']);
    const { ref } = await a.submit(job, ctxFor());
    clock += 61_000;
    expect((await expectProviderError(a.result({ ...job, ref }, ctxFor()))).kind).toBe('expired');
  });

  it('an unreadable answer is fatal', async () => {
    await start();
    const a = adapter();
    const job = jobFor(['https://example.com/a']);
    const bad = { ...job, ref: { jobId: 'nope' } satisfies ScrapeDoRef };
    // Unknown job before retention: Scrape.do says 404 with {Error}: a fatal, clearly worded error.
    const e = await expectProviderError(a.status(bad, ctxFor()));
    expect(e.kind).toBe('fatal');
    expect(e.message).toContain('Job not found');
  });

  it('checkKey reports credits and free concurrency, with either spelling', async () => {
    await start({ account: { credits: 1234, freeConcurrency: 3, totalConcurrency: 5 } });
    const a = adapter();
    expect(await a.checkKey(ctxFor())).toMatchObject({
      ok: true,
      details: { credits: 1234, freeConcurrency: 3, totalConcurrency: 5 },
    });
    expect(await a.accountConcurrency?.(ctxFor())).toBe(3);
    expect(await a.checkKey(ctxFor('wrong'))).toMatchObject({ ok: false, message: expect.stringMatching(/fix your key/i) });
    await fake.close();
    await start({ account: { credits: 9, misspelled: false } });
    expect((await a.checkKey(ctxFor())).details).toMatchObject({ credits: 9 });
  });

  it('completes a one-URL job from its webhook with zero status polls', async () => {
    await start();
    const relay = await startRecordingServer();
    const { received } = relay;
    try {
      const a = adapter();
      const job = jobFor(['https://example.com/hook']);
      const { ref } = await a.submit(job, ctxFor('test-token', `${relay.baseUrl}/hooks/scrapedo?job=job-1`));
      clock += 11_000;
      await fake.deliverWebhooks();
      expect(received).toHaveLength(1);
      const hit = received[0] as FakeRequest;
      const event: WebhookEvent = { headers: {}, body: hit.body, query: hit.query.toString() };
      const [update] = a.parseWebhook?.(event) ?? [];
      expect(update).toMatchObject({
        providerJobId: (ref as ScrapeDoRef).jobId,
        state: 'done',
        progress: { done: 1, total: 1 },
        records: [{ url: 'https://example.com/hook', html: fakePageHtml('https://example.com/hook') }],
      });
      expect(update?.expiresAt).toBeGreaterThan(clock);
      expect(new URLSearchParams(event.query).get('job')).toBe('job-1');
      expect(fake.counts.status).toBe(0);
    } finally {
      await relay.close();
    }
  });

  it('per-task webhooks of a batch stay running, carry their task, and the adapter accepts their partial ref', async () => {
    await start({ taskStaggerMs: 1_000 });
    const relay = await startRecordingServer();
    const { received } = relay;
    try {
      const a = adapter();
      const job = jobFor(['https://example.com/1', 'https://example.com/2']);
      await a.submit(job, ctxFor('test-token', `${relay.baseUrl}/hooks`));
      clock += 10_500;
      await fake.deliverWebhooks();
      clock += 1_000;
      await fake.deliverWebhooks();
      const updates = received.flatMap((r) => a.parseWebhook?.({ headers: {}, body: r.body, query: r.query.toString() }) ?? []);
      expect(updates.map((u) => [u.state, u.records?.[0]?.url])).toEqual([
        ['running', 'https://example.com/1'],
        ['running', 'https://example.com/2'],
      ]);
      // A scheduler that replaced the stored ref with the webhook's partial one still gets every record.
      const records = await a.result({ ...job, ref: updates[1]?.ref }, ctxFor());
      expect(records.map((r) => r.url)).toEqual(['https://example.com/1', 'https://example.com/2']);
    } finally {
      await relay.close();
    }
  });

  it('the fake answers CORS preflights without counting them', async () => {
    await start();
    const res = await fetch(`${fake.baseUrl}/api/v1/jobs`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('x-token');
    expect(Object.values(fake.counts).every((n) => n === 0)).toBe(true);
  });
});
