import type { NewEvent, Store } from './store/types';

/**
 * Group commit: every webhook whose body finishes in the same event-loop turn is appended in one
 * transaction, so concurrent providers share one fsync instead of paying one each.
 */
export interface WriteBatcher {
  /** Resolves with the cursor once the event is durable, or null when the channel is gone. */
  append(event: NewEvent): Promise<number | null>;
  /** Commits whatever is queued now (used on shutdown). */
  flush(): void;
  /** Channel ids touched by each commit, for waking subscribers. */
  onCommit(listener: (channelIds: Set<string>) => void): void;
}

export function createWriteBatcher(store: Store, maxBatch = 256): WriteBatcher {
  let queue: Array<{ event: NewEvent; resolve: (c: number | null) => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  const listeners: Array<(ids: Set<string>) => void> = [];

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      let cursors: Array<number | null>;
      try {
        cursors = store.appendEvents(batch.map((b) => b.event));
      } catch (e) {
        for (const b of batch) b.reject(e);
        continue;
      }
      batch.forEach((b, i) => b.resolve(cursors[i] ?? null));
      const ids = new Set(batch.filter((_, i) => cursors[i] != null).map((b) => b.event.channelId));
      for (const l of listeners) {
        try {
          l(ids);
        } catch {
          // A subscriber problem must not fail the writes that already committed.
        }
      }
    }
  };

  return {
    append(event) {
      return new Promise((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
    onCommit: (l) => void listeners.push(l),
  };
}
