import { describe, expect, it } from 'vitest';
import { INTERVAL_MS, isDue, jitterMs, MAX_JITTER_MS, nextSlot, planAfterCheck, planNew, planResume, staggeredStart } from './schedule';

const H = INTERVAL_MS.hourly;

describe('monitor schedule maths', () => {
  it('jitter stays within 10 % of the interval and under the cap', () => {
    expect(jitterMs(H, () => 0)).toBe(0);
    expect(jitterMs(H, () => 0.999)).toBeLessThan(0.1 * H);
    expect(jitterMs(H, () => 0.5)).toBe(0.05 * H);
    expect(jitterMs(INTERVAL_MS.weekly, () => 0.999)).toBeLessThan(MAX_JITTER_MS);
    // Different random draws spread monitors created at the same moment.
    const starts = [0.1, 0.4, 0.8].map((r) => planNew(0, H, () => r, true).nextCheckAt);
    expect(new Set(starts).size).toBe(3);
  });

  it('skips missed slots: ten missed hours give one check now and the next slot on the grid', () => {
    const slotAt = 1_000;
    const now = slotAt + 10 * H + 123;
    expect(nextSlot(slotAt, now, H)).toBe(slotAt + 11 * H);
    const plan = planAfterCheck({ slotAt }, now, H, () => 0);
    expect(plan).toEqual({ slotAt: slotAt + 11 * H, nextCheckAt: slotAt + 11 * H });
    // Exactly on a slot: the next one.
    expect(nextSlot(slotAt, slotAt, H)).toBe(slotAt + H);
    // A future slot (Check now before it) is kept.
    expect(nextSlot(slotAt + H, slotAt, H)).toBe(slotAt + H);
  });

  it('the grid does not drift with jitter: every check lands between its slot and slot + jitter', () => {
    let monitor = { slotAt: 0 };
    for (let k = 1; k <= 50; k++) {
      const checkedAt = monitor.slotAt + jitterMs(H, () => 0.99);
      const plan = planAfterCheck(monitor, checkedAt, H, () => 0.99);
      expect(plan.slotAt).toBe(k * H);
      expect(plan.nextCheckAt - plan.slotAt).toBeLessThan(0.1 * H);
      monitor = plan;
    }
  });

  it('a new monitor without a baseline checks at once; with one, an interval later', () => {
    expect(planNew(5_000, H, () => 0.5, false)).toEqual({ slotAt: 5_000, nextCheckAt: 5_000 });
    expect(planNew(5_000, H, () => 0, true)).toEqual({ slotAt: 5_000 + H, nextCheckAt: 5_000 + H });
  });

  it('paused monitors are never due; resuming an overdue one checks once now, a future one keeps its time', () => {
    const base = { nextCheckAt: 100, slotAt: 100, checkJobId: undefined };
    expect(isDue({ ...base, state: 'paused' }, 10_000)).toBe(false);
    expect(isDue({ ...base, state: 'active' }, 10_000)).toBe(true);
    expect(isDue({ ...base, state: 'active' }, 99)).toBe(false);
    expect(isDue({ ...base, state: 'active', checkJobId: 'in-flight' }, 10_000)).toBe(false);
    expect(planResume(base, 10_000)).toEqual({ slotAt: 100, nextCheckAt: 10_000 });
    expect(planResume({ slotAt: 20_000, nextCheckAt: 20_500 }, 10_000)).toEqual({ slotAt: 20_000, nextCheckAt: 20_500 });
  });

  it('checks started in one pass are spaced apart', () => {
    expect([0, 1, 2].map((i) => staggeredStart(1_000, i))).toEqual([1_000, 3_000, 5_000]);
  });
});
