import type { AppendOptions, AppendOutcome, NewEvent, Store } from './store/types';

/**
 * Group commit: every webhook whose body finishes in the same event-loop turn is appended in one
 * store round (one SQLite transaction and fsync, one Redis script call), so concurrent providers
 * share the cost instead of paying it each.
 */
export interface WriteBatcher {
  /** Resolves once the event is durable (with its cursor) or refused (channel gone or full). */
  append(event: NewEvent): Promise<AppendOutcome>;
  /** Commits whatever is queued now and waits for every commit in flight (used on shutdown). */
  flush(): Promise<void>;
  /** Channel ids that got events in each commit, for waking subscribers. */
  onCommit(listener: (channelIds: Set<string>) => void): void;
}

export interface WriteBatcherOptions extends AppendOptions {
  maxBatch?: number;
  /** Called with each commit's duration (ms), for /metrics. */
  observe?: (ms: number, events: number) => void;
}

export function createWriteBatcher(store: Store, options: WriteBatcherOptions): WriteBatcher {
  const maxBatch = options.maxBatch ?? 256;
  let queue: Array<{ event: NewEvent; resolve: (o: AppendOutcome) => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  const inFlight = new Set<Promise<void>>();
  const listeners: Array<(ids: Set<string>) => void> = [];

  async function commit(batch: typeof queue): Promise<void> {
    const started = performance.now();
    let outcomes: AppendOutcome[];
    try {
      outcomes = await store.appendEvents(
        batch.map((b) => b.event),
        { quotaBytes: options.quotaBytes, quotaEvents: options.quotaEvents, totalBytes: options.totalBytes },
      );
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    options.observe?.(performance.now() - started, batch.length);
    batch.forEach((b, i) => b.resolve(outcomes[i] ?? { refused: 'gone' }));
    const ids = new Set(batch.filter((_, i) => outcomes[i] && 'cursor' in outcomes[i]).map((b) => b.event.channelId));
    if (ids.size === 0) return;
    for (const l of listeners) {
      try {
        l(ids);
      } catch {
        // A subscriber problem must not fail the writes that already committed.
      }
    }
  }

  const flushQueued = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      const done: Promise<void> = commit(batch).finally(() => inFlight.delete(done));
      inFlight.add(done);
    }
  };

  return {
    append(event) {
      return new Promise((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flushQueued);
        }
      });
    },
    async flush() {
      flushQueued();
      await Promise.allSettled(inFlight);
    },
    onCommit: (l) => void listeners.push(l),
  };
}
