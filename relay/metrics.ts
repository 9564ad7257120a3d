/**
 * Prometheus text exposition for `GET /metrics`: counters kept in memory per process, gauges read
 * when scraped. With several instances, scrape each; `relay_events_pending` is the shared store's.
 * @module
 */

export type RejectReason = 'not_found' | 'rate_limited' | 'too_large' | 'bad_signature' | 'channel_full' | 'store_full' | 'busy' | 'unavailable' | 'aborted';

// Store latency buckets (seconds): an fsync on a fast disk is ~0.1–2 ms, a slow one 10–50 ms.
const BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export interface Metrics {
  accepted(): void;
  rejected(reason: RejectReason): void;
  /** One store append round trip (group commit), in ms. */
  storeLatency(ms: number): void;
  /** Renders the exposition; `gauges` are read by the caller at scrape time. */
  render(gauges: { pending: number; subscribers: number; store: string; version: string }): string;
}

export function createMetrics(): Metrics {
  let accepted = 0;
  const rejected = new Map<RejectReason, number>();
  const buckets = BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;
  return {
    accepted: () => void accepted++,
    rejected: (reason) => void rejected.set(reason, (rejected.get(reason) ?? 0) + 1),
    storeLatency(ms) {
      const s = ms / 1000;
      count++;
      sum += s;
      BUCKETS.forEach((b, i) => {
        if (s <= b) buckets[i]!++;
      });
    },
    render({ pending, subscribers, store, version }) {
      const label = (v: string) => v.replace(/["\\\n]/g, '_');
      const lines = [
        '# HELP relay_info The relay build and store backend.',
        '# TYPE relay_info gauge',
        `relay_info{version="${label(version)}",store="${label(store)}"} 1`,
        '# HELP relay_webhooks_accepted_total Webhooks stored and answered 202.',
        '# TYPE relay_webhooks_accepted_total counter',
        `relay_webhooks_accepted_total ${accepted}`,
        '# HELP relay_webhooks_rejected_total Webhooks refused, by reason.',
        '# TYPE relay_webhooks_rejected_total counter',
        ...[...rejected].toSorted(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `relay_webhooks_rejected_total{reason="${r}"} ${n}`),
        '# HELP relay_events_pending Stored events not yet acknowledged, all channels.',
        '# TYPE relay_events_pending gauge',
        `relay_events_pending ${pending}`,
        '# HELP relay_subscribers WebSocket subscribers connected to this instance.',
        '# TYPE relay_subscribers gauge',
        `relay_subscribers ${subscribers}`,
        '# HELP relay_store_append_seconds Time of one durable store append (a group commit).',
        '# TYPE relay_store_append_seconds histogram',
        ...BUCKETS.map((b, i) => `relay_store_append_seconds_bucket{le="${b}"} ${buckets[i]}`),
        `relay_store_append_seconds_bucket{le="+Inf"} ${count}`,
        `relay_store_append_seconds_sum ${sum}`,
        `relay_store_append_seconds_count ${count}`,
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}
