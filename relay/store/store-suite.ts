/**
 * The behaviour every {@link Store} backend must have. `store.test.ts` runs it against memory,
 * a real SQLite file and a real redis-server.
 */
import { afterEach, expect, it } from 'vitest';
import type { ChannelRecord, NewEvent, Store } from './types';

export const channel = (id: string, over: Partial<ChannelRecord> = {}): ChannelRecord => ({
  id,
  secretHash: Buffer.alloc(32, 1),
  tokenHash: Buffer.alloc(32, 2),
  sealedToken: 'sealed',
  label: null,
  createdAt: 1,
  lastEventAt: null,
  publicKey: null,
  hookSecrets: {},
  fullAt: null,
  ...over,
});

export const event = (channelId: string, body: string, receivedAt = 10, over: Partial<NewEvent> = {}): NewEvent => ({
  channelId,
  id: `id-${body}`,
  receivedAt,
  headers: { 'content-type': 'text/plain' },
  query: 'p=x',
  body: Buffer.from(body),
  seal: null,
  ...over,
});

const NO_QUOTA = { quotaBytes: 0 };
const all = { limit: 1000, maxBytes: 1e9 };
const cursorOf = (o: unknown) => (o as { cursor: number }).cursor;

/** Registers the shared tests; call inside a describe. `make` returns a fresh, empty store. */
export function storeSuite(make: () => Promise<Store>): void {
  const opened: Store[] = [];
  const open = async () => {
    const s = await make();
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  it('appends with increasing cursors, lists per channel in order, acks cumulatively', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    await store.createChannel(channel('b'));
    const outcomes = await store.appendEvents([event('a', '1'), event('b', '2'), event('a', '3'), event('gone', 'x')], NO_QUOTA);
    expect(outcomes[3]).toEqual({ refused: 'gone' });
    const [c1, c2, c3] = outcomes.slice(0, 3).map(cursorOf);
    expect(c1! > 0 && c1! < c2! && c2! < c3!).toBe(true);
    expect((await store.listEvents('a', 0, all)).map((e) => e.body.toString())).toEqual(['1', '3']);
    expect((await store.listEvents('a', c1!, all)).map((e) => e.cursor)).toEqual([c3]);
    expect((await store.getChannel('a'))?.lastEventAt).toBe(10);
    expect(await store.ack('a', c1!)).toBe(1);
    expect((await store.usage('a')).pending).toBe(1);
    expect((await store.usage('b')).pending).toBe(1);
    expect(await store.totalPending()).toBe(2);
  });

  it('keeps an event exactly as appended: id, headers, query, seal, bytes', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    const body = Buffer.from([0, 255, 1, 254, 0x1f, 0x8b]);
    const seal = { kid: 'k1', epk: 'BPub', iv: 'nonce' };
    const [o] = await store.appendEvents([event('a', '', 77, { body, id: 'ev-1', headers: {}, query: 'p=scrapedo&j=9', seal })], NO_QUOTA);
    const [stored] = await store.listEvents('a', 0, all);
    expect(stored).toMatchObject({ cursor: cursorOf(o), channelId: 'a', id: 'ev-1', receivedAt: 77, headers: {}, query: 'p=scrapedo&j=9', seal });
    expect(stored?.body.equals(body)).toBe(true);
  });

  it('never reuses a cursor after the newest event is deleted', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    const [o1] = await store.appendEvents([event('a', '1')], NO_QUOTA);
    await store.ack('a', cursorOf(o1));
    expect(await store.hasEventsAfter('a', 0)).toBe(false);
    const [o2] = await store.appendEvents([event('a', '2')], NO_QUOTA);
    expect(cursorOf(o2)).toBeGreaterThan(cursorOf(o1));
  });

  it('caps a page by bytes but always returns one event; hasEventsAfter follows acks', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    const outcomes = await store.appendEvents([event('a', 'x'.repeat(100)), event('a', 'y'.repeat(100))], NO_QUOTA);
    expect(await store.listEvents('a', 0, { limit: 10, maxBytes: 150 })).toHaveLength(1);
    expect(await store.listEvents('a', 0, { limit: 10, maxBytes: 10 })).toHaveLength(1);
    expect(await store.listEvents('a', 0, { limit: 1, maxBytes: 1e6 })).toHaveLength(1);
    expect(await store.hasEventsAfter('a', 0)).toBe(true);
    expect(await store.hasEventsAfter('a', cursorOf(outcomes[1]))).toBe(false);
    await store.ack('a', cursorOf(outcomes[0]));
    expect(await store.hasEventsAfter('a', 0)).toBe(true);
  });

  it('leaves bodies over maxBodyBytes unread: empty body plus omittedBytes, everything else kept, in order', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    const seal = { kid: 'k1', epk: 'BPub', iv: 'nonce' };
    const outcomes = await store.appendEvents(
      [
        event('a', 'x'.repeat(10)),
        event('a', 'y'.repeat(1_000), 11, { id: 'big', query: 'p=scrapedo&j=7', seal, headers: {} }),
        event('a', 'z'.repeat(10)),
        event('a', 'w'.repeat(100)),
      ],
      NO_QUOTA,
    );
    const listed = await store.listEvents('a', 0, { limit: 10, maxBytes: 1e6, maxBodyBytes: 100 });
    expect(listed.map((e) => [e.body.toString(), e.omittedBytes])).toEqual([
      ['x'.repeat(10), undefined],
      ['', 1_000],
      ['z'.repeat(10), undefined],
      ['w'.repeat(100), undefined], // exactly the limit is read
    ]);
    expect(listed[1]).toMatchObject({ cursor: cursorOf(outcomes[1]), id: 'big', receivedAt: 11, query: 'p=scrapedo&j=7', seal, headers: {} });
    // An omitted body counts nothing towards the page size: 10 + 0 + 10, then 100 would pass 30.
    expect(await store.listEvents('a', 0, { limit: 10, maxBytes: 30, maxBodyBytes: 100 })).toHaveLength(3);
    // Without the option the body is read as before.
    const [, full] = await store.listEvents('a', 0, all);
    expect(full?.body.toString()).toBe('y'.repeat(1_000));
    expect(full?.omittedBytes).toBeUndefined();
  });

  it('lists long runs in order across internal pages', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    const outcomes = await store.appendEvents(Array.from({ length: 70 }, (_, i) => event('a', String(i))), NO_QUOTA);
    const listed = await store.listEvents('a', cursorOf(outcomes[4]), { limit: 50, maxBytes: 1e6 });
    expect(listed.map((e) => e.body.toString())).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 5)));
  });

  it('refuses events over the channel quota, marks it full, and an ack frees the space', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    await store.createChannel(channel('b'));
    const quota = { quotaBytes: 300 };
    const big = (s: string) => event('a', s.repeat(120), 10, { headers: {}, query: '' });
    const [o1, o2, o3] = await store.appendEvents([big('1'), big('2'), big('3')], quota);
    expect(o3).toEqual({ refused: 'full' });
    expect((await store.getChannel('a'))?.fullAt).toBe(10);
    expect(await store.usage('a')).toEqual({ pending: 2, bytes: 240 });
    // Another channel has its own quota.
    expect(await store.appendEvents([event('b', 'b'.repeat(120), 10, { headers: {}, query: '' })], quota)).toEqual([{ cursor: expect.any(Number) }]);
    await store.ack('a', cursorOf(o1));
    expect((await store.getChannel('a'))?.fullAt).toBeNull();
    expect(await store.usage('a')).toEqual({ pending: 1, bytes: 120 });
    expect((await store.appendEvents([big('4')], quota))[0]).toHaveProperty('cursor');
    expect(cursorOf(o2)).toBeGreaterThan(cursorOf(o1));
  });

  it('purges by receive time and gives the bytes back', async () => {
    const store = await open();
    await store.createChannel(channel('a'));
    await store.appendEvents([event('a', 'old', 5, { headers: {}, query: '' }), event('a', 'new', 50, { headers: {}, query: '' })], NO_QUOTA);
    expect(await store.purgeReceivedBefore(10)).toBe(1);
    expect(await store.usage('a')).toEqual({ pending: 1, bytes: 3 });
    expect((await store.listEvents('a', 0, all)).map((e) => e.body.toString())).toEqual(['new']);
  });

  it('updates credentials, key and signature secrets; deletes a channel with its events', async () => {
    const store = await open();
    await store.createChannel(channel('a', { label: 'Chrome', publicKey: 'PK1', hookSecrets: { scrapingpros: 's1' } }));
    await expect(store.createChannel(channel('a'))).rejects.toThrow();
    expect(await store.getChannel('a')).toEqual(channel('a', { label: 'Chrome', publicKey: 'PK1', hookSecrets: { scrapingpros: 's1' } }));
    await store.appendEvents([event('a', '1')], NO_QUOTA);
    const update = { secretHash: Buffer.alloc(32, 9), tokenHash: Buffer.alloc(32, 8), sealedToken: 's2', publicKey: 'PK2' };
    expect(await store.updateChannel('a', update)).toBe(true);
    expect(await store.updateChannel('a', { hookSecrets: { scrapingpros: 's3' } })).toBe(true);
    expect(await store.getChannel('a')).toMatchObject({ ...update, hookSecrets: { scrapingpros: 's3' }, label: 'Chrome' });
    expect(await store.updateChannel('a', { publicKey: null })).toBe(true);
    expect((await store.getChannel('a'))?.publicKey).toBeNull();
    expect(await store.updateChannel('nope', { sealedToken: '' })).toBe(false);
    expect(await store.getChannel('nope')).toBeUndefined();
    expect(await store.deleteChannel('a')).toBe(true);
    expect(await store.deleteChannel('a')).toBe(false);
    expect(await store.getChannel('a')).toBeUndefined();
    expect((await store.usage('a')).pending).toBe(0);
    expect(await store.listEvents('a', 0, all)).toEqual([]);
  });

  it('caps unacked events per channel and bytes over all channels, and counts what deletes free', async () => {
    const store = await open();
    for (const id of ['a', 'b', 'c']) await store.createChannel(channel(id));
    const plain = (id: string, body: string) => event(id, body, 10, { headers: {}, query: '' });
    const limits = { quotaBytes: 0, quotaEvents: 2, totalBytes: 250 };
    const outcomes = await store.appendEvents([plain('a', 'x'.repeat(50)), plain('a', 'y'.repeat(50)), plain('a', 'z')], limits);
    expect(outcomes.map((o) => ('refused' in o ? o.refused : 'stored'))).toEqual(['stored', 'stored', 'full']);
    expect((await store.getChannel('a'))?.fullAt).toBe(10);
    expect(await store.storedBytes()).toBe(100);
    // The total cap refuses without marking the channel: it is not the channel's fault.
    const [b1, b2] = await store.appendEvents([plain('b', 'b'.repeat(100)), plain('b', 'c'.repeat(100))], limits);
    expect(b1).toHaveProperty('cursor');
    expect(b2).toEqual({ refused: 'store_full' });
    expect((await store.getChannel('b'))?.fullAt).toBeNull();
    expect(await store.storedBytes()).toBe(200);
    await store.markFull('b', 77);
    expect((await store.getChannel('b'))?.fullAt).toBe(77);
    await store.ack('a', cursorOf(outcomes[0]));
    expect(await store.usage('a')).toEqual({ pending: 1, bytes: 50 });
    expect(await store.storedBytes()).toBe(150);
    expect(await store.deleteChannel('b')).toBe(true);
    expect(await store.storedBytes()).toBe(50);
    expect(await store.appendEvents([plain('c', 'c'.repeat(200))], limits)).toEqual([{ cursor: expect.any(Number) }]);
  });

  it('expires channels no subscriber used since a time, with their events, and keeps used ones', async () => {
    const store = await open();
    await store.createChannel(channel('old', { createdAt: 100 }));
    await store.createChannel(channel('used', { createdAt: 100 }));
    await store.createChannel(channel('new', { createdAt: 5_000 }));
    await store.appendEvents([event('old', 'x'.repeat(10), 10, { headers: {}, query: '' })], NO_QUOTA);
    await store.touchChannel('used', 4_000);
    await store.touchChannel('missing', 4_000);
    expect((await store.expireIdleChannels(3_000)).toSorted()).toEqual(['old']);
    expect(await store.getChannel('old')).toBeUndefined();
    expect(await store.listEvents('old', 0, all)).toEqual([]);
    expect(await store.storedBytes()).toBe(0);
    expect(await store.getChannel('used')).toBeDefined();
    expect(await store.getChannel('new')).toBeDefined();
    expect((await store.expireIdleChannels(4_500)).toSorted()).toEqual(['used']);
    await store.reclaim();
  });

  it('answers ping', async () => {
    const store = await open();
    await expect(store.ping()).resolves.toBeUndefined();
  });
}
