import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with a Retry-After until tokens refill', () => {
    let t = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, () => t);
    const actual = [1, 2, 3, 4].map(() => limiter.take('a'));
    expect(actual.slice(0, 3).every((d) => d.ok)).toBe(true);
    expect(actual[3]).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').ok).toBe(true); // buckets are per key
    t = 500; // one token back at 2/s
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const limiter = createRateLimiter({ perSecond: 0.1, burst: 1 }, () => 0);
    limiter.take('k');
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('sweep forgets only full buckets', () => {
    let t = 0;
    const limiter = createRateLimiter({ perSecond: 1, burst: 2 }, () => t);
    limiter.take('x');
    limiter.take('y');
    t = 500;
    limiter.sweep();
    expect(limiter.size()).toBe(2);
    t = 2_000;
    limiter.sweep();
    expect(limiter.size()).toBe(0);
  });
});
