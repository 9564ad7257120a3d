import { describe, expect, it } from 'vitest';
import type { JobView } from '../types';
import { isProviderError } from '../errors';
import { createBrowserAdapter } from './adapter';

const ctx = { config: { apiKey: '', baseUrl: '', extra: {} } };
const view = (input: JobView['input']): JobView => ({ id: 'j1', input, options: {}, ref: { kind: 'fetch' }, createdAt: 0 });
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function adapter(granted: readonly string[], captureFails = false) {
  return createBrowserAdapter({
    fetch: async (url) => new Response(`<title>t</title>${String(url)}`, { headers: { 'content-type': 'text/html' } }),
    now: () => 0,
    logger,
    canAccess: async (url) => granted.includes(new URL(url).origin),
    captureTab: async () => {
      if (captureFails) throw new Error('Cannot access contents of the page');
      return { html: '<p>x</p>', title: 'x', url: 'https://a.test/', text: 'x' };
    },
  });
}

async function errorOf(run: Promise<unknown>) {
  try {
    await run;
  } catch (e) {
    if (isProviderError(e)) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error('expected a ProviderError');
}

describe('browser adapter host access', () => {
  it('keeps a fetch job queued (access error, not fatal) until every host is granted, naming the hosts', async () => {
    const input = { kind: 'urls' as const, urls: ['https://a.test/1', 'https://b.test/2', 'https://b.test/3'] };
    const actual = await errorOf(adapter(['https://a.test']).submit(view(input), ctx));
    expect(actual).toEqual({ kind: 'access', message: 'Waiting for access to https://b.test. Press Allow access to let this browser read it.' });
    await expect(adapter(['https://a.test', 'https://b.test']).submit(view(input), ctx)).resolves.toMatchObject({ ref: { kind: 'fetch' } });
  });

  it('waits for access when a tab cannot be read because its host is not granted, and fails for other reasons', async () => {
    const input = { kind: 'urls' as const, urls: ['https://a.test/'], tabId: 7 };
    expect((await errorOf(adapter([], true).submit(view(input), ctx))).kind).toBe('access');
    expect(await errorOf(adapter(['https://a.test'], true).submit(view(input), ctx))).toEqual({
      kind: 'fatal',
      message: 'Could not read the tab: Cannot access contents of the page',
    });
  });

  it('a host revoked after submit pauses the fetch step too', async () => {
    const input = { kind: 'urls' as const, urls: ['https://a.test/1'] };
    expect((await errorOf(adapter([]).status(view(input), ctx))).kind).toBe('access');
    await expect(adapter(['https://a.test']).status(view(input), ctx)).resolves.toMatchObject({ state: 'done' });
  });
});
