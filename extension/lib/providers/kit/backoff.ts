/**
 * One rate-limit backoff for every adapter: a 429 with Retry-After waits that long; without it the wait
 * doubles with each 429 in a row (from `firstMs`, capped at `maxMs`) and any answer that is not a 429
 * starts over. Kept in memory: a restarted worker starts again from `firstMs`, while the scheduler's own
 * retry delay (persisted with the job) keeps growing.
 * @module
 */
import { ProviderError, parseRetryAfter } from '../errors';
import type { HttpResponse } from './http';

export interface RateLimitBackoff {
  /** The wait for this 429 (its Retry-After, else the next step of the ladder); counts the 429. */
  next(retryAfterMs?: number): number;
  /** An answer that was not a 429: the ladder starts over. */
  reset(): void;
  /** 429s in a row so far. */
  streak(): number;
}

export function createRateLimitBackoff(firstMs = 2_000, maxMs = 60_000): RateLimitBackoff {
  let streak = 0;
  return {
    next(retryAfterMs) {
      streak += 1;
      return retryAfterMs ?? Math.min(maxMs, firstMs * 2 ** (streak - 1));
    },
    reset() {
      streak = 0;
    },
    streak: () => streak,
  };
}

/** A 429 answer → the rate-limit error to throw, its wait taken from Retry-After or the backoff. */
export function rateLimitError(backoff: RateLimitBackoff, res: HttpResponse, now: number, message: string): ProviderError {
  const retryAfterMs = backoff.next(parseRetryAfter(res.headers.get('retry-after'), now));
  return new ProviderError('rate-limit', message, { status: 429, retryAfterMs });
}
