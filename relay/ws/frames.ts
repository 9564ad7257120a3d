import type { ServerMessage } from '../../shared/relay-protocol';
import { toWire } from '../events';
import type { Store, StoredEvent } from '../store/types';

/** One event's server message, serialized once and sent as the same bytes to every subscriber. */
export interface Frame {
  cursor: number;
  /** UTF-8 JSON of an `event` or, for a body over the inline limit, an `event-ready` message. */
  bytes: Buffer;
}

export interface FrameSourceOptions {
  /** Bodies larger than this are not read for the stream: the event goes out as an `event-ready` notice. */
  inlineEventMaxBytes: number;
  /** One read stops adding events once their bodies pass this (it always returns at least one). */
  pageBytes: number;
  /** Frames kept, over all channels, for subscribers that ask for them later (bounded memory). */
  cacheBytes: number;
}

export interface FrameSource {
  /** Frames of the channel's events with cursor > `after`, in cursor order; [] when there are none. */
  after(channelId: string, after: number): Promise<Frame[]>;
  /** The channel's events up to `cursor` were acked (all of them when omitted): their frames go. */
  forget(channelId: string, cursor?: number): void;
  stats(): { cachedBytes: number; cachedFrames: number; storeReads: number };
}

const PAGE_EVENTS = 32;

/** The frame of one stored event (its body was left unread when over the inline limit). */
export function frameOf(e: StoredEvent): Frame {
  const msg: ServerMessage =
    e.omittedBytes === undefined
      ? { type: 'event', event: toWire(e) }
      : { type: 'event-ready', cursor: e.cursor, id: e.id, size: e.omittedBytes };
  return { cursor: e.cursor, bytes: Buffer.from(JSON.stringify(msg)) };
}

/**
 * Reads events for WebSocket subscribers once per channel and position, however many subscribers
 * there are: concurrent asks for the same (channel, after) share one store read, and frames stay in
 * a byte-bounded cache keyed by the cursor before them, so a subscriber a little behind another one
 * follows the same chain without reading or serializing again. Events are never reordered or
 * skipped: a cache entry says "the event after X is Y", which stays true because cursors only grow.
 */
export function createFrameSource(store: Store, options: FrameSourceOptions): FrameSource {
  interface Entry {
    channelId: string;
    frame: Frame;
  }
  // Insertion order is eviction order; a hit moves the entry to the end.
  const cache = new Map<string, Entry>();
  const keysByChannel = new Map<string, Set<string>>();
  const reads = new Map<string, Promise<Frame[]>>();
  let cachedBytes = 0;
  let storeReads = 0;
  const key = (channelId: string, prev: number) => `${channelId} ${prev}`;

  const drop = (k: string) => {
    const entry = cache.get(k);
    if (!entry) return;
    cache.delete(k);
    cachedBytes -= entry.frame.bytes.length;
    const keys = keysByChannel.get(entry.channelId);
    keys?.delete(k);
    if (keys?.size === 0) keysByChannel.delete(entry.channelId);
  };

  const remember = (channelId: string, after: number, frames: Frame[]) => {
    let prev = after;
    for (const frame of frames) {
      const k = key(channelId, prev);
      prev = frame.cursor;
      // A frame larger than the whole cache would only evict everything else.
      if (cache.has(k) || frame.bytes.length > options.cacheBytes) continue;
      cache.set(k, { channelId, frame });
      cachedBytes += frame.bytes.length;
      let keys = keysByChannel.get(channelId);
      if (!keys) keysByChannel.set(channelId, (keys = new Set()));
      keys.add(k);
    }
    // Bounded: each turn removes one entry.
    while (cachedBytes > options.cacheBytes) {
      const oldest = cache.keys().next();
      if (oldest.done) break;
      drop(oldest.value);
    }
  };

  const fromCache = (channelId: string, after: number): Frame[] => {
    const frames: Frame[] = [];
    let bytes = 0;
    let prev = after;
    while (frames.length < PAGE_EVENTS) {
      const k = key(channelId, prev);
      const entry = cache.get(k);
      if (!entry || (frames.length > 0 && bytes + entry.frame.bytes.length > options.pageBytes)) break;
      cache.delete(k);
      cache.set(k, entry);
      frames.push(entry.frame);
      bytes += entry.frame.bytes.length;
      prev = entry.frame.cursor;
    }
    return frames;
  };

  const read = async (channelId: string, after: number): Promise<Frame[]> => {
    storeReads++;
    const events = await store.listEvents(channelId, after, {
      limit: PAGE_EVENTS,
      maxBytes: options.pageBytes,
      maxBodyBytes: options.inlineEventMaxBytes,
    });
    const frames = events.map(frameOf);
    remember(channelId, after, frames);
    return frames;
  };

  return {
    async after(channelId, after) {
      const cached = fromCache(channelId, after);
      if (cached.length > 0) return cached;
      const k = key(channelId, after);
      let pending = reads.get(k);
      if (!pending) {
        pending = read(channelId, after).finally(() => reads.delete(k));
        reads.set(k, pending);
      }
      return pending;
    },
    forget(channelId, cursor = Number.MAX_SAFE_INTEGER) {
      // Deleting the current element while iterating a Set is safe.
      for (const k of keysByChannel.get(channelId) ?? []) {
        const entry = cache.get(k);
        if (entry && entry.frame.cursor <= cursor) drop(k);
      }
    },
    stats: () => ({ cachedBytes, cachedFrames: cache.size, storeReads }),
  };
}
