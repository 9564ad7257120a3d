import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelInfo, EventsPage, ErrorBody, HookAccepted } from '../shared/relay-protocol';
import { call, postHook, rawPost, register, startRelay, type StartOptions, type TestRelay } from './testing/harness';

const relays: TestRelay[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.close()));
});
async function relay(options: StartOptions = {}): Promise<TestRelay> {
  const r = await startRelay(options);
  relays.push(r);
  return r;
}

describe('relay HTTP API (memory store)', () => {
  it('registers a channel with a tokenized webhook URL and shows it back only to the secret holder', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    expect(creds.webhookUrl).toMatch(new RegExp(`^${baseUrl}/v1/hooks/${creds.channelId}/[A-Za-z0-9_-]{43}$`));
    expect(creds.subscriberSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const info = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret });
    expect(info.status).toBe(200);
    expect(ChannelInfo.parse(info.json)).toMatchObject({ channelId: creds.channelId, webhookUrl: creds.webhookUrl, pending: 0, lastEventAt: null });
  });

  it('answers a wrong secret exactly like an unknown channel', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    for (const path of ['', '/events', '/rotate', '/ack']) {
      const method = path === '' || path === '/events' ? 'GET' : 'POST';
      const wrong = await call(baseUrl, method, `/v1/channels/${creds.channelId}${path}`, { secret: 'nope', body: method === 'POST' ? '{"cursor":1}' : undefined });
      const unknown = await call(baseUrl, method, `/v1/channels/unknownchannel${path}`, { secret: creds.subscriberSecret, body: method === 'POST' ? '{"cursor":1}' : undefined });
      expect([wrong.status, wrong.text]).toEqual([unknown.status, unknown.text]);
      expect(wrong.status).toBe(404);
      expect(ErrorBody.parse(wrong.json).error).toBe('not_found');
    }
    const del = await call(baseUrl, 'DELETE', `/v1/channels/${creds.channelId}`, { secret: 'nope' });
    expect(del.status).toBe(404);
    const noAuth = await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`);
    expect(noAuth.status).toBe(401);
  });

  it('answers a wrong webhook token exactly like an unknown channel, and stores nothing', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const wrong = await call(baseUrl, 'POST', `/v1/hooks/${creds.channelId}/wrongtoken`, { body: 'x' });
    const unknown = await call(baseUrl, 'POST', `/v1/hooks/nochannel/wrongtoken`, { body: 'x' });
    expect(wrong.status).toBe(404);
    expect([wrong.status, wrong.text]).toEqual([unknown.status, unknown.text]);
    const info = ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
    expect(info.pending).toBe(0);
  });

  it('stores raw bytes, allowlisted headers and the raw query; pull pages them; ack deletes', async () => {
    const { baseUrl } = await relay({ now: () => 1_700_000_000_000 });
    const creds = await register(baseUrl);
    const gz = gzipSync(Buffer.from(JSON.stringify({ hello: 'world', n: [1, 2, 3] })));
    const accepted = await postHook(`${creds.webhookUrl}?p=scrapedo&j=job%201`, gz, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'x-signature': 'sig',
      authorization: 'Bearer provider-key',
      cookie: 'a=b',
    });
    expect(accepted.status).toBe(202);
    const { cursor } = HookAccepted.parse(accepted.json);
    await postHook(creds.webhookUrl, 'second', { 'content-type': 'text/plain' });

    const page1 = EventsPage.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events?limit=1`, { secret: creds.subscriberSecret })).json);
    expect(page1.more).toBe(true);
    const [ev] = page1.events;
    expect(ev).toMatchObject({ cursor, receivedAt: 1_700_000_000_000, query: 'p=scrapedo&j=job%201' });
    expect(Buffer.from(ev!.bodyBase64, 'base64').equals(gz)).toBe(true);
    expect(ev!.headers).toMatchObject({ 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-signature': 'sig' });
    expect(ev!.headers.authorization).toBeUndefined();
    expect(ev!.headers.cookie).toBeUndefined();

    const page2 = EventsPage.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events?after=${page1.nextCursor}`, { secret: creds.subscriberSecret })).json);
    expect(page2.events.map((e) => Buffer.from(e.bodyBase64, 'base64').toString())).toEqual(['second']);
    expect(page2.more).toBe(false);

    const ack = await call(baseUrl, 'POST', `/v1/channels/${creds.channelId}/ack`, { secret: creds.subscriberSecret, body: JSON.stringify({ cursor }) });
    expect(ack.json).toEqual({ cursor, pending: 1 });
    const info = ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
    expect(info).toMatchObject({ pending: 1, lastEventAt: 1_700_000_000_000 });
  });

  it('rejects malformed JSON and bad input on /v1/channels endpoints with 400 JSON errors', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const auth = { secret: creds.subscriberSecret };
    const cases = [
      await call(baseUrl, 'POST', '/v1/channels', { body: '{nope' }),
      await call(baseUrl, 'POST', '/v1/channels', { body: '{"label":42}' }),
      await call(baseUrl, 'POST', `/v1/channels/${creds.channelId}/ack`, { ...auth, body: '{"cursor":' }),
      await call(baseUrl, 'POST', `/v1/channels/${creds.channelId}/ack`, { ...auth, body: '{"cursor":-1}' }),
      await call(baseUrl, 'POST', `/v1/channels/${creds.channelId}/ack`, { ...auth, body: '' }),
      await call(baseUrl, 'POST', `/v1/channels/${creds.channelId}/rotate`, { ...auth, body: '[' }),
      await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}/events?after=abc`, auth),
    ];
    for (const r of cases) {
      expect(r.status).toBe(400);
      expect(ErrorBody.parse(r.json).message).not.toBe('');
    }
    expect(ErrorBody.parse(cases[0]!.json).error).toBe('bad_json');
    // Nothing was rotated by the failed call: the old secret still works.
    expect((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, auth)).status).toBe(200);
  });

  it('answers 413 for oversized bodies (declared or streamed) and stays healthy', async () => {
    const { baseUrl } = await relay({ config: { bodyLimitBytes: 1024 } });
    const creds = await register(baseUrl);
    const declared = await postHook(creds.webhookUrl, 'x'.repeat(1025));
    expect(declared.status).toBe(413);
    expect(ErrorBody.parse(declared.json).error).toBe('payload_too_large');
    // No Content-Length: the limit is enforced while counting streamed bytes.
    const streamed = await rawPost(creds.webhookUrl, [Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)], { 'transfer-encoding': 'chunked' });
    expect(streamed.status).toBe(413);
    const exact = await postHook(creds.webhookUrl, 'x'.repeat(1024));
    expect(exact.status).toBe(202);
    expect((await call(baseUrl, 'GET', '/healthz')).json).toEqual({ ok: true });
    const info = ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
    expect(info.pending).toBe(1);
  });

  it('rate limits webhooks per channel with 429 and Retry-After', async () => {
    const { baseUrl } = await relay({ now: () => 0, config: { hookRate: { perSecond: 0.5, burst: 2 } } });
    const a = await register(baseUrl);
    const b = await register(baseUrl);
    expect((await postHook(a.webhookUrl, '1')).status).toBe(202);
    expect((await postHook(a.webhookUrl, '2')).status).toBe(202);
    const limited = await postHook(a.webhookUrl, '3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(ErrorBody.parse(limited.json).error).toBe('rate_limited');
    expect((await postHook(b.webhookUrl, '1')).status).toBe(202); // other channels unaffected
  });

  it('purges unacked events older than the TTL (injected clock)', async () => {
    let t = 1_000_000;
    const r = await relay({ now: () => t, config: { ttlMs: 3600_000 } });
    const creds = await register(r.baseUrl);
    await postHook(creds.webhookUrl, 'old');
    t += 1800_000;
    await postHook(creds.webhookUrl, 'newer');
    t += 1800_000 + 1;
    expect(await r.app.purgeNow()).toBe(1);
    const page = EventsPage.parse((await call(r.baseUrl, 'GET', `/v1/channels/${creds.channelId}/events`, { secret: creds.subscriberSecret })).json);
    expect(page.events.map((e) => Buffer.from(e.bodyBase64, 'base64').toString())).toEqual(['newer']);
  });

  it('rotates secret and webhook token; old ones stop working', async () => {
    const { baseUrl } = await relay();
    const old = await register(baseUrl);
    const rotated = await call(baseUrl, 'POST', `/v1/channels/${old.channelId}/rotate`, { secret: old.subscriberSecret });
    expect(rotated.status).toBe(200);
    const fresh = rotated.json as typeof old;
    expect(fresh.channelId).toBe(old.channelId);
    expect(fresh.subscriberSecret).not.toBe(old.subscriberSecret);
    expect(fresh.webhookUrl).not.toBe(old.webhookUrl);
    expect((await postHook(old.webhookUrl, 'x')).status).toBe(404);
    expect((await postHook(fresh.webhookUrl, 'x')).status).toBe(202);
    expect((await call(baseUrl, 'GET', `/v1/channels/${old.channelId}`, { secret: old.subscriberSecret })).status).toBe(404);
    const info = ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${old.channelId}`, { secret: fresh.subscriberSecret })).json);
    expect(info.webhookUrl).toBe(fresh.webhookUrl);
  });

  it('deletes a channel and its events', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    await postHook(creds.webhookUrl, 'x');
    const del = await call(baseUrl, 'DELETE', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret });
    expect(del.status).toBe(204);
    expect((await postHook(creds.webhookUrl, 'x')).status).toBe(404);
    expect((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).status).toBe(404);
  });

  it('logs one line per request without secrets or webhook tokens', async () => {
    const r = await relay();
    const creds = await register(r.baseUrl);
    await postHook(`${creds.webhookUrl}?p=x`, 'x');
    await call(r.baseUrl, 'GET', `/v1/channels/${creds.channelId}?secret=${creds.subscriberSecret}`, { secret: creds.subscriberSecret });
    await r.logger.waitFor(/^GET \/v1\/channels\/\S+ 200/);
    const token = creds.webhookUrl.split('/').at(-1)!;
    const all = r.logger.lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(creds.subscriberSecret);
    expect(r.logger.lines).toContainEqual(expect.stringMatching(new RegExp(`^POST /v1/hooks/${creds.channelId}/\\[token\\] 202 [\\d.]+ms$`)));
  });

  it('answers unknown paths, wrong methods, plain GETs of the stream and CORS preflights', async () => {
    const { baseUrl } = await relay();
    expect((await call(baseUrl, 'GET', '/nope')).status).toBe(404);
    const wrongMethod = await call(baseUrl, 'PUT', '/v1/channels');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await call(baseUrl, 'GET', '/v1/channels/x/stream')).status).toBe(426);
    const preflight = await call(baseUrl, 'OPTIONS', '/v1/channels', { headers: { origin: 'chrome-extension://abc' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect((await call(baseUrl, 'GET', '/v1/channels/%E0%A4%A')).status).toBe(404);
  });

  it('rate limits channel registration per client address', async () => {
    const { baseUrl } = await relay({ now: () => 0, config: { registerRate: { perSecond: 1, burst: 2 } } });
    expect((await call(baseUrl, 'POST', '/v1/channels')).status).toBe(201);
    expect((await call(baseUrl, 'POST', '/v1/channels')).status).toBe(201);
    const limited = await call(baseUrl, 'POST', '/v1/channels');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});
