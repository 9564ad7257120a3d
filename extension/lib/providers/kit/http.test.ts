import { describe, expect, it } from 'vitest';
import { startFakeServer, type FakeRequest } from '@@/e2e/fakes/server';
import { assertKeyOrigin, bodyMessage, send } from './http';

describe('bodyMessage', () => {
  it.each([
    ['{"detail":"Invalid or missing API key"}', 'Invalid or missing API key'],
    ['{"Error":"Job not found","Code":404}', 'Job not found'],
    ['{"error":"Invalid input provided","code":"validation_error"}', 'Invalid input provided'],
    ['Invalid credentials', 'Invalid credentials'],
    ['  ', 'no message'],
  ])('%s → %s', (input, expected) => {
    expect(bodyMessage(input)).toBe(expected);
  });
});

describe('assertKeyOrigin', () => {
  const config = { apiKey: 'k', baseUrl: 'https://api.provider.test/v1', extra: {} };

  it('lets a keyed request go to the configured origin', () => {
    expect(() => assertKeyOrigin('https://api.provider.test/v1/jobs', config)).not.toThrow();
  });

  it.each(['https://evil.test/v1/jobs', 'http://api.provider.test/v1/jobs', 'https://api.provider.test:8443/v1/jobs'])(
    'refuses to send the key to %s',
    (url) => {
      expect(() => assertKeyOrigin(url, config)).toThrow(/Refusing to send the API key/);
    },
  );
});

describe('send: redirects of keyed requests', () => {
  it.each([307, 308])('follows a %d on the configured origin with the key headers and the body', async (status) => {
    const seen: FakeRequest[] = [];
    const server = await startFakeServer((req) => {
      seen.push(req);
      return req.path === '/a' ? { status, headers: { location: '/b' } } : { status: 200, body: { ok: true } };
    });
    try {
      const config = { apiKey: 'k', baseUrl: server.baseUrl, extra: {} };
      const deps = { fetch: globalThis.fetch, now: () => 0, logger: console };
      const res = await send(deps, { method: 'POST', url: `${server.baseUrl}/a`, headers: { 'x-token': 'k' }, body: { apiKey: 'k' }, keyedFor: config });
      expect(res.status).toBe(200);
      expect(seen.map((r) => [r.method, r.path, r.headers['x-token'], r.json])).toEqual([
        ['POST', '/a', 'k', { apiKey: 'k' }],
        ['POST', '/b', 'k', { apiKey: 'k' }],
      ]);
    } finally {
      await server.close();
    }
  });
});
