import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeScrapeLlm, type FakeScrapeLlm, type FakeScrapeLlmOptions } from '@@/e2e/fakes/scrapellm';
import type { ScrapeLlmScraper } from './labels';
import { callContext, expectProviderError, jobView, recordingLogger, adapterFor, closedAfterEach } from '../testing';
import { scrapeLlm } from './index';
import type { CallContext, JobView } from '../types';
import { SCRAPE_LLM_POLL_PLAN } from './adapter';

const startFake = closedAfterEach(startFakeScrapeLlm);

let clock = 0;
let fake: FakeScrapeLlm;
const adapter = () => adapterFor(scrapeLlm, { fetch: globalThis.fetch, now: () => clock, logger: recordingLogger() });
const ctxFor = (apiKey = 'test-key', extra: Record<string, string> = {}): CallContext => callContext(apiKey, fake.baseUrl, extra);
const jobFor = (prompt: string, scraper: ScrapeLlmScraper = 'perplexity', options: Record<string, unknown> = {}): JobView =>
  jobView({ kind: 'prompt', prompt, scraper }, { options, createdAt: clock });

async function start(opts: FakeScrapeLlmOptions = {}) {
  fake = await startFake({ now: () => clock, jobDurationMs: 10_000, ...opts });
}

beforeEach(() => {
  clock = 1_700_000_000_000;
});

describe('ScrapeLLM adapter against the fake', () => {
  it('submits a prompt and gets the answer from one poll at the first delay, without sending the key to status', async () => {
    await start();
    const a = adapter();
    const job = jobFor('What is MV3?', 'perplexity', { country: 'de', bypassCache: true, timeoutSec: 120 });
    const submitted = await a.submit(job, ctxFor());
    const sent = [...fake.jobs.values()][0];
    expect(sent?.query.get('country')).toBe('DE');
    expect(sent?.query.get('bypass_cache')).toBe('true');
    expect(sent?.query.get('timeout')).toBe('120');

    clock += SCRAPE_LLM_POLL_PLAN.firstPollDelayMs;
    const status = await a.status({ ...job, ref: submitted.ref }, ctxFor());
    expect(status).toMatchObject({ state: 'done', cost: '3 credits', progress: { done: 1, total: 1 } });
    expect(status.records).toEqual([
      expect.objectContaining({
        url: 'scrapellm:perplexity',
        answer: {
          text: 'Answer from perplexity to: What is MV3?',
          markdown: '**Answer** from perplexity to: What is MV3?',
          sources: [
            { url: 'https://source.example/1', title: 'Source one' },
            { url: 'https://source.example/2', title: 'Source two' },
          ],
        },
        data: expect.objectContaining({ credits_used: 3 }),
      }),
    ]);
    expect(fake.counts).toMatchObject({ submit: 1, status: 1, statusWithKey: 0 });
  });

  it('defaults the country to US (or config.extra.country)', async () => {
    await start();
    const a = adapter();
    await a.submit(jobFor('q1'), ctxFor());
    await a.submit(jobFor('q2'), ctxFor('test-key', { country: 'fr' }));
    expect([...fake.jobs.values()].map((j) => j.country)).toEqual(['US', 'FR']);
  });

  it.each(['job_id', 'id', 'nested'] as const)('accepts a %s-shaped 202 body', async (submitShape) => {
    await start({ submitShape });
    const a = adapter();
    const job = jobFor('hello', 'chatgpt');
    const { ref, providerJobIds } = await a.submit(job, ctxFor());
    expect(providerJobIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    clock += 11_000;
    expect((await a.status({ ...job, ref }, ctxFor())).state).toBe('done');
  });

  it('maps plain-string links to sources', async () => {
    await start({ linksAs: 'strings' });
    const a = adapter();
    const job = jobFor('hello', 'gemini');
    const { ref } = await a.submit(job, ctxFor());
    clock += 11_000;
    const [record] = await a.result({ ...job, ref }, ctxFor());
    expect(record?.answer?.sources).toEqual([{ url: 'https://source.example/1' }, { url: 'https://source.example/2' }]);
  });

  it('pending is running, result() meanwhile is not-ready; failed carries the error', async () => {
    await start();
    const a = adapter();
    const ok = jobFor('fine');
    const okRef = (await a.submit(ok, ctxFor())).ref;
    expect(await a.status({ ...ok, ref: okRef }, ctxFor())).toMatchObject({ state: 'running' });
    expect((await expectProviderError(a.result({ ...ok, ref: okRef }, ctxFor()))).kind).toBe('not-ready');

    const bad = jobFor('please fail');
    const badRef = (await a.submit(bad, ctxFor())).ref;
    clock += 11_000;
    expect(await a.status({ ...bad, ref: badRef }, ctxFor())).toMatchObject({ state: 'failed', error: 'execution failed' });
  });

  it('a 404 after 24 h is expired', async () => {
    await start();
    const a = adapter();
    const job = jobFor('old');
    const { ref } = await a.submit(job, ctxFor());
    clock += 24 * 3600_000 + 1;
    const e = await expectProviderError(a.status({ ...job, ref }, ctxFor()));
    expect(e.kind).toBe('expired');
    expect(e.message).toContain('24 h');
  });

  it('a 404 minutes after submitting is still the end of the job, but the message points at the base URL', async () => {
    await start({ retentionMs: 1_000 });
    const a = adapter();
    const job = jobFor('lost');
    const { ref } = await a.submit(job, ctxFor());
    clock += 5 * 60_000;
    const e = await expectProviderError(a.status({ ...job, ref }, ctxFor()));
    expect(e.kind).toBe('expired');
    expect(e.message).toBe('ScrapeLLM no longer has this job (HTTP 404) 5 min after submitting; it keeps jobs up to 24 h, so check the API base URL');
  });

  it('refuses URL input', async () => {
    await start();
    const job: JobView = { ...jobFor('x'), input: { kind: 'urls', urls: ['https://example.com'] } };
    expect((await expectProviderError(adapter().submit(job, ctxFor()))).kind).toBe('fatal');
    expect(fake.counts.submit).toBe(0);
  });

  it('rejects invalid options before any request', async () => {
    await start();
    const e = await expectProviderError(adapter().submit(jobFor('x', 'grok', { timeoutSec: 5 }), ctxFor()));
    expect(e.kind).toBe('fatal');
    expect(e.message).toContain('timeoutSec');
    expect(fake.counts.submit).toBe(0);
  });

  it('checkKey tells a good key from a bad one without creating a job', async () => {
    await start();
    const a = adapter();
    expect(await a.checkKey(ctxFor())).toMatchObject({ ok: true });
    expect(await a.checkKey(ctxFor('wrong'))).toMatchObject({ ok: false, message: expect.stringMatching(/fix your key/i) });
    expect(fake.jobs.size).toBe(0);
  });

  it('declares no cancel and no webhook', async () => {
    await start();
    const a = adapter();
    expect(a.capabilities).toMatchObject({ cancel: false, webhook: false, inputKinds: ['prompt'] });
    expect(a.cancel).toBeUndefined();
    expect(a.parseWebhook).toBeUndefined();
  });
});
