import type { Progress } from '@@/shared/schemas/job';
import type { PollPlan } from '../providers/types';

export interface DelayOptions {
  /** Returns [0, 1); injected so tests are deterministic. */
  random: () => number;
  /** The user's poll interval scale (settings). */
  scale: number;
  /** A relay is connected, so a webhook will probably finish the job first. */
  relayConnected: boolean;
}

/** What the job has shown so far; absent for the delay set at submit. */
export interface PollState {
  /** Time since the provider accepted the job. */
  elapsedMs: number;
  /** The provider's counters from the last status answer (items done of total). */
  progress?: Progress;
}

// ±10 % jitter spreads polls of jobs queued together without changing the expected count.
const jitter = (ms: number, random: () => number) => ms * (0.9 + 0.2 * random());

/**
 * Delay before the next status request, given how many were already made.
 *
 * With `typicalDoneByMs` (a checkpoint plan) the first poll is at the middle of the provider's typical
 * durations and the second at their end, counted from submit: for durations spread evenly over
 * that range this is 1.5 polls per job and a mean lag of a quarter of the range. After the checkpoint,
 * and for plans without one, intervals grow geometrically up to `maxIntervalMs`, so long jobs cost
 * about log2(T / first) + 1 polls and never poll faster than `minIntervalMs`.
 *
 * When the provider reports counters (a batch with some items done), the remaining time is
 * extrapolated from the rate so far and the next poll is moved earlier to that estimate, never later.
 */
export function pollDelay(plan: PollPlan, pollsDone: number, opts: DelayOptions, state?: PollState): number {
  const clamp = (ms: number) => Math.min(plan.maxIntervalMs, Math.max(plan.minIntervalMs, ms));
  const checkpoint = opts.relayConnected ? undefined : plan.typicalDoneByMs;
  if (pollsDone === 0) {
    if (opts.relayConnected) return Math.round(jitter(plan.firstPollDelayWithRelayMs, opts.random) * opts.scale);
    // A checkpoint plan's first two polls are not jittered: they are anchored to each job's own submit, and
    // the submits of jobs queued together are already spread by the provider's concurrency cap; moving
    // either poll would only add lag (earlier misses the jobs it is placed to catch, later waits longer).
    if (checkpoint !== undefined) return Math.round(plan.firstPollDelayMs * opts.scale);
    return Math.round(jitter(plan.firstPollDelayMs, opts.random) * opts.scale);
  }
  let base: number;
  if (checkpoint === undefined) {
    base = clamp(plan.firstPollDelayMs * plan.backoffFactor ** pollsDone);
  } else if (pollsDone === 1) {
    const elapsed = state?.elapsedMs ?? plan.firstPollDelayMs * opts.scale;
    return Math.round(Math.max(plan.minIntervalMs * opts.scale, checkpoint * opts.scale - elapsed));
  } else {
    base = clamp((checkpoint - plan.firstPollDelayMs) * plan.backoffFactor ** (pollsDone - 1));
  }
  const planned = jitter(base, opts.random) * opts.scale;
  const eta = remainingByRate(state);
  return Math.round(eta === undefined ? planned : Math.min(planned, Math.max(plan.minIntervalMs * opts.scale, eta)));
}

/** Time left if the items still to do go at the rate of those done so far; undefined without a rate. */
function remainingByRate(state: PollState | undefined): number | undefined {
  const p = state?.progress;
  if (!state || !p || p.done <= 0 || p.done >= p.total || state.elapsedMs <= 0) return undefined;
  return (state.elapsedMs * (p.total - p.done)) / p.done;
}

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 10 * 60_000;

/**
 * Delay after a failed call (429, 5xx, network): exponential from 2 s, capped at 10 min,
 * and never shorter than the provider's Retry-After.
 */
export function retryDelay(attempts: number, retryAfterMs: number | undefined, random: () => number): number {
  const exponential = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts));
  return Math.round(Math.max(retryAfterMs ?? 0, jitter(exponential, random)));
}
