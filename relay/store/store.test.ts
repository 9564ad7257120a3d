import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory';
import { openSqliteStore } from './sqlite';
import type { ChannelRecord, NewEvent, Store } from './types';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function sqlite(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'relay-store-'));
  dirs.push(dir);
  return openSqliteStore(join(dir, 'relay.sqlite'));
}

const channel = (id: string): ChannelRecord => ({
  id,
  secretHash: Buffer.alloc(32, 1),
  tokenHash: Buffer.alloc(32, 2),
  sealedToken: 'sealed',
  label: null,
  createdAt: 1,
  lastEventAt: null,
});
const event = (channelId: string, body: string, receivedAt = 10): NewEvent => ({
  channelId,
  receivedAt,
  headers: { 'content-type': 'text/plain' },
  query: 'p=x',
  body: Buffer.from(body),
});

describe.each([
  ['memory', createMemoryStore],
  ['sqlite', sqlite],
])('%s store', (_name, make) => {
  it('appends with increasing cursors, lists per channel in order, acks cumulatively', () => {
    const store = make();
    store.createChannel(channel('a'));
    store.createChannel(channel('b'));
    const cursors = store.appendEvents([event('a', '1'), event('b', '2'), event('a', '3'), event('gone', 'x')]);
    expect(cursors[3]).toBeNull();
    const [c1, c2, c3] = cursors as number[];
    expect(c1! < c2! && c2! < c3!).toBe(true);
    expect(store.listEvents('a', 0, { limit: 10, maxBytes: 1e6 }).map((e) => e.body.toString())).toEqual(['1', '3']);
    expect(store.listEvents('a', c1!, { limit: 10, maxBytes: 1e6 }).map((e) => e.cursor)).toEqual([c3]);
    expect(store.getChannel('a')?.lastEventAt).toBe(10);
    expect(store.ack('a', c1!)).toBe(1);
    expect(store.countPending('a')).toBe(1);
    expect(store.countPending('b')).toBe(1);
    store.close();
  });

  it('never reuses a cursor after the newest event is deleted', () => {
    const store = make();
    store.createChannel(channel('a'));
    const [c1] = store.appendEvents([event('a', '1')]);
    store.ack('a', c1!);
    const [c2] = store.appendEvents([event('a', '2')]);
    expect(c2).toBeGreaterThan(c1!);
    store.close();
  });

  it('caps a page by bytes but always returns one event', () => {
    const store = make();
    store.createChannel(channel('a'));
    store.appendEvents([event('a', 'x'.repeat(100)), event('a', 'y'.repeat(100))]);
    expect(store.listEvents('a', 0, { limit: 10, maxBytes: 150 })).toHaveLength(1);
    expect(store.listEvents('a', 0, { limit: 10, maxBytes: 10 })).toHaveLength(1);
    expect(store.hasEventsAfter('a', 0)).toBe(true);
    store.close();
  });

  it('purges by receive time, deletes channels with their events, rotates credentials', () => {
    const store = make();
    store.createChannel(channel('a'));
    store.appendEvents([event('a', 'old', 5), event('a', 'new', 50)]);
    expect(store.purgeReceivedBefore(10)).toBe(1);
    expect(store.countPending('a')).toBe(1);
    expect(store.updateCredentials('a', { secretHash: Buffer.alloc(32, 9), tokenHash: Buffer.alloc(32, 8), sealedToken: 's2' })).toBe(true);
    expect(store.getChannel('a')?.sealedToken).toBe('s2');
    expect(store.updateCredentials('nope', { secretHash: Buffer.alloc(32), tokenHash: Buffer.alloc(32), sealedToken: '' })).toBe(false);
    expect(store.deleteChannel('a')).toBe(true);
    expect(store.getChannel('a')).toBeUndefined();
    expect(store.countPending('a')).toBe(0);
    store.close();
  });

  it('keeps bodies byte for byte', () => {
    const store = make();
    store.createChannel(channel('a'));
    const body = Buffer.from([0, 255, 1, 254, 0x1f, 0x8b]);
    store.appendEvents([{ ...event('a', ''), body }]);
    expect(store.listEvents('a', 0, { limit: 1, maxBytes: 1e6 })[0]?.body.equals(body)).toBe(true);
    store.close();
  });
});
