/** Fan-out of one event to many subscribers: shared bytes, and notices instead of big bodies. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { EventsPage } from '../../shared/relay-protocol';
import { defaultAppConfig, MB } from '../config';
import { createMemoryStore } from '../store/memory';
import { channel, event } from '../store/store-suite';
import { call, postHook, recordingLogger, register, startRelay, streamUrl, TestSubscriber, within, type TestRelay } from '../testing/harness';
import { createHub } from './hub';

/** The part of a server-side `ws` socket the hub uses, recording what is sent. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readonly CLOSED = 3;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Array<{ data: unknown; binary: boolean | undefined }> = [];
  send(data: unknown, options: { binary?: boolean }, cb?: (err?: Error) => void) {
    this.sent.push({ data, binary: options.binary });
    cb?.();
  }
  ping() {}
  close() {
    this.terminate();
  }
  terminate() {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.emit('close');
  }
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('hub fan-out', () => {
  it('sends every subscriber of a channel the very same Buffer for an event, as a text frame', async () => {
    const store = createMemoryStore();
    await store.createChannel(channel('a'));
    const hub = createHub(store, recordingLogger(), { ...defaultAppConfig.ws, pingIntervalMs: 60_000 });
    cleanups.push(() => hub.close(100));
    // The fakes implement what the hub calls on a ws socket (send, readyState, bufferedAmount, events).
    const sockets = Array.from({ length: 16 }, () => new FakeSocket());
    for (const s of sockets) hub.attach(s as unknown as WebSocket, 'a', 0);
    await expect.poll(() => sockets.every((s) => s.sent.length === 1), { timeout: 5_000 }).toBe(true); // ready
    const readsBefore = hub.stats().frames.storeReads;
    await store.appendEvents([event('a', 'x'.repeat(100_000))], { quotaBytes: 0 });
    hub.notify(['a']);
    const eventFrames = (s: FakeSocket) => s.sent.filter((m) => Buffer.isBuffer(m.data) && m.data.includes('"type":"event"'));
    await expect.poll(() => sockets.every((s) => eventFrames(s).length === 1), { timeout: 5_000 }).toBe(true);
    const first = eventFrames(sockets[0]!)[0]!;
    for (const s of sockets) {
      expect(eventFrames(s)[0]!.data).toBe(first.data);
      expect(eventFrames(s)[0]!.binary).toBe(false);
    }
    // One read of the event for the 16 (plus at most one more to see that nothing follows).
    expect(hub.stats().frames.storeReads - readsBefore).toBeLessThanOrEqual(2);
  });
});

describe('events over the inline limit', () => {
  let relay: TestRelay;
  const subscribe = async (url: string, secret: string) => {
    const s = new TestSubscriber(url, { headers: { authorization: `Bearer ${secret}` } });
    cleanups.push(() => s.close());
    await within(s.opened, 5_000, 'open');
    await s.next('ready');
    return s;
  };

  it('reach every subscriber as event-ready in cursor order; the HTTP pull gives the body', async () => {
    relay = await startRelay({ store: createMemoryStore() });
    cleanups.push(() => relay.close());
    const creds = await register(relay.baseUrl);
    const url = streamUrl(relay.baseUrl, creds.channelId);
    const subs = [await subscribe(url, creds.subscriberSecret), await subscribe(url, creds.subscriberSecret), await subscribe(url, creds.subscriberSecret)];
    const big = Buffer.alloc(MB + 1, 'b');
    const cursors: number[] = [];
    for (const body of ['small before', big, Buffer.alloc(MB, 'c'), 'small after']) {
      const r = await postHook(creds.webhookUrl, body);
      expect(r.status).toBe(202);
      cursors.push((r.json as { cursor: number }).cursor);
    }
    for (const s of subs) {
      await expect.poll(() => s.messages.filter((m) => m.type === 'event' || m.type === 'event-ready').length, { timeout: 5_000 }).toBe(4);
      const delivered = s.messages.filter((m) => m.type === 'event' || m.type === 'event-ready');
      expect(delivered.map((m) => m.type)).toEqual(['event', 'event-ready', 'event', 'event']);
      expect(delivered.map((m) => (m.type === 'event' ? m.event.cursor : m.type === 'event-ready' ? m.cursor : -1))).toEqual(cursors);
      expect(delivered[1]).toMatchObject({ type: 'event-ready', size: MB + 1, id: expect.any(String) });
    }
    // Exactly 1 MiB is still pushed inline; 1 MiB + 1 is pulled.
    const ready = subs[0]!.messages.find((m) => m.type === 'event-ready');
    if (ready?.type !== 'event-ready') throw new Error('no notice');
    const page = EventsPage.parse(
      (await call(relay.baseUrl, 'GET', `/v1/channels/${creds.channelId}/events?after=${ready.cursor - 1}&limit=1`, { secret: creds.subscriberSecret })).json,
    );
    expect(page.events[0]).toMatchObject({ cursor: ready.cursor, id: ready.id });
    expect(Buffer.from(page.events[0]!.bodyBase64, 'base64').equals(big)).toBe(true);
  });
});
