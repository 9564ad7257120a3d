/** Real HTTP + WebSocket on 127.0.0.1:0 with a real SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelInfo, RELAY_WS_PROTOCOL, RelayCloseCode, wsProtocols } from '../shared/relay-protocol';
import { defaultAppConfig, MB } from './config';
import { openSqliteStore } from './store/sqlite';
import { call, postHook, register, startRelay, streamUrl, TestSubscriber, within, type StartOptions, type TestRelay } from './testing/harness';

let dir: string;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-it-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

async function relay(options: StartOptions = {}): Promise<TestRelay> {
  const r = await startRelay({ store: openSqliteStore(join(dir, 'relay.sqlite')), ...options });
  cleanups.push(() => r.close());
  return r;
}
async function subscribe(url: string, options?: ConstructorParameters<typeof TestSubscriber>[1]): Promise<TestSubscriber> {
  const sub = new TestSubscriber(url, options);
  cleanups.push(() => sub.close());
  await within(sub.opened, 5_000, 'ws open');
  return sub;
}
const text = (e: { bodyBase64: string }) => Buffer.from(e.bodyBase64, 'base64').toString();

describe('relay over real HTTP + WebSocket + SQLite', () => {
  it('register → webhook → event over WS → ack', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const sub = await subscribe(streamUrl(baseUrl, creds.channelId), { headers: { authorization: `Bearer ${creds.subscriberSecret}` } });
    expect(await sub.next('ready')).toEqual({ type: 'ready', channelId: creds.channelId, after: 0 });

    const accepted = await postHook(`${creds.webhookUrl}?p=scrapedo&j=42`, '{"ok":true}', { 'content-type': 'application/json' });
    expect(accepted.status).toBe(202);
    const [event] = await sub.events(1);
    expect(event).toMatchObject({ cursor: (accepted.json as { cursor: number }).cursor, query: 'p=scrapedo&j=42', headers: { 'content-type': 'application/json' } });
    expect(text(event!)).toBe('{"ok":true}');

    sub.send({ type: 'ack', cursor: event!.cursor });
    expect(await sub.next('acked')).toEqual({ type: 'acked', cursor: event!.cursor });
    const info = ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
    expect(info.pending).toBe(0);
  });

  it('authenticates the stream by header, subprotocol or ?secret=, and refuses a wrong secret like an unknown channel', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const url = streamUrl(baseUrl, creds.channelId);

    const byProtocols = await subscribe(url, { protocols: wsProtocols(creds.subscriberSecret) });
    expect(byProtocols.ws.protocol).toBe(RELAY_WS_PROTOCOL); // the secret is not echoed back
    await byProtocols.next('ready');
    // Offering only `bearer.<secret>` gets no protocol answer (never the secret): relay/cors.test.ts.
    const byQuery = await subscribe(`${url}?secret=${creds.subscriberSecret}`);
    await byQuery.next('ready');

    const refusal = (u: string, protocols?: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const s = new TestSubscriber(u, { protocols });
        s.ws.once('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        s.opened.then(() => reject(new Error('should not open')), () => undefined);
      });
    const wrong = await within(refusal(`${url}?secret=wrong`), 5_000, 'refusal');
    const wrongProtocol = await within(refusal(url, wsProtocols('wrong')), 5_000, 'refusal');
    const unknown = await within(refusal(`${streamUrl(baseUrl, 'nochannel')}?secret=${creds.subscriberSecret}`), 5_000, 'refusal');
    expect(wrong).toEqual(unknown);
    expect(wrongProtocol).toEqual(unknown);
    expect(wrong.status).toBe(404);
  });

  it('answers pings and reports bad client messages without closing', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const sub = await subscribe(`${streamUrl(baseUrl, creds.channelId)}?secret=${creds.subscriberSecret}`);
    sub.send({ type: 'ping' });
    expect(await sub.next('pong')).toEqual({ type: 'pong' });
    sub.send({ type: 'ack', cursor: 'x' });
    expect((await sub.next('error')).error).toBe('bad_message');
    sub.send({ type: 'ping' });
    await sub.next('pong');
  });

  it('keeps pending events across a restart on the same SQLite file and delivers them after reconnect', async () => {
    const first = await relay();
    const creds = await register(first.baseUrl);
    for (const body of ['a', 'b', 'c']) expect((await postHook(creds.webhookUrl, body)).status).toBe(202);
    await first.close();

    const second = await relay();
    const port = new URL(second.baseUrl).port;
    const webhookUrl = creds.webhookUrl.replace(/:\d+\//, `:${port}/`);
    const sub = await subscribe(streamUrl(second.baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    const events = await sub.events(3);
    expect(events.map(text)).toEqual(['a', 'b', 'c']);

    // Cumulative ack of the second; a reconnect gets the rest, plus anything new.
    sub.send({ type: 'ack', cursor: events[1]!.cursor });
    await sub.next('acked');
    await sub.close();
    expect((await postHook(webhookUrl, 'd')).status).toBe(202);
    const again = await subscribe(streamUrl(second.baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    expect((await again.events(2)).map(text)).toEqual(['c', 'd']);
    // ?after skips what the client already has without acking it.
    const skipping = await subscribe(`${streamUrl(second.baseUrl, creds.channelId)}?after=${events[2]!.cursor}`, {
      protocols: wsProtocols(creds.subscriberSecret),
    });
    expect((await skipping.next('ready')).after).toBe(events[2]!.cursor);
    expect((await skipping.events(1)).map(text)).toEqual(['d']);
  });

  it('stores duplicate and out-of-order webhooks and delivers all of them in cursor order', async () => {
    const { baseUrl } = await relay();
    const creds = await register(baseUrl);
    const sub = await subscribe(streamUrl(baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    const bodies = ['job-3', 'job-1', 'job-2', 'job-1', 'job-1'];
    const sequential = [];
    for (const b of bodies) sequential.push(await postHook(`${creds.webhookUrl}?j=${b}`, b));
    // And a concurrent burst, which group commit writes in one transaction.
    const concurrent = await Promise.all(bodies.map((b) => postHook(`${creds.webhookUrl}?j=${b}`, b)));
    const cursors = [...sequential, ...concurrent].map((r) => (r.json as { cursor: number }).cursor);
    expect(new Set(cursors).size).toBe(10);

    const events = await sub.events(10);
    const delivered = events.map((e) => e.cursor);
    expect(delivered).toEqual(cursors.toSorted((a, b) => a - b));
    expect(events.slice(0, 5).map(text)).toEqual(bodies);
    expect(events.map(text).filter((t) => t === 'job-1')).toHaveLength(6);
  });

  it('stops sending to a client that never reads, closes it with 1013, keeps its events, and still serves others', async () => {
    const highWaterBytes = 64 * 1024;
    const { baseUrl, app, logger } = await relay({
      config: { bodyLimitBytes: 2 * MB, hookRate: { perSecond: 1000, burst: 1000 }, ws: { ...defaultAppConfig.ws, pingIntervalMs: 60_000, highWaterBytes, stallMs: 1_000 } },
    });
    const creds = await register(baseUrl);
    const protocols = wsProtocols(creds.subscriberSecret);
    const slow = await subscribe(streamUrl(baseUrl, creds.channelId), { protocols });
    await slow.next('ready');
    const slowSocket = (slow.ws as unknown as { _socket: Socket })._socket;
    slowSocket.pause(); // never reads from here on
    const healthy = await subscribe(streamUrl(baseUrl, creds.channelId), { protocols });
    await healthy.next('ready');

    const count = 24;
    const body = Buffer.alloc(1 * MB, 7); // 24 MB total, ~32 MB as base64 JSON: far beyond loopback socket buffers
    for (let i = 0; i < count; i++) expect((await postHook(creds.webhookUrl, body)).status).toBe(202);

    expect(await healthy.events(count, 10_000)).toHaveLength(count);
    await logger.waitFor(/slow consumer/, 10_000);
    // Memory held for the slow client stays around one high-water mark plus one event, not 32 MB.
    const oneEvent = Math.ceil((body.length * 4) / 3) + 1024;
    expect(app.stats().maxBufferedAmount).toBeLessThanOrEqual(highWaterBytes + oneEvent);

    slowSocket.resume();
    const closed = await within(slow.closed, 5_000, 'slow client close');
    expect(closed.code).toBe(RelayCloseCode.tryAgainLater);
    const info = ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
    expect(info.pending).toBe(count);
  });

  it('terminates a subscriber that stops answering keepalive pings', async () => {
    const { baseUrl, app, logger } = await relay({ config: { ws: { ...defaultAppConfig.ws, pingIntervalMs: 50, highWaterBytes: MB, stallMs: 30_000 } } });
    const creds = await register(baseUrl);
    const alive = await subscribe(streamUrl(baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    const dead = await subscribe(streamUrl(baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    await alive.next('ready');
    await dead.next('ready');
    const deadSocket = (dead.ws as unknown as { _socket: Socket })._socket;
    deadSocket.pause(); // sees no pings, sends no pongs
    await logger.waitFor(/missed a ping/);
    expect(app.stats().subscribers).toBe(1);
    deadSocket.resume();
    await within(dead.closed, 5_000, 'dead client sees the cut');
    // The answering one is still served.
    expect((await postHook(creds.webhookUrl, 'still here')).status).toBe(202);
    expect((await alive.events(1)).map(text)).toEqual(['still here']);
  });

  it('finishes an in-flight webhook on shutdown and the event is durable', async () => {
    const r = await relay();
    const creds = await register(r.baseUrl);
    const arrived = new Promise<void>((res) => r.app.server.once('request', () => res()));
    const reply = new Promise<{ status: number; body: string }>((res, rej) => {
      const req = httpRequest(creds.webhookUrl, { method: 'POST', headers: { 'content-length': '10' } }, (resp) => {
        let body = '';
        resp.on('data', (c: Buffer) => (body += c.toString()));
        resp.on('end', () => res({ status: resp.statusCode ?? 0, body }));
      });
      req.on('error', rej);
      req.write('first');
      void arrived.then(() => {
        closing = r.app.close(); // shutdown starts while the body is half sent
        req.end('-half');
      });
    });
    let closing: Promise<void> | undefined;
    const { status } = await within(reply, 5_000, 'in-flight reply');
    expect(status).toBe(202);
    await within(closing!, 5_000, 'shutdown');

    const store = openSqliteStore(join(dir, 'relay.sqlite'));
    try {
      const events = await store.listEvents(creds.channelId, 0, { limit: 10, maxBytes: MB });
      expect(events.map((e) => e.body.toString())).toEqual(['first-half']);
    } finally {
      await store.close();
    }
  });

  it('closes subscribers when their channel is rotated or deleted, and with 1001 on shutdown', async () => {
    const r = await relay();
    const creds = await register(r.baseUrl);
    const sub = await subscribe(streamUrl(r.baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    const rotated = await call(r.baseUrl, 'POST', `/v1/channels/${creds.channelId}/rotate`, { secret: creds.subscriberSecret });
    expect((await within(sub.closed, 5_000, 'close after rotate')).code).toBe(RelayCloseCode.rotated);

    const fresh = rotated.json as typeof creds;
    const sub2 = await subscribe(streamUrl(r.baseUrl, creds.channelId), { protocols: wsProtocols(fresh.subscriberSecret) });
    await call(r.baseUrl, 'DELETE', `/v1/channels/${creds.channelId}`, { secret: fresh.subscriberSecret });
    expect((await within(sub2.closed, 5_000, 'close after delete')).code).toBe(RelayCloseCode.deleted);

    const other = await register(r.baseUrl);
    const sub3 = await subscribe(streamUrl(r.baseUrl, other.channelId), { protocols: wsProtocols(other.subscriberSecret) });
    await sub3.next('ready');
    await r.close();
    expect((await within(sub3.closed, 5_000, 'close on shutdown')).code).toBe(RelayCloseCode.goingAway);
  });
});
