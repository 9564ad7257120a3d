import { afterEach, describe, expect, it } from 'vitest';
import { startFakeScrapeDo } from '@@/e2e/fakes/scrapedo';
import { descriptor } from '../providers/registry';
import { adapterFor, callContext, recordingLogger } from '../providers/testing';
import { createAccountConcurrency } from './account-concurrency';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('account concurrency (Scrape.do /me)', () => {
  it('caps by FreeConcurrency, asks /me at most once per TTL and again when the key changes', async () => {
    const fake = await startFakeScrapeDo({ account: { freeConcurrency: 3 } });
    close = fake.close;
    let clock = 0;
    const adapter = adapterFor(descriptor('scrapedo'), { fetch: globalThis.fetch, now: () => clock, logger: recordingLogger() });
    const limit = createAccountConcurrency(async (ctx) => adapter.accountConcurrency?.(ctx), () => clock, 60_000);
    const ctx = callContext(fake.token, fake.baseUrl);

    expect(await limit(ctx)).toBe(3);
    expect(await limit(ctx)).toBe(3);
    expect(fake.counts.me).toBe(1);

    clock += 60_001;
    expect(await limit(ctx)).toBe(3);
    expect(fake.counts.me).toBe(2);

    // A rejected key gives no cap (the adapter's own concurrency applies) instead of an error.
    expect(await limit(callContext('wrong', fake.baseUrl))).toBeUndefined();
    expect(fake.counts.me).toBe(3);
    expect(await limit(callContext('', fake.baseUrl))).toBeUndefined();
  });
});
