import { eventSize, type ChannelRecord, type Store, type StoredEvent } from './types';

/** In-memory {@link Store} for unit tests and `--memory` runs. Nothing survives a restart. */
export function createMemoryStore(): Store {
  const channels = new Map<string, ChannelRecord & { bytes: number; usedAt: number }>();
  // Per channel, append-only in cursor order; acks and purges remove a prefix or filter.
  const events = new Map<string, Array<StoredEvent & { size: number }>>();
  let lastCursor = 0;
  let totalBytes = 0;

  const copy = (c: ChannelRecord & { bytes: number; usedAt: number }): ChannelRecord => {
    const { bytes: _bytes, usedAt: _usedAt, ...record } = c;
    return { ...record, hookSecrets: { ...c.hookSecrets } };
  };
  const remove = (channelId: string, keep: (e: StoredEvent) => boolean): number => {
    const list = events.get(channelId) ?? [];
    const kept = list.filter(keep);
    const channel = channels.get(channelId);
    const freed = list.filter((e) => !keep(e)).reduce((n, e) => n + e.size, 0);
    if (channel) channel.bytes -= freed;
    totalBytes -= freed;
    events.set(channelId, kept);
    return list.length - kept.length;
  };

  const drop = (id: string): boolean => {
    totalBytes -= channels.get(id)?.bytes ?? 0;
    events.delete(id);
    return channels.delete(id);
  };

  return {
    kind: 'memory',
    async createChannel(channel) {
      if (channels.has(channel.id)) throw new Error(`channel ${channel.id} exists`);
      channels.set(channel.id, { ...channel, hookSecrets: { ...channel.hookSecrets }, bytes: 0, usedAt: channel.createdAt });
      events.set(channel.id, []);
    },
    async getChannel(id) {
      const c = channels.get(id);
      return c && copy(c);
    },
    async updateChannel(id, update) {
      const c = channels.get(id);
      if (!c) return false;
      Object.assign(c, update);
      return true;
    },
    deleteChannel: async (id) => drop(id),
    async appendEvents(batch, { quotaBytes, quotaEvents = 0, totalBytes: cap = 0 }) {
      return batch.map((e) => {
        const channel = channels.get(e.channelId);
        if (!channel) return { refused: 'gone' as const };
        const size = eventSize(e);
        const list = events.get(e.channelId)!;
        if ((quotaBytes > 0 && channel.bytes + size > quotaBytes) || (quotaEvents > 0 && list.length >= quotaEvents)) {
          channel.fullAt = e.receivedAt;
          return { refused: 'full' as const };
        }
        if (cap > 0 && totalBytes + size > cap) return { refused: 'store_full' as const };
        lastCursor += 1;
        list.push({ ...e, body: Buffer.from(e.body), cursor: lastCursor, size });
        channel.bytes += size;
        totalBytes += size;
        channel.lastEventAt = e.receivedAt;
        return { cursor: lastCursor };
      });
    },
    async listEvents(channelId, after, { limit, maxBytes, maxBodyBytes = Infinity }) {
      const out: StoredEvent[] = [];
      let bytes = 0;
      for (const { size: _size, ...e } of events.get(channelId) ?? []) {
        if (e.cursor <= after) continue;
        const omitted = e.body.length > maxBodyBytes;
        const read = omitted ? 0 : e.body.length;
        if (out.length >= limit || (out.length > 0 && bytes + read > maxBytes)) break;
        out.push(omitted ? { ...e, body: Buffer.alloc(0), omittedBytes: e.body.length } : e);
        bytes += read;
      }
      return out;
    },
    async hasEventsAfter(channelId, after) {
      return (events.get(channelId) ?? []).some((e) => e.cursor > after);
    },
    async ack(channelId, cursor) {
      const channel = channels.get(channelId);
      if (channel) channel.fullAt = null;
      return remove(channelId, (e) => e.cursor > cursor);
    },
    async usage(channelId) {
      return { pending: events.get(channelId)?.length ?? 0, bytes: channels.get(channelId)?.bytes ?? 0 };
    },
    async totalPending() {
      let n = 0;
      for (const list of events.values()) n += list.length;
      return n;
    },
    async purgeReceivedBefore(receivedBefore) {
      let n = 0;
      for (const id of events.keys()) n += remove(id, (e) => e.receivedAt >= receivedBefore);
      return n;
    },
    async markFull(id, at) {
      const c = channels.get(id);
      if (c) c.fullAt = at;
    },
    storedBytes: async () => totalBytes,
    async touchChannel(id, at) {
      const c = channels.get(id);
      if (c) c.usedAt = Math.max(c.usedAt, at);
    },
    async expireIdleChannels(usedBefore) {
      const idle = [...channels.values()].filter((c) => c.usedAt < usedBefore).map((c) => c.id);
      for (const id of idle) drop(id);
      return idle;
    },
    async reclaim() {},
    async ping() {},
    onNotice() {},
    async announce() {},
    async close() {
      channels.clear();
      events.clear();
      totalBytes = 0;
    },
  };
}
