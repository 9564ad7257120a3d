import { describe, expect, it, vi } from 'vitest';
import { ServerMessage } from '../../shared/relay-protocol';
import { createMemoryStore } from '../store/memory';
import { channel, event } from '../store/store-suite';
import type { ListOptions } from '../store/types';
import { createFrameSource } from './frames';

const KB = 1024;

async function setup(options: { inlineEventMaxBytes?: number; pageBytes?: number; cacheBytes?: number } = {}) {
  const store = createMemoryStore();
  await store.createChannel(channel('a'));
  await store.createChannel(channel('b'));
  const reads: ListOptions[] = [];
  const list = store.listEvents.bind(store);
  store.listEvents = vi.fn(async (id: string, after: number, o: ListOptions) => {
    reads.push(o);
    return list(id, after, o);
  });
  const frames = createFrameSource(store, { inlineEventMaxBytes: 100, pageBytes: 64 * KB, cacheBytes: 64 * KB, ...options });
  const append = async (channelId: string, body: string) => {
    const [o] = await store.appendEvents([event(channelId, body)], { quotaBytes: 0 });
    if (!o || !('cursor' in o)) throw new Error('not stored');
    return o.cursor;
  };
  return { store, frames, reads, append };
}

const parse = (bytes: Buffer) => ServerMessage.parse(JSON.parse(bytes.toString('utf8')));

describe('frame source', () => {
  it('serves concurrent asks for the same position from one store read, with the same Buffers', async () => {
    const { frames, reads, append } = await setup();
    const c1 = await append('a', 'one');
    const c2 = await append('a', 'two');
    const asks = await Promise.all(Array.from({ length: 16 }, () => frames.after('a', 0)));
    expect(reads).toHaveLength(1);
    expect(asks[0]!.map((f) => f.cursor)).toEqual([c1, c2]);
    for (const a of asks) {
      expect(a[0]!.bytes).toBe(asks[0]![0]!.bytes);
      expect(a[1]!.bytes).toBe(asks[0]![1]!.bytes);
    }
    expect(parse(asks[0]![0]!.bytes)).toMatchObject({ type: 'event', event: { cursor: c1, bodyBase64: Buffer.from('one').toString('base64') } });
    // A subscriber that comes later, or resumes half-way, follows the cached chain without a read.
    expect((await frames.after('a', 0)).map((f) => f.bytes)).toEqual(asks[0]!.map((f) => f.bytes));
    expect((await frames.after('a', c1)).map((f) => f.cursor)).toEqual([c2]);
    expect(reads).toHaveLength(1);
    expect(frames.stats().storeReads).toBe(1);
  });

  it('announces a body over the inline limit instead of reading it, in its place in the order', async () => {
    const { frames, reads, append } = await setup({ inlineEventMaxBytes: 100 });
    const small = await append('a', 's'.repeat(100));
    const big = await append('a', 'b'.repeat(101));
    const after = await append('a', 'after');
    const got = await frames.after('a', 0);
    expect(reads[0]?.maxBodyBytes).toBe(100);
    expect(got.map((f) => parse(f.bytes).type)).toEqual(['event', 'event-ready', 'event']);
    expect(got.map((f) => f.cursor)).toEqual([small, big, after]);
    expect(parse(got[1]!.bytes)).toEqual({ type: 'event-ready', cursor: big, id: `id-${'b'.repeat(101)}`, size: 101 });
    expect(got[1]!.bytes.length).toBeLessThan(400);
  });

  it('keeps channels apart and the cache under its byte bound', async () => {
    const { frames, append } = await setup({ inlineEventMaxBytes: 10 * KB, cacheBytes: 10 * KB });
    const a1 = await append('a', 'A');
    const b1 = await append('b', 'B');
    expect((await frames.after('a', 0)).map((f) => f.cursor)).toEqual([a1]);
    expect((await frames.after('b', 0)).map((f) => f.cursor)).toEqual([b1]);
    for (let i = 0; i < 20; i++) {
      const c = await append('a', 'x'.repeat(2 * KB));
      await frames.after('a', c - 1);
      expect(frames.stats().cachedBytes).toBeLessThanOrEqual(10 * KB);
    }
    expect(frames.stats().cachedFrames).toBeLessThan(10);
  });

  it('forgets acked frames: a subscriber behind the ack reads the store again and gets only what is left', async () => {
    const { store, frames, reads, append } = await setup();
    const c1 = await append('a', 'one');
    const c2 = await append('a', 'two');
    await frames.after('a', 0);
    await store.ack('a', c1);
    frames.forget('a', c1);
    expect((await frames.after('a', 0)).map((f) => f.cursor)).toEqual([c2]);
    expect(reads).toHaveLength(2);
    frames.forget('a');
    expect(frames.stats()).toMatchObject({ cachedBytes: 0, cachedFrames: 0 });
  });
});
