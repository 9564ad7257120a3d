/**
 * Keeps Bright Data's 429s far from the IP block: "25 or more 429s from one IP within 5 minutes
 * blocks that IP until support clears it" (provider-apis.md §1 Rate limiting, limits.md).
 *
 * Every 429 is recorded with deps.now. Retry-After is honoured; without it the wait grows 2, 4, 8,
 * 16, 32 s with the 429s in a row (the documented fallback, via the kit's backoff). Once THRESHOLD 429s sit
 * in the window, no request is sent at all until enough of them age out: with at most `concurrency`
 * requests in flight, a window can then hold at most THRESHOLD + concurrency − 1 429s, well under 25.
 * The list lives in memory: a dead service worker forgets it, which is why the scheduler also gets
 * ever longer retryAfterMs values and should persist them.
 */
import { ProviderError } from '../errors';
import { createRateLimitBackoff } from '../kit/backoff';

export const WINDOW_MS = 5 * 60_000;
export const THRESHOLD = 10;

export interface RateLimitBudget {
  /** Throws rate-limit (without sending anything) while the budget is spent. */
  guard(): void;
  /** Records a 429 and returns the error to throw. */
  hit(message: string, retryAfterMs: number | undefined): ProviderError;
  /** An answer that was not a 429: the fallback ladder starts over (the window keeps its 429s). */
  answered(): void;
  /** 429s currently in the window (for tests and logs). */
  count(): number;
}

export function createRateLimitBudget(now: () => number): RateLimitBudget {
  let hits: number[] = [];
  const backoff = createRateLimitBackoff(2_000, 32_000);
  const prune = (t: number) => {
    hits = hits.filter((h) => t - h < WINDOW_MS);
  };
  /** Time until fewer than THRESHOLD 429s remain in the window. */
  const blockedForMs = (t: number): number => {
    if (hits.length < THRESHOLD) return 0;
    const oldestThatMustExpire = hits[hits.length - THRESHOLD] ?? t;
    return Math.max(1_000, oldestThatMustExpire + WINDOW_MS - t);
  };
  return {
    guard() {
      const t = now();
      prune(t);
      const wait = blockedForMs(t);
      if (wait > 0) {
        throw new ProviderError(
          'rate-limit',
          `Bright Data rate limit: ${hits.length} "429 Too Many Requests" in 5 minutes; pausing to avoid an IP block`,
          { status: 429, retryAfterMs: wait },
        );
      }
    },
    hit(message, retryAfterMs) {
      const t = now();
      prune(t);
      hits.push(t);
      const wait = Math.max(backoff.next(retryAfterMs), blockedForMs(t));
      return new ProviderError('rate-limit', `Bright Data rate limit: ${message}`, { status: 429, retryAfterMs: wait });
    },
    answered: () => backoff.reset(),
    count() {
      prune(now());
      return hits.length;
    },
  };
}
