/**
 * The provider contract, run against every remote adapter with its loopback fake: submit → status →
 * result; 401/403 → auth; 429 with and without Retry-After → rate-limit; 5xx and network errors →
 * transient; malformed JSON → fatal with a readable message; unknown extra fields ignored; and every
 * variant of the fields provider-apis.md marks unknown that the case lists. The cases live beside the
 * adapters (`<id>/contract-case.ts`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobInput, ScrapeRecord } from '@@/shared/schemas/job';
import { contract as brightData } from './brightdata/contract-case';
import { CONTRACT_JOB_MS, type ContractCase, type ContractFake } from './contract-case';
import { contract as scrapeDo } from './scrapedo/contract-case';
import { contract as scrapeLlm } from './scrapellm/contract-case';
import { contract as scraperApi } from './scraperapi/contract-case';
import { contract as scrapingPros } from './scrapingpros/contract-case';
import { startFakeServer, type FakeRequest, type FakeServer } from '@@/e2e/fakes/server';
import { REDIRECT_REFUSED } from './kit/http';
import { adapterFor, callContext, expectProviderError, jobView, recordingLogger } from './testing';
import type { CallContext, JobView, ProviderAdapter } from './types';

// Each case is typed with its own fake; the suite only uses what every ContractCase has.
const CASES: ContractCase[] = [brightData, scraperApi, scrapeDo, scrapingPros, scrapeLlm] as unknown as ContractCase[];

const MAX_POLLS = 10;
const DONE_AFTER_MS = CONTRACT_JOB_MS + 1;
const TWO_URLS: JobInput = { kind: 'urls', urls: ['https://example.com/contract/a', 'https://example.com/contract/b'] };
const inputOf = (c: ContractCase): JobInput => c.input ?? TWO_URLS;

interface World {
  fake: ContractFake;
  adapter: ProviderAdapter;
  ctx: CallContext;
  job: JobView;
  advance: (ms: number) => void;
  /** Requests the adapter sent. */
  sent: () => number;
}

let open: ContractFake[] = [];
afterEach(async () => {
  await Promise.all(open.map((f) => f.close()));
  open = [];
});

async function world(c: ContractCase, options: object = {}, input = inputOf(c)): Promise<World> {
  let clock = 1_700_000_000_000;
  const now = () => clock;
  const fake = await c.start({ jobDurationMs: CONTRACT_JOB_MS, ...options, now });
  open.push(fake);
  let sent = 0;
  const fetch: typeof globalThis.fetch = (...args) => {
    sent += 1;
    return globalThis.fetch(...args);
  };
  const adapter = adapterFor(c.descriptor, { fetch, now, logger: recordingLogger() });
  return {
    fake,
    adapter,
    ctx: callContext(c.key(fake), fake.baseUrl),
    job: jobView(input, { createdAt: clock }),
    advance: (ms) => {
      clock += ms;
    },
    sent: () => sent,
  };
}

/** submit → status until done → result (when status did not carry the records). */
async function runToDone(c: ContractCase, w: World): Promise<ScrapeRecord[]> {
  const submitted = await w.adapter.submit(w.job, w.ctx);
  if (submitted.records) return submitted.records;
  let view: JobView = { ...w.job, ref: submitted.ref, submittedAt: w.job.createdAt };
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    w.advance(DONE_AFTER_MS);
    const status = await w.adapter.status(view, w.ctx);
    if (status.ref !== undefined) view = { ...view, ref: status.ref };
    if (status.state === 'done') return status.records ?? (await w.adapter.result(view, w.ctx));
    expect(['submitted', 'running'], `status ${status.state}: ${status.error ?? ''}`).toContain(status.state);
  }
  throw new Error(`not done after ${MAX_POLLS} polls`);
}

/** A submitted job, ready for a status call once the fake finished it. */
async function submittedView(c: ContractCase, w: World): Promise<JobView> {
  const { ref } = await w.adapter.submit(w.job, w.ctx);
  w.advance(DONE_AFTER_MS);
  return { ...w.job, ref, submittedAt: w.job.createdAt };
}

/**
 * The job for error cases: one URL, since a batch that learns from some URLs while others fail keeps
 * what it learned and goes on (the failure then only delays it).
 */
const single = (c: ContractCase): JobInput => {
  const input = inputOf(c);
  return input.kind === 'urls' ? { ...input, urls: input.urls.slice(0, 1) } : input;
};

function expectContent(records: ScrapeRecord[], allowErrors = false, contentless = false): void {
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) {
    expect(r.url).toBeTruthy();
    if (!allowErrors) expect(r.error, r.url).toBeUndefined();
    if (!r.error && !contentless) expect(r.html ?? r.text ?? r.markdown ?? r.answer?.text, r.url).toBeTruthy();
  }
}

describe.each(CASES.map((c) => [c.descriptor.label, c] as const))('%s contract', (_label, c) => {
  it('submit → status → result gives every record with content', async () => {
    expectContent(await runToDone(c, await world(c)));
  });

  it('ignores unknown fields in every answer', async () => {
    const w = await world(c);
    w.fake.wire.setUnknownFields(true);
    expectContent(await runToDone(c, w));
  });

  it.each(c.variants.map((v) => [v.name, v] as const))('accepts the unknown-field variant: %s', async (_name, v) => {
    const w = await world(c, v.options, v.input);
    const records = await runToDone(c, w);
    expectContent(records, v.expectRecordErrors, v.contentless);
    v.check?.(records);
    // Some open shapes are only on the key-check path (account fields, list shapes).
    const check = await w.adapter.checkKey(w.ctx);
    expect(check.ok, check.message).toBe(true);
    v.checkKey?.(check);
  });

  it('result() before the job is done is not-ready, never a failure', async () => {
    const w = await world(c);
    const submitted = await w.adapter.submit(w.job, w.ctx);
    expect(submitted.records).toBeUndefined();
    const view: JobView = { ...w.job, ref: submitted.ref, submittedAt: w.job.createdAt };
    expect((await expectProviderError(w.adapter.result(view, w.ctx))).kind).toBe('not-ready');
  });

  it('a wrong key is auth', async () => {
    const w = await world(c);
    const e = await expectProviderError(w.adapter.submit(w.job, { ...w.ctx, config: { ...w.ctx.config, apiKey: 'wrong-key' } }));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/fix (your|the) key/i);
  });

  const forbidden = c.forbidden ?? 'auth';
  it(`a 403 is ${forbidden}`, async () => {
    const w = await world(c);
    w.fake.wire.inject(1, { status: 403, body: 'Forbidden' });
    expect((await expectProviderError(w.adapter.submit(w.job, w.ctx))).kind).toBe(forbidden);
  });

  it('a 429 with Retry-After waits that long', async () => {
    const w = await world(c);
    w.fake.wire.inject(1, { status: 429, headers: { 'retry-after': '7' }, body: 'Too many requests' });
    const e = await expectProviderError(w.adapter.submit(w.job, w.ctx));
    expect(e).toMatchObject({ kind: 'rate-limit', details: { retryAfterMs: 7_000 } });
  });

  it('a 429 without Retry-After still is a rate limit, with a wait that grows', async () => {
    const w = await world(c);
    w.fake.wire.inject(2, { status: 429, body: 'Too many requests' });
    const first = await expectProviderError(w.adapter.submit(w.job, w.ctx));
    const second = await expectProviderError(w.adapter.submit(w.job, w.ctx));
    expect([first.kind, second.kind]).toEqual(['rate-limit', 'rate-limit']);
    expect(first.details.retryAfterMs).toBeGreaterThan(0);
    expect(second.details.retryAfterMs).toBeGreaterThan(first.details.retryAfterMs ?? 0);
  });

  it.each([500, 502, 503])('a %d is transient, on submit and on status', async (status) => {
    const w = await world(c, {}, single(c));
    w.fake.wire.inject(1, { status, body: 'Server error' });
    expect((await expectProviderError(w.adapter.submit(w.job, w.ctx))).kind).toBe('transient');
    const view = await submittedView(c, w);
    w.fake.wire.inject(1, { status, body: 'Server error' });
    expect((await expectProviderError(w.adapter.status(view, w.ctx))).kind).toBe('transient');
  });

  it('a network error is transient, on submit and on status', async () => {
    const w = await world(c, {}, single(c));
    w.fake.wire.inject(1, 'network-error');
    expect((await expectProviderError(w.adapter.submit(w.job, w.ctx))).kind).toBe('transient');
    const view = await submittedView(c, w);
    w.fake.wire.inject(1, 'network-error');
    expect((await expectProviderError(w.adapter.status(view, w.ctx))).kind).toBe('transient');
  });

  it('malformed JSON fails that job with a readable message, on submit and on status', async () => {
    const w = await world(c, {}, single(c));
    w.fake.wire.inject(1, 'malformed-json');
    const onSubmit = await expectProviderError(w.adapter.submit(w.job, w.ctx));
    expect(onSubmit).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/^Malformed response from .+: /) });
    const view = await submittedView(c, w);
    w.fake.wire.inject(1, 'malformed-json');
    const onStatus = await expectProviderError(w.adapter.status(view, w.ctx));
    expect(onStatus).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/^Malformed response from .+: /) });
  });

  it('the key check accepts the key, names a wrong one, and sends nothing for an empty one', async () => {
    const w = await world(c);
    const good = await w.adapter.checkKey(w.ctx);
    expect(good.ok, good.message).toBe(true);
    const expected = c.checkKey?.(w.fake);
    if (expected?.message) expect(good.message).toMatch(expected.message);
    if (expected?.remainingCredits !== undefined) expect(good.remainingCredits).toBe(expected.remainingCredits);
    const wrong = await w.adapter.checkKey({ ...w.ctx, config: { ...w.ctx.config, apiKey: 'wrong-key' } });
    expect(wrong.ok).toBe(false);
    const before = w.sent();
    expect(await w.adapter.checkKey({ ...w.ctx, config: { ...w.ctx.config, apiKey: '  ' } })).toEqual({ ok: false, message: 'Enter a key first.' });
    expect(w.sent()).toBe(before);
  });

  describe('a redirect to another origin', () => {
    let trap: FakeServer;
    let reached: FakeRequest[];
    beforeEach(async () => {
      reached = [];
      trap = await startFakeServer((req) => {
        reached.push(req);
        return { status: 200, body: {} };
      });
    });
    afterEach(() => trap.close());

    it.each([302, 307, 308])('a %d on submit and on the key check is not followed: the other host gets nothing', async (status) => {
      const w = await world(c, {}, single(c));
      const key = c.key(w.fake);
      w.fake.wire.inject(1, { status, headers: { location: `${trap.baseUrl}/stolen` }, body: '' });
      const e = await expectProviderError(w.adapter.submit(w.job, w.ctx));
      expect(e).toMatchObject({ kind: 'fatal', message: REDIRECT_REFUSED });
      w.fake.wire.inject(1, { status, headers: { location: `${trap.baseUrl}/stolen` }, body: '' });
      const check = await w.adapter.checkKey(w.ctx);
      expect(check).toMatchObject({ ok: false, message: expect.stringContaining(REDIRECT_REFUSED) });
      expect(reached).toEqual([]);
      expect(JSON.stringify(reached)).not.toContain(key);
    });
  });

  // Only providers whose API documents a cancel (capabilities.cancel) run this one.
  it.runIf(c.descriptor.capabilities.cancel)('cancels a running job', async () => {
    const w = await world(c);
    const { ref } = await w.adapter.submit(w.job, w.ctx);
    await expect(w.adapter.cancel?.({ ...w.job, ref }, w.ctx)).resolves.toBeUndefined();
  });
});

describe('the contract suite', () => {
  it('covers every remote provider of the registry', async () => {
    const { PROVIDERS } = await import('./registry');
    expect(CASES.map((c) => c.descriptor.id).toSorted()).toEqual(PROVIDERS.filter((d) => d.needsKey).map((d) => d.id).toSorted());
  });
});
