/**
 * How the scheduler should treat a failed provider call:
 * - rate-limit: wait (Retry-After when given) and try again; never fails the job.
 * - auth: pause this provider's jobs until the key is fixed.
 * - transient: 5xx / network; retry with backoff up to a limit.
 * - not-ready: the result is not there yet; poll again later.
 * - expired: the provider no longer has the job (retention passed).
 * - fatal: this job cannot succeed (bad input, malformed answer, cost cap).
 * - access: the user has not (yet) let this browser read the page's host; wait until they do.
 */
export type ProviderErrorKind = 'rate-limit' | 'auth' | 'transient' | 'not-ready' | 'expired' | 'fatal' | 'access';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}

export const isProviderError = (e: unknown): e is ProviderError => e instanceof ProviderError;

/** Parses a Retry-After header (seconds or HTTP date) into ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
