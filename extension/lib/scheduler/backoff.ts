import type { PollPlan } from '../providers/types';

export interface DelayOptions {
  /** Returns [0, 1); injected so tests are deterministic. */
  random: () => number;
  /** The user's poll interval scale (settings). */
  scale: number;
  /** A relay is connected, so a webhook will probably finish the job first. */
  relayConnected: boolean;
}

// ±10 % jitter spreads polls of jobs queued together without changing the expected count.
const jitter = (ms: number, random: () => number) => ms * (0.9 + 0.2 * random());

/**
 * Delay before the next status request, given how many were already made.
 * Geometric growth from the first delay means a job of length T needs about log2(T / first) + 1 polls.
 */
export function pollDelay(plan: PollPlan, pollsDone: number, opts: DelayOptions): number {
  const first = opts.relayConnected ? plan.firstPollDelayWithRelayMs : plan.firstPollDelayMs;
  const base =
    pollsDone === 0
      ? first
      : Math.min(plan.maxIntervalMs, Math.max(plan.minIntervalMs, plan.firstPollDelayMs * plan.backoffFactor ** pollsDone));
  return Math.round(jitter(base, opts.random) * opts.scale);
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
