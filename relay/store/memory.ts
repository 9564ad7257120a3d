import type { ChannelCredentialHashes, ChannelRecord, ListOptions, NewEvent, Store, StoredEvent } from './types';

/** In-memory {@link Store} for unit tests and `--memory` runs. Nothing survives a restart. */
export function createMemoryStore(): Store {
  const channels = new Map<string, ChannelRecord>();
  // Append-only in cursor order; deletions filter it.
  let events: StoredEvent[] = [];
  let lastCursor = 0;

  const ofChannel = (channelId: string) => events.filter((e) => e.channelId === channelId);

  return {
    createChannel(channel) {
      if (channels.has(channel.id)) throw new Error(`channel ${channel.id} exists`);
      channels.set(channel.id, { ...channel });
    },
    getChannel(id) {
      const c = channels.get(id);
      return c && { ...c };
    },
    updateCredentials(id, creds: ChannelCredentialHashes) {
      const c = channels.get(id);
      if (!c) return false;
      Object.assign(c, creds);
      return true;
    },
    deleteChannel(id) {
      events = events.filter((e) => e.channelId !== id);
      return channels.delete(id);
    },
    appendEvents(batch: readonly NewEvent[]) {
      return batch.map((e) => {
        const channel = channels.get(e.channelId);
        if (!channel) return null;
        lastCursor += 1;
        events.push({ ...e, body: Buffer.from(e.body), cursor: lastCursor });
        channel.lastEventAt = e.receivedAt;
        return lastCursor;
      });
    },
    listEvents(channelId, after, { limit, maxBytes }: ListOptions) {
      const out: StoredEvent[] = [];
      let bytes = 0;
      for (const e of events) {
        if (e.channelId !== channelId || e.cursor <= after) continue;
        if (out.length >= limit || (out.length > 0 && bytes + e.body.length > maxBytes)) break;
        out.push(e);
        bytes += e.body.length;
      }
      return out;
    },
    hasEventsAfter(channelId, after) {
      return events.some((e) => e.channelId === channelId && e.cursor > after);
    },
    ack(channelId, cursor) {
      const before = events.length;
      events = events.filter((e) => e.channelId !== channelId || e.cursor > cursor);
      return before - events.length;
    },
    countPending(channelId) {
      return ofChannel(channelId).length;
    },
    purgeReceivedBefore(receivedBefore) {
      const before = events.length;
      events = events.filter((e) => e.receivedAt >= receivedBefore);
      return before - events.length;
    },
    close() {
      channels.clear();
      events = [];
    },
  };
}
