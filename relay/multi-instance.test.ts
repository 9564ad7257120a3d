/**
 * Two relay instances, A and B, on one real redis-server (random loopback port, AOF on,
 * appendfsync always). A is sometimes a real child process, so it can be SIGKILLed mid-ingest.
 */
import { Agent, request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelInfo, EventsPage, type RelayEvent, wsProtocols } from '../shared/relay-protocol';
import { openRedisStore } from './store/redis';
import { call, postHook, recordingLogger, register, startRelay, streamUrl, TestSubscriber, within, type TestRelay } from './testing/harness';
import { startRedisServer, type RedisServer } from './testing/redis-server';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';

let redis: RedisServer;
let prefixes = 0;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.destroy();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

const newPrefix = () => `mi${prefixes++}:`;
async function instance(prefix: string): Promise<TestRelay> {
  const r = await startRelay({ store: await openRedisStore({ url: redis.url, prefix, logger: recordingLogger() }) });
  cleanups.push(() => r.close());
  return r;
}
async function processInstance(prefix: string): Promise<RelayProcess> {
  const p = await startRelayProcess(['--redis', redis.url, '--redis-prefix', prefix, '--rate', '100000', '--burst', '100000']);
  cleanups.push(() => p.kill());
  return p;
}
async function subscribe(baseUrl: string, channelId: string, secret: string, after?: number): Promise<TestSubscriber> {
  const sub = new TestSubscriber(streamUrl(baseUrl, channelId, after === undefined ? '' : `?after=${after}`), { protocols: wsProtocols(secret) });
  cleanups.push(() => sub.close());
  await within(sub.opened, 5_000, 'ws open');
  await sub.next('ready');
  return sub;
}
/** The webhook URL's path on another instance (same channel and token, other host). */
const onInstance = (webhookUrl: string, baseUrl: string) => baseUrl + new URL(webhookUrl).pathname;
const text = (e: RelayEvent) => Buffer.from(e.bodyBase64, 'base64').toString();
async function pull(baseUrl: string, channelId: string, secret: string, after = 0): Promise<RelayEvent[]> {
  const out: RelayEvent[] = [];
  for (let page = 0; page < 100; page++) {
    const r = await call(baseUrl, 'GET', `/v1/channels/${channelId}/events?after=${after}&limit=1000`, { secret });
    const p = EventsPage.parse(r.json);
    out.push(...p.events);
    after = p.nextCursor;
    if (!p.more) break;
  }
  return out;
}

describe('two relay instances on one Redis', () => {
  it('a webhook posted to A reaches a WebSocket subscriber on B, and a pull on B sees it', async () => {
    const prefix = newPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const creds = await register(a.baseUrl);
    const sub = await subscribe(b.baseUrl, creds.channelId, creds.subscriberSecret);
    const accepted = await postHook(`${creds.webhookUrl}?p=scrapedo&j=1`, '{"from":"A"}', { 'content-type': 'application/json' });
    expect(accepted.status).toBe(202);
    const [event] = await sub.events(1);
    expect(event).toMatchObject({ cursor: (accepted.json as { cursor: number }).cursor, query: 'p=scrapedo&j=1', headers: { 'content-type': 'application/json' } });
    expect(text(event!)).toBe('{"from":"A"}');
    expect((await pull(b.baseUrl, creds.channelId, creds.subscriberSecret)).map(text)).toEqual(['{"from":"A"}']);
    // A channel's info, rotation and deletion are the same from either instance.
    sub.send({ type: 'ack', cursor: event!.cursor });
    await sub.next('acked');
    const info = ChannelInfo.parse((await call(a.baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json);
    expect(info.pending).toBe(0);
    const rotated = await call(a.baseUrl, 'POST', `/v1/channels/${creds.channelId}/rotate`, { secret: creds.subscriberSecret });
    expect(rotated.status).toBe(200);
    // B's subscriber hears of the rotation from A through Redis and is closed with 4401.
    expect((await within(sub.closed, 5_000, 'close after rotate')).code).toBe(4401);
    expect((await postHook(onInstance(creds.webhookUrl, b.baseUrl), 'old token')).status).toBe(404);
  });

  it('SIGKILL of A while posting: every webhook A answered 202 is delivered exactly once on B, resuming by cursor', async () => {
    const prefix = newPrefix();
    const a = await processInstance(prefix);
    const b = await instance(prefix);
    const creds = await register(b.baseUrl);
    const hookOnA = onInstance(creds.webhookUrl, a.baseUrl);

    // B's first subscriber reads while A ingests, then drops; the second resumes after its last cursor.
    const first = await subscribe(b.baseUrl, creds.channelId, creds.subscriberSecret);
    const accepted = new Set<string>();
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    cleanups.push(async () => agent.destroy());
    const post = (body: string) =>
      new Promise<number>((resolve) => {
        const req = request(hookOnA, { method: 'POST', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        });
        req.setTimeout(5_000, () => req.destroy());
        req.on('error', () => resolve(0));
        req.end(body);
      });
    let next = 0;
    let killed: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 600) {
          const body = `hook-${next++}`;
          if ((await post(body)) === 202) accepted.add(body);
          if (accepted.size >= 150) killed ??= a.kill();
        }
      }),
    );
    await killed;
    expect((await a.exited).signal).toBe('SIGKILL');
    expect(accepted.size).toBeGreaterThanOrEqual(150);
    expect(accepted.size).toBeLessThan(600); // A really died mid-stream

    const seenFirst = first.messages.filter((m) => m.type === 'event').map((m) => m.event);
    await first.close();
    const resumeAfter = seenFirst.at(-1)?.cursor ?? 0;
    const stored = ChannelInfo.parse((await call(b.baseUrl, 'GET', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).json).pending;
    const second = await subscribe(b.baseUrl, creds.channelId, creds.subscriberSecret, resumeAfter);
    const seenSecond = await second.events(stored - seenFirst.length, 10_000);
    const delivered = [...seenFirst, ...seenSecond];
    // Nothing after the last one: a pull past it is empty.
    expect(await pull(b.baseUrl, creds.channelId, creds.subscriberSecret, delivered.at(-1)!.cursor)).toEqual([]);

    const bodies = delivered.map(text);
    expect(new Set(bodies).size).toBe(bodies.length); // no duplicate
    for (const body of accepted) expect(bodies).toContain(body); // no 202 lost
    const cursors = delivered.map((e) => e.cursor);
    expect(cursors).toEqual(cursors.toSorted((x, y) => x - y));
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('acknowledged events survive a Redis crash and restart (AOF, appendfsync always)', async () => {
    const prefix = newPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const creds = await register(a.baseUrl);
    const bodies = Array.from({ length: 50 }, (_, i) => `durable-${i}`);
    for (const body of bodies) expect((await postHook(creds.webhookUrl, body)).status).toBe(202);

    await redis.stop('SIGKILL');
    // While Redis is down a webhook is refused (503), never answered 202.
    expect((await postHook(creds.webhookUrl, 'while down')).status).toBe(503);
    await redis.start();

    // ioredis reconnects on its own; wait (bounded) for B to read again.
    let events: RelayEvent[] = [];
    for (let i = 0; i < 100 && events.length === 0; i++) {
      events = await pull(b.baseUrl, creds.channelId, creds.subscriberSecret).catch(() => []);
      if (events.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.map(text)).toEqual(bodies);
  });

  it('a subscriber that reconnects to the other instance resumes from its cursor with no gap and no duplicate', async () => {
    const prefix = newPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const creds = await register(a.baseUrl);
    const cursors: number[] = [];
    for (let i = 0; i < 30; i++) {
      const target = i % 2 === 0 ? creds.webhookUrl : onInstance(creds.webhookUrl, b.baseUrl);
      const r = await postHook(target, `e${i}`);
      expect(r.status).toBe(202);
      cursors.push((r.json as { cursor: number }).cursor);
    }
    const onA = await subscribe(a.baseUrl, creds.channelId, creds.subscriberSecret);
    const firstPart = await onA.events(12);
    await onA.close();
    const onB = await subscribe(b.baseUrl, creds.channelId, creds.subscriberSecret, firstPart.at(-1)!.cursor);
    const rest = await onB.events(18);
    // Live events still flow on B after the resume.
    const live = await postHook(creds.webhookUrl, 'live');
    const [liveEvent] = await onB.events(1);
    expect(liveEvent?.cursor).toBe((live.json as { cursor: number }).cursor);
    expect([...firstPart, ...rest].map((e) => e.cursor)).toEqual(cursors);
    expect([...firstPart, ...rest].map(text)).toEqual(Array.from({ length: 30 }, (_, i) => `e${i}`));
  });
});
