/** Safe defaults against an anonymous client: registration buckets per IPv4 / IPv6 /64, server limits. */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call, startRelay, within, type StartOptions, type TestRelay } from './testing/harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function relay(options: StartOptions = {}): Promise<TestRelay> {
  const r = await startRelay(options);
  cleanups.push(() => r.close());
  return r;
}
const registerFrom = (baseUrl: string, forwardedFor: string) =>
  call(baseUrl, 'POST', '/v1/channels', { headers: { 'x-forwarded-for': forwardedFor } }).then((r) => r.status);

describe('registration limit per client', () => {
  const limited = { registerRate: { perSecond: 0.001, burst: 2 } };

  it('with --trust-proxy: two addresses in one IPv6 /64 share a bucket, another /64 and IPv4 have their own', async () => {
    const { baseUrl } = await relay({ config: { ...limited, trustProxy: true } });
    expect(await registerFrom(baseUrl, '2001:db8:0:1::a')).toBe(201);
    expect(await registerFrom(baseUrl, '2001:db8:0:1:ffff::b')).toBe(201);
    expect(await registerFrom(baseUrl, '2001:db8:0:1::c')).toBe(429);
    // The last entry is the one the proxy added; what the client wrote before it is not trusted.
    expect(await registerFrom(baseUrl, '198.51.100.1, 2001:db8:0:1::d')).toBe(429);
    expect(await registerFrom(baseUrl, '2001:db8:0:2::a')).toBe(201);
    expect(await registerFrom(baseUrl, '198.51.100.1')).toBe(201);
    expect(await registerFrom(baseUrl, '198.51.100.2')).toBe(201);
  });

  it('without --trust-proxy, X-Forwarded-For is ignored: every request counts against the socket address', async () => {
    const { baseUrl } = await relay({ config: limited });
    expect(await registerFrom(baseUrl, '2001:db8:0:1::a')).toBe(201);
    expect(await registerFrom(baseUrl, '2001:db8:0:2::a')).toBe(201);
    const third = await call(baseUrl, 'POST', '/v1/channels', { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(third.status).toBe(429);
    expect(third.json).toMatchObject({ error: 'rate_limited' });
  });
});

describe('server limits', () => {
  it('applies the configured timeouts and refuses connections past the cap', async () => {
    const server = { headersTimeoutMs: 7_000, requestTimeoutMs: 9_000, keepAliveTimeoutMs: 1_000, maxConnections: 2 };
    const { app, baseUrl } = await relay({ config: { server } });
    expect(app.server).toMatchObject({ headersTimeout: 7_000, requestTimeout: 9_000, keepAliveTimeout: 1_000, maxConnections: 2 });
    const port = Number(new URL(baseUrl).port);
    const open = () =>
      within(
        new Promise<import('node:net').Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.on('error', reject);
        }),
        5_000,
        'connect',
      );
    const held = [await open(), await open()];
    cleanups.push(async () => held.forEach((s) => s.destroy()));
    // The kernel accepts the third, node closes it at once without an answer.
    const third = await open();
    const ended = await within(new Promise<boolean>((resolve) => third.once('close', () => resolve(true))), 5_000, 'refused connection closed');
    expect(ended).toBe(true);
    held[0]!.destroy();
    await within(new Promise((r) => held[0]!.once('close', r)), 5_000, 'close');
    // A slot is free again: a request is answered.
    await expect.poll(async () => (await call(baseUrl, 'GET', '/healthz').catch(() => ({ status: 0 }))).status, { timeout: 5_000 }).toBe(200);
  });
});
