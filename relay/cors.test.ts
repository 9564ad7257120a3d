/** CORS only for extension origins on subscriber routes; web origins refused on registration and WebSocket upgrades. */
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RELAY_WS_PROTOCOL } from '../shared/relay-protocol';
import { originKind } from './cors';
import { call, postHook, register, startRelay, streamUrl, TestSubscriber, within, type TestRelay } from './testing/harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function relay(): Promise<TestRelay> {
  const r = await startRelay();
  cleanups.push(() => r.close());
  return r;
}
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://2f1c6a0e-8d1b-4b8e-9a57-3b1d2c4e5f60';

describe('originKind', () => {
  it('tells node clients, extensions and web pages apart', () => {
    expect(originKind(undefined)).toBe('none');
    expect(originKind(CHROME)).toBe('extension');
    expect(originKind(FIREFOX)).toBe('extension');
    expect(originKind('https://evil.example')).toBe('web');
    expect(originKind('http://127.0.0.1:3000')).toBe('web');
    expect(originKind('null')).toBe('web');
    expect(originKind('chrome-extension://abc/path')).toBe('web');
  });
});

describe('CORS on the relay', () => {
  it('echoes an extension origin (with vary) on subscriber routes, and sends no CORS to web origins', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    for (const origin of [CHROME, FIREFOX]) {
      const info = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret, headers: { origin } });
      expect(info.status).toBe(200);
      expect(info.headers.get('access-control-allow-origin')).toBe(origin);
      expect(info.headers.get('vary')).toBe('origin');
      const events = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events?after=0`, { secret: creds.subscriberSecret, headers: { origin } });
      expect(events.headers.get('access-control-allow-origin')).toBe(origin);
    }
    // An error answer of a subscriber route carries them too (the extension reads the JSON error).
    const wrong = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: 'nope', headers: { origin: CHROME } });
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('access-control-allow-origin')).toBe(CHROME);

    const web = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret, headers: { origin: 'https://evil.example' } });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
    expect(web.headers.get('vary')).toBe('origin');
    const plain = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS on webhook POSTs or ops routes, for any origin', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const hook = await postHook(creds.webhookUrl, '{}', { origin: CHROME });
    expect(hook.status).toBe(202);
    expect(hook.headers.get('access-control-allow-origin')).toBeNull();
    const health = await call(baseUrl, 'GET', '/healthz', { headers: { origin: CHROME } });
    expect(health.status).toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses registration from a web origin with 403 and a JSON error; extensions and node clients register', async () => {
    const { baseUrl } = await relay();
    for (const origin of ['https://evil.example', 'http://localhost:8080', 'null']) {
      const r = await call(baseUrl, 'POST', '/v1/channels', { headers: { origin } });
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ error: 'origin_not_allowed', message: expect.stringMatching(/web page/) });
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    }
    const fromExtension = await call(baseUrl, 'POST', '/v1/channels', { headers: { origin: FIREFOX } });
    expect(fromExtension.status).toBe(201);
    expect(fromExtension.headers.get('access-control-allow-origin')).toBe(FIREFOX);
    expect((await call(baseUrl, 'POST', '/v1/channels')).status).toBe(201);
  });

  it('answers preflights for extension origins on subscriber routes only', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const preflight = (path: string, origin?: string) =>
      call(baseUrl, 'OPTIONS', path, { headers: { ...(origin && { origin }), 'access-control-request-method': 'POST' } });
    const ok = await preflight(`/v1/channels/${creds.channelId}/ack`, CHROME);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CHROME);
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(ok.headers.get('vary')).toBe('origin');

    const web = await preflight('/v1/channels', 'https://evil.example');
    expect(web.status).toBe(403);
    expect(web.json).toMatchObject({ error: 'origin_not_allowed' });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();

    const hookPath = new URL(creds.webhookUrl).pathname;
    const hook = await preflight(hookPath, CHROME);
    expect(hook.status).toBe(403);
    expect(hook.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(hookPath)).status).toBe(204);
  });
});

/** The raw answer to an upgrade request: status and headers (101 or a refusal), without a ws client's checks. */
function rawUpgrade(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return within(
    new Promise((resolve, reject) => {
      const req = httpRequest(url, {
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      });
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }));
      });
      req.on('error', reject);
      req.end();
    }),
    5_000,
    'upgrade answer',
  );
}

describe('WebSocket upgrades', () => {
  it('refuses a web Origin with 403 before upgrading; accepts extension origins and clients without Origin', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const url = streamUrl(baseUrl, creds.channelId).replace(/^ws/, 'http');
    const auth = { authorization: `Bearer ${creds.subscriberSecret}` };
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5173', 'null']) {
      const r = await rawUpgrade(url, { ...auth, origin });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ error: 'origin_not_allowed' });
    }
    // A web page is refused even before its secret is looked at.
    expect((await rawUpgrade(url, { origin: 'https://evil.example' })).status).toBe(403);
    for (const headers of [{ ...auth, origin: CHROME }, { ...auth, origin: FIREFOX }, auth]) {
      const sub = new TestSubscriber(streamUrl(baseUrl, creds.channelId), { headers });
      cleanups.push(() => sub.close());
      await within(sub.opened, 5_000, 'open');
      expect((await sub.next('ready')).channelId).toBe(creds.channelId);
    }
  });

  it('never answers with the bearer.<secret> protocol', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const url = streamUrl(baseUrl, creds.channelId).replace(/^ws/, 'http');
    const bearer = `bearer.${creds.subscriberSecret}`;

    const onlyBearer = await rawUpgrade(url, { 'sec-websocket-protocol': bearer });
    expect(onlyBearer.status).toBe(101);
    expect(onlyBearer.headers['sec-websocket-protocol']).toBeUndefined();
    expect(JSON.stringify(onlyBearer.headers)).not.toContain(creds.subscriberSecret);

    const both = await rawUpgrade(url, { 'sec-websocket-protocol': `${bearer}, ${RELAY_WS_PROTOCOL}` });
    expect(both.status).toBe(101);
    expect(both.headers['sec-websocket-protocol']).toBe(RELAY_WS_PROTOCOL);
    expect(JSON.stringify(both.headers)).not.toContain(creds.subscriberSecret);

    // The extension's own list (app protocol first) opens a working stream with a ws client.
    const sub = new TestSubscriber(streamUrl(baseUrl, creds.channelId), { protocols: [RELAY_WS_PROTOCOL, bearer] });
    cleanups.push(() => sub.close());
    await within(sub.opened, 5_000, 'open');
    expect(sub.ws.protocol).toBe(RELAY_WS_PROTOCOL);
  });
});
