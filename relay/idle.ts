import type { Logger } from './log';
import type { Store } from './store/types';

/**
 * Remembers when subscribers used a channel, at most once per `everyMs` per channel, so a busy
 * subscriber costs no store write per pull. Channels unused for the idle period are expired.
 */
export interface ChannelUse {
  /** A subscriber used the channel now (authenticated request or live WebSocket). */
  used(channelId: string): void;
}

export function createChannelUse(store: Store, now: () => number, logger: Logger, everyMs = 3600_000): ChannelUse {
  const lastWrite = new Map<string, number>();
  return {
    used(channelId) {
      const at = now();
      if (at - (lastWrite.get(channelId) ?? -Infinity) < everyMs) return;
      // Bounded: forgetting only costs one extra write per channel.
      if (lastWrite.size >= 100_000) lastWrite.clear();
      lastWrite.set(channelId, at);
      store.touchChannel(channelId, at).catch((e: unknown) => {
        lastWrite.delete(channelId);
        logger.error(`recording use of channel ${channelId} failed`, e);
      });
    },
  };
}
