/**
 * When monitors check: a fixed grid per monitor (`slotAt` + k × interval), each check jittered
 * a little later than its slot so monitors created together do not all fire at once. Pure maths,
 * the clock and randomness passed in.
 * @module
 */
import type { IntervalId, Monitor } from './types';

export const INTERVAL_MS: Record<IntervalId, number> = {
  '15m': 15 * 60_000,
  hourly: 60 * 60_000,
  daily: 24 * 60 * 60_000,
  weekly: 7 * 24 * 60 * 60_000,
};

/** Up to this share of the interval is added as jitter (15 min → up to 90 s). */
export const JITTER_FRACTION = 0.1;
/** …but never more than this, so a weekly check does not drift by most of a day. */
export const MAX_JITTER_MS = 30 * 60_000;
/** Checks started in the same pass are spaced by this much. */
export const STAGGER_MS = 2_000;

export type IntervalMs = (interval: IntervalId) => number;
export const defaultIntervalMs: IntervalMs = (interval) => INTERVAL_MS[interval];

export function jitterMs(intervalMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(MAX_JITTER_MS, intervalMs * JITTER_FRACTION));
}

/**
 * The first grid slot strictly after `now`. Slots missed while the browser was closed are skipped,
 * so a monitor overdue by ten slots checks once, not ten times.
 */
export function nextSlot(slotAt: number, now: number, intervalMs: number): number {
  if (slotAt > now) return slotAt;
  const missed = Math.floor((now - slotAt) / intervalMs) + 1;
  return slotAt + missed * intervalMs;
}

export interface Plan {
  slotAt: number;
  nextCheckAt: number;
}

/** The schedule after a check started at `now` (scheduled or "Check now"). */
export function planAfterCheck(monitor: Pick<Monitor, 'slotAt'>, now: number, intervalMs: number, random: () => number): Plan {
  const slotAt = nextSlot(monitor.slotAt, now, intervalMs);
  return { slotAt, nextCheckAt: slotAt + jitterMs(intervalMs, random) };
}

/** A new monitor: first check at once when there is no baseline, else one interval from now. */
export function planNew(now: number, intervalMs: number, random: () => number, hasBaseline: boolean): Plan {
  if (!hasBaseline) return { slotAt: now, nextCheckAt: now };
  const slotAt = now + intervalMs;
  return { slotAt, nextCheckAt: slotAt + jitterMs(intervalMs, random) };
}

/** Resuming: an overdue monitor checks once now; one not yet due keeps its slot. */
export function planResume(monitor: Pick<Monitor, 'slotAt' | 'nextCheckAt'>, now: number): Plan {
  return monitor.nextCheckAt <= now ? { slotAt: monitor.slotAt, nextCheckAt: now } : { slotAt: monitor.slotAt, nextCheckAt: monitor.nextCheckAt };
}

/** Changing the interval restarts the grid from now (first check one new interval away). */
export function planInterval(now: number, intervalMs: number, random: () => number): Plan {
  return planNew(now, intervalMs, random, true);
}

export const isDue = (monitor: Pick<Monitor, 'state' | 'nextCheckAt' | 'checkJobId'>, now: number): boolean =>
  monitor.state === 'active' && monitor.checkJobId === undefined && monitor.nextCheckAt <= now;

/** When the i-th check of one pass may send its request: spread, never all at once. */
export const staggeredStart = (now: number, i: number): number => now + i * STAGGER_MS;
