import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Progress } from '@@/shared/schemas/job';
import type { PollPlan } from '../providers/types';
import { TYPICAL_5_TO_30_S } from '../providers/kit/poll-checkpoints';
import { pollDelay } from './backoff';
import { processJob } from './process-job';
import { makeWorld, TEST_PLAN } from './test-helpers';

const PLAN: PollPlan = { ...TEST_PLAN, ...TYPICAL_5_TO_30_S, minIntervalMs: 10_000, maxIntervalMs: 600_000 };
const fixed = { random: () => 0.5, scale: 1, relayConnected: false };

/** Poll times (since submit) and the lag for a job lasting `durationMs`, with the real pollDelay. */
function trace(plan: PollPlan, durationMs: number, random = () => 0.5) {
  const opts = { ...fixed, random };
  const at = [pollDelay(plan, 0, opts)];
  while (at.at(-1)! < durationMs) at.push(at.at(-1)! + pollDelay(plan, at.length, opts, { elapsedMs: at.at(-1)! }));
  return { at, polls: at.length, lagMs: at.at(-1)! - durationMs };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('pollDelay with a checkpoint plan', () => {
  it('polls at the middle of the typical range, then at its end, then backs off geometrically', () => {
    expect(trace(PLAN, 1_000_000).at.slice(0, 6)).toEqual([17_500, 30_000, 55_000, 105_000, 205_000, 405_000]);
  });

  it('meets P2 on 5–30 s jobs: at most 1.5 polls and a mean lag of at most 6.5 s, whatever the jitter', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999999]) {
      const traces = Array.from({ length: 101 }, (_, i) => trace(PLAN, 5_000 + i * 250, random));
      expect(mean(traces.map((t) => t.polls))).toBeLessThanOrEqual(1.5);
      expect(mean(traces.map((t) => t.lagMs))).toBeLessThanOrEqual(6_500);
    }
  });

  it('finds very short jobs at the first poll', () => {
    expect(trace(PLAN, 100)).toMatchObject({ polls: 1, lagMs: 17_400 });
  });

  it('keeps long jobs bounded: intervals never under the minimum nor over the cap, few polls a day', () => {
    const { at } = trace(PLAN, 24 * 3600_000);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PLAN.minIntervalMs);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(PLAN.maxIntervalMs * 1.1);
    // A poll storm would be thousands; the 10 min cap allows ~144 a day.
    expect(at.length).toBeLessThan(160);
  });

  it('aims the second poll at the checkpoint counted from submit, even when the first ran late', () => {
    expect(pollDelay(PLAN, 1, fixed, { elapsedMs: 20_000 })).toBe(10_000);
    expect(pollDelay(PLAN, 1, fixed, { elapsedMs: 19_000 })).toBe(11_000);
    // Past the checkpoint already (the worker slept): the minimum interval, not a burst.
    expect(pollDelay(PLAN, 1, fixed, { elapsedMs: 90_000 })).toBe(PLAN.minIntervalMs);
  });

  it('uses the relay delay first when a webhook is expected, and scales with the user setting', () => {
    expect(pollDelay(PLAN, 0, { ...fixed, relayConnected: true })).toBe(PLAN.firstPollDelayWithRelayMs);
    expect(pollDelay(PLAN, 0, { ...fixed, scale: 2 })).toBe(35_000);
    expect(pollDelay(PLAN, 1, { ...fixed, scale: 2 }, { elapsedMs: 35_000 })).toBe(25_000);
  });
});

describe('pollDelay with provider counters', () => {
  const at = (progress: Progress, elapsedMs: number, pollsDone = 3) => pollDelay(PLAN, pollsDone, fixed, { elapsedMs, progress });

  it('polls when the rate so far says the batch will be done, if that is sooner than the backoff', () => {
    // Backoff would wait 50 s; half the batch took 40 s, so the rest should take 40 s.
    expect(pollDelay(PLAN, 3, fixed)).toBe(50_000);
    expect(at({ done: 5, total: 10 }, 40_000)).toBe(40_000);
  });

  it('never waits longer than the backoff, nor less than the minimum interval', () => {
    expect(at({ done: 1, total: 100 }, 40_000)).toBe(50_000);
    expect(at({ done: 99, total: 100 }, 40_000)).toBe(PLAN.minIntervalMs);
  });

  it('ignores counters that say nothing about the rate', () => {
    expect(at({ done: 0, total: 10 }, 40_000)).toBe(50_000);
    expect(at({ done: 10, total: 10 }, 40_000)).toBe(50_000);
  });
});

describe('processJob on a checkpoint plan', () => {
  beforeEach(() => {
    // Only Date is faked: fake-indexeddb needs real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T08:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('schedules the polls 17.5 s and 30 s after submit, then from the batch rate', async () => {
    let progress: Progress = { done: 0, total: 10 };
    const world = makeWorld({
      pollPlan: PLAN,
      submit: async () => ({ ref: { id: 'p1' }, providerJobIds: ['p1'] }),
      status: async () => ({ state: 'running', progress }),
      result: async () => [],
    });
    world.deps.now = () => Date.now();
    const submittedAt = Date.now();
    const job = await world.addJob({ createdAt: submittedAt, nextPollAt: submittedAt });
    const step = async () => {
      const current = await world.repo.get(job.id);
      vi.setSystemTime(current!.nextPollAt);
      await processJob(world.deps, current!);
      return (await world.repo.get(job.id))!;
    };
    await processJob(world.deps, job);
    expect((await world.repo.get(job.id))!.nextPollAt - submittedAt).toBe(17_500);
    expect((await step()).nextPollAt - submittedAt).toBe(30_000);
    // Nothing done yet at 30 s: no rate, so the backoff step (25 s).
    expect((await step()).nextPollAt - submittedAt).toBe(55_000);
    progress = { done: 8, total: 10 };
    const third = await step();
    expect(third).toMatchObject({ polls: 3, progress: { done: 8, total: 10 } });
    // 8 of 10 after 55 s: 13.75 s left at that rate, sooner than the 50 s backoff step.
    expect(third.nextPollAt - submittedAt).toBe(55_000 + 13_750);
  });
});
