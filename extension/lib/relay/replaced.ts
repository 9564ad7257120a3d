import type { RelayState } from './state';

/**
 * After the relay closed our stream with 4409 `replaced` (the channel has its cap of live
 * subscribers and a newer one took our place), the link does not reopen it for this long: reopening
 * at once would replace the other connection, which would do the same, in a loop. Events are still
 * pulled on every wake meanwhile, so none is missed, only delivered later.
 */
export const REPLACED_HOLD_MS = 10 * 60_000;

/** True while the stream stays closed after a `replaced` close. */
export function streamHeldBack(state: Pick<RelayState, 'replacedAt'>, now: number): boolean {
  return state.replacedAt !== undefined && now - state.replacedAt < REPLACED_HOLD_MS && now >= state.replacedAt;
}
