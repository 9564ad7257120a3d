/** Token bucket: `perSecond` refill, at most `burst` tokens, one token per request. */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Forgets buckets that have refilled completely (they behave exactly like new ones). */
  sweep(): void;
  size(): number;
}

export function createRateLimiter(options: RateLimitOptions, now: () => number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(options.burst, b.tokens + (Math.max(0, t - b.at) / 1000) * options.perSecond);
    b.at = t;
  };
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: options.burst, at: t };
        buckets.set(key, b);
      }
      refill(b, t);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / options.perSecond)) };
    },
    sweep() {
      const t = now();
      for (const [key, b] of buckets) {
        refill(b, t);
        if (b.tokens >= options.burst) buckets.delete(key);
      }
    },
    size: () => buckets.size,
  };
}
