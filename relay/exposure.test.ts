/** A relay safe to expose: registration token, quota (507), rate limits, TLS, signatures, ids, ops endpoints. */
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelCredentials, ChannelInfo, EventsPage, wsProtocols } from '../shared/relay-protocol';
import { createApp } from './app';
import { defaultAppConfig } from './config';
import { createMemoryStore } from './store/memory';
import { signBody } from './signatures';
import { call, postHook, recordingLogger, register, startRelay, streamUrl, TestSubscriber, within, type StartOptions, type TestRelay } from './testing/harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function relay(options: StartOptions = {}): Promise<TestRelay> {
  const r = await startRelay(options);
  cleanups.push(() => r.close());
  return r;
}
const info = async (baseUrl: string, creds: ChannelCredentials) =>
  ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
const metricsText = async (baseUrl: string) => (await call(baseUrl, 'GET', '/metrics')).text;

describe('registration token', () => {
  it('creating a channel needs the token once one is configured; a wrong one is 401', async () => {
    const token = 'team-registration-token-1234';
    const { baseUrl } = await relay({ config: { registrationToken: token } });
    const without = await call(baseUrl, 'POST', '/v1/channels');
    expect(without.status).toBe(401);
    expect(without.json).toMatchObject({ error: 'registration_required' });
    expect((await call(baseUrl, 'POST', '/v1/channels', { secret: `${token}x` })).status).toBe(401);
    const ok = await call(baseUrl, 'POST', '/v1/channels', { secret: token });
    expect(ok.status).toBe(201);
    // Everything else still works with the channel's own secret.
    const creds = ChannelCredentials.parse(ok.json);
    expect((await postHook(creds.webhookUrl, 'x')).status).toBe(202);
  });
});

describe('channel quota', () => {
  it('answers 507 with a clear body over the quota, shows the channel full, and an ack frees it', async () => {
    const { baseUrl } = await relay({ config: { channelQuotaBytes: 1000 } });
    const creds = await register(baseUrl);
    expect((await postHook(creds.webhookUrl, 'a'.repeat(600))).status).toBe(202);
    const full = await postHook(creds.webhookUrl, 'b'.repeat(600));
    expect(full.status).toBe(507);
    expect(full.headers.get('retry-after')).toBe('60');
    expect(full.json).toMatchObject({ error: 'channel_full', message: expect.stringMatching(/^Relay channel full/) });
    expect(await info(baseUrl, creds)).toMatchObject({ full: true, quotaBytes: 1000, storedBytes: expect.any(Number), pending: 1 });
    expect(await metricsText(baseUrl)).toContain('relay_webhooks_rejected_total{reason="channel_full"} 1');
    const page = EventsPage.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events`, { secret: creds.subscriberSecret })).json);
    await call(baseUrl, 'POST', `/v1/channels/${creds.channelId}/ack`, { secret: creds.subscriberSecret, body: JSON.stringify({ cursor: page.nextCursor }) });
    expect(await info(baseUrl, creds)).toMatchObject({ full: false, storedBytes: 0 });
    expect((await postHook(creds.webhookUrl, 'b'.repeat(600))).status).toBe(202);
  });
});

describe('rate limits per channel', () => {
  it('limits pulls and WebSocket connects per channel with 429 and Retry-After', async () => {
    const { baseUrl } = await relay({ now: () => 1_000, config: { pullRate: { perSecond: 1, burst: 2 }, connectRate: { perSecond: 1, burst: 1 } } });
    const creds = await register(baseUrl);
    const other = await register(baseUrl);
    const pull = (c: ChannelCredentials) => call(baseUrl, 'GET', `/v1/channels/${c.channelId}/events`, { secret: c.subscriberSecret });
    expect((await pull(creds)).status).toBe(200);
    expect((await pull(creds)).status).toBe(200);
    const limited = await pull(creds);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await pull(other)).status).toBe(200); // another channel has its own bucket

    const first = new TestSubscriber(streamUrl(baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    cleanups.push(() => first.close());
    await within(first.opened, 5_000, 'ws open');
    const second = new TestSubscriber(streamUrl(baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    await expect(second.opened).rejects.toThrow(/429/);
  });
});

describe('TLS', () => {
  it('serves HTTPS and WSS with --tls-cert/--tls-key, and hands out https webhook URLs', async () => {
    const dir = join(import.meta.dirname, 'testing/tls');
    const ca = readFileSync(join(dir, 'test-cert.pem'));
    const app = createApp({
      store: createMemoryStore(),
      now: Date.now,
      logger: recordingLogger(),
      config: { ...defaultAppConfig, registerRate: { perSecond: 100, burst: 100 } },
      tls: { cert: ca, key: readFileSync(join(dir, 'test-key.pem')) },
    });
    cleanups.push(() => app.close());
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const { port } = app.server.address() as { port: number };
    const httpsJson = (path: string, method = 'GET') =>
      within(
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpsGet({ host: '127.0.0.1', port, path, method, ca }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', reject);
        }),
        5_000,
        'https request',
      );
    expect(await httpsJson('/healthz')).toEqual({ status: 200, body: '{"ok":true}' });
    const created = await httpsJson('/v1/channels', 'POST');
    const creds = ChannelCredentials.parse(JSON.parse(created.body));
    expect(creds.webhookUrl).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${port}/v1/hooks/`));
    const ws = new WebSocket(`wss://127.0.0.1:${port}/v1/channels/${creds.channelId}/stream`, wsProtocols(creds.subscriberSecret), { ca });
    cleanups.push(async () => ws.terminate());
    const ready = await within(new Promise<string>((resolve, reject) => {
      ws.once('message', (m) => resolve(m.toString()));
      ws.once('error', reject);
    }), 5_000, 'wss ready');
    expect(JSON.parse(ready)).toMatchObject({ type: 'ready', channelId: creds.channelId });
    // Plain HTTP to the TLS port is not answered as HTTP.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  });
});

describe('webhook signatures (ScrapingPros X-Signature)', () => {
  it('rejects bad or missing signatures with 401 and counts them once a secret is configured', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const url = `${creds.webhookUrl}?p=scrapingpros&j=1`;
    const body = '{"event":"run.completed","run_id":"r1"}';
    // No secret configured: not checked.
    expect((await postHook(url, body)).status).toBe(202);
    const secret = 'sp-webhook-secret';
    const put = await call(baseUrl, 'PUT', `/v1/channels/${creds.channelId}/signatures/scrapingpros`, { secret: creds.subscriberSecret, body: JSON.stringify({ secret }) });
    expect(put.status).toBe(204);
    expect((await call(baseUrl, 'PUT', `/v1/channels/${creds.channelId}/signatures/nope`, { secret: creds.subscriberSecret, body: JSON.stringify({ secret }) })).status).toBe(404);

    const missing = await postHook(url, body);
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ error: 'bad_signature' });
    expect((await postHook(url, body, { 'x-signature': signBody('wrong-secret', body) })).status).toBe(401);
    expect((await postHook(url, body, { 'x-signature': signBody(secret, `${body} `) })).status).toBe(401);
    expect((await postHook(url, body, { 'x-signature': signBody(secret, body) })).status).toBe(202);
    expect((await postHook(url, body, { 'x-signature': `sha256=${signBody(secret, body).toUpperCase()}` })).status).toBe(202);
    // Other providers' webhooks on the channel are not affected.
    expect((await postHook(`${creds.webhookUrl}?p=scrapedo`, body)).status).toBe(202);
    expect(await metricsText(baseUrl)).toContain('relay_webhooks_rejected_total{reason="bad_signature"} 3');

    expect((await call(baseUrl, 'DELETE', `/v1/channels/${creds.channelId}/signatures/scrapingpros`, { secret: creds.subscriberSecret })).status).toBe(204);
    expect((await postHook(url, body)).status).toBe(202);
  });
});

describe('stable event ids', () => {
  it('every event has an id, the same over pull and WebSocket and on redelivery, different per event', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    await postHook(creds.webhookUrl, 'one');
    await postHook(creds.webhookUrl, 'one');
    const pulled = EventsPage.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events`, { secret: creds.subscriberSecret })).json).events;
    const again = EventsPage.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events`, { secret: creds.subscriberSecret })).json).events;
    const sub = new TestSubscriber(streamUrl(baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    cleanups.push(() => sub.close());
    const pushed = await sub.events(2);
    const ids = pulled.map((e) => e.id);
    expect(ids.every((id) => typeof id === 'string' && id.length >= 16)).toBe(true);
    expect(new Set(ids).size).toBe(2);
    expect(again.map((e) => e.id)).toEqual(ids);
    expect(pushed.map((e) => e.id)).toEqual(ids);
  });
});

describe('operations endpoints', () => {
  it('answers /, /healthz, /readyz and /metrics in Prometheus text format', async () => {
    const r = await relay({ config: { hookRate: { perSecond: 1, burst: 1 } } });
    const root = await call(r.baseUrl, 'GET', '/');
    expect(root.status).toBe(200);
    expect(root.json).toMatchObject({ service: 'Scrape Queue relay', version: expect.any(String), docs: expect.stringMatching(/README/) });
    expect((await call(r.baseUrl, 'GET', '/healthz')).json).toEqual({ ok: true });
    expect((await call(r.baseUrl, 'GET', '/readyz')).json).toEqual({ ok: true, store: 'memory' });

    const creds = await register(r.baseUrl);
    await postHook(creds.webhookUrl, 'x');
    await postHook(creds.webhookUrl, 'y'); // over the burst: 429
    await postHook(`${creds.webhookUrl.slice(0, -3)}bad`, 'z'); // wrong token: 404
    const sub = new TestSubscriber(streamUrl(r.baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    cleanups.push(() => sub.close());
    await sub.events(1);

    const res = await call(r.baseUrl, 'GET', '/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = res.text.trim().split('\n');
    // Every sample line is `name{labels} value`, and every metric has HELP and TYPE.
    for (const line of lines.filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[\d.e+-]+$/);
    for (const name of ['relay_webhooks_accepted_total', 'relay_webhooks_rejected_total', 'relay_events_pending', 'relay_subscribers', 'relay_store_append_seconds']) {
      expect(lines).toContain(`# TYPE ${name} ${name.endsWith('_total') ? 'counter' : name.endsWith('_seconds') ? 'histogram' : 'gauge'}`);
    }
    expect(lines).toContain('relay_webhooks_accepted_total 1');
    expect(lines).toContain('relay_webhooks_rejected_total{reason="rate_limited"} 1');
    expect(lines).toContain('relay_webhooks_rejected_total{reason="not_found"} 1');
    expect(lines).toContain('relay_events_pending 1');
    expect(lines).toContain('relay_subscribers 1');
    expect(lines).toContain('relay_store_append_seconds_count 1');
  });

  it('/readyz answers 503 when the store does not answer', async () => {
    const store = createMemoryStore();
    const { baseUrl } = await relay({ store: { ...store, ping: () => Promise.reject(new Error('down')) } });
    const r = await call(baseUrl, 'GET', '/readyz');
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ ok: false, error: 'unavailable' });
  });
});
