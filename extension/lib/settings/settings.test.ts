import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { v1ToV2 } from './migrations';
import { createSettingsStore, parseSettings } from './settings';

/** Settings as the v1 build stored them (no version key), with every provider's key set. */
const V1 = {
  defaultProvider: 'scrapedo',
  notifications: false,
  pollIntervalScale: 0.5,
  browserConcurrency: 8,
  providers: {
    brightdata: { apiKey: 'bd-key', baseUrl: '', extra: { datasetId: 'gd_x' } },
    scraperapi: { apiKey: 'sa-key', baseUrl: 'https://proxy.example/sa', extra: { maxCost: '5' } },
    scrapedo: { apiKey: 'sd-token', baseUrl: '', extra: {} },
    scrapingpros: { apiKey: 'sp-key', baseUrl: '', extra: {} },
    scrapellm: { apiKey: 'sl-key', baseUrl: '', extra: {} },
  },
};

/** The non-empty API keys by provider. */
const keysOf = (s: ReturnType<typeof parseSettings>) =>
  Object.fromEntries(Object.entries(s.providers).flatMap(([id, p]) => (p?.apiKey ? [[id, p.apiKey]] : [])));
const V1_KEYS = { brightdata: 'bd-key', scraperapi: 'sa-key', scrapedo: 'sd-token', scrapingpros: 'sp-key', scrapellm: 'sl-key' };

beforeEach(() => fakeBrowser.reset());

describe('settings stored by v1, opened by today’s code', () => {
  it('migrates to v2: the parallel-fetch cap moves to its provider, everything else is kept', async () => {
    await fakeBrowser.storage.local.set({ settings: V1 });
    const actual = await createSettingsStore().load();
    expect(actual).toMatchObject({ defaultProvider: 'scrapedo', notifications: false, pollIntervalScale: 0.5 });
    expect(keysOf(actual)).toEqual(V1_KEYS);
    expect(actual.providers.browser?.concurrency).toBe(8);
    expect(actual.providers.scraperapi).toMatchObject({ baseUrl: 'https://proxy.example/sa', extra: { maxCost: '5' } });
    // Written back migrated, with the version beside it.
    const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect(stored['settings$']).toEqual({ v: 2 });
    expect(stored.settings).not.toHaveProperty('browserConcurrency');
  });

  it('a bad pollIntervalScale falls back alone and keeps every API key', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...V1, pollIntervalScale: 'fast' } });
    const actual = await createSettingsStore().load();
    expect(actual.pollIntervalScale).toBe(1);
    expect(keysOf(actual)).toEqual(V1_KEYS);
    expect(actual.defaultProvider).toBe('scrapedo');
  });

  it('a fresh install reads defaults and saves with the current version', async () => {
    const store = createSettingsStore();
    expect(await store.load()).toEqual({ defaultProvider: 'browser', notifications: true, pollIntervalScale: 1, providers: {} });
    await store.save((s) => ({ ...s, notifications: false }));
    expect(await fakeBrowser.storage.local.get('settings$')).toEqual({ settings$: { v: 2 } });
    expect((await store.load()).notifications).toBe(false);
  });
});

describe('parseSettings: one bad field falls back alone', () => {
  it.each([
    ['an unknown default provider', { defaultProvider: 'gone' }, { defaultProvider: 'browser' }],
    ['notifications as text', { notifications: 'yes' }, { notifications: true }],
    ['a scale out of range', { pollIntervalScale: 50 }, { pollIntervalScale: 1 }],
    ['providers as a list', { providers: ['x'] }, { providers: {} }],
  ])('%s', (_, input, expected) => {
    const actual = parseSettings({ ...V1, ...input });
    expect(actual).toMatchObject(expected);
    if (!('providers' in input)) expect(keysOf(actual)).toEqual(V1_KEYS);
  });

  it('inside a provider: a bad base URL, extra entry, cap or budget never costs the key', () => {
    const actual = parseSettings({
      providers: { scrapedo: { apiKey: 'sd-token', baseUrl: 42, extra: { a: 'kept', b: 7 }, concurrency: 0, monthlyBudget: 'lots' } },
    });
    expect(actual.providers.scrapedo).toEqual({ apiKey: 'sd-token', baseUrl: '', extra: { a: 'kept' }, concurrency: undefined, monthlyBudget: undefined });
  });

  it('anything that is not an object reads as defaults', () => {
    for (const raw of [undefined, null, 'x', 3, []]) expect(parseSettings(raw).defaultProvider).toBe('browser');
  });
});

describe('v1ToV2', () => {
  it('leaves shapes it does not know alone', () => {
    expect(v1ToV2('odd')).toBe('odd');
    expect(v1ToV2({ providers: 'odd', browserConcurrency: 3 })).toEqual({ providers: { browser: { concurrency: 3 } } });
  });
});
