/**
 * ScraperAPI error answers → ProviderErrors. The error body format is undocumented (§2 Errors
 * [UNKNOWN]), so bodyMessage reads JSON or text. Meanings from the official skill: 401 bad key,
 * 403 out of credits / plan limit (or max_cost), 429 too many concurrent submissions.
 */
import { ProviderError, parseRetryAfter } from '../errors';
import { bodyMessage, errorFor, type HttpResponse } from '../kit/http';
import type { ProviderDeps } from '../types';
import { costCapMessage, mentionsMaxCost } from './task';

/**
 * Retry-After is undocumented for ScraperAPI (§2), so without it the wait grows 5, 10, 20, 40, 60 s
 * with consecutive 429s; one answer that is not a 429 resets it.
 */
export function createBackoff() {
  let streak = 0;
  return {
    next(): number {
      streak += 1;
      return Math.min(60_000, 5_000 * 2 ** (streak - 1));
    },
    reset(): void {
      streak = 0;
    },
  };
}
export type Backoff = ReturnType<typeof createBackoff>;

export function scraperApiError(
  deps: ProviderDeps,
  res: HttpResponse,
  what: 'submit' | 'batch submit' | 'status',
  backoff: Backoff,
): ProviderError {
  const message = bodyMessage(res.text);
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now()) ?? backoff.next();
    return new ProviderError('rate-limit', `ScraperAPI rate limit (${what}): ${message}`, { status: 429, retryAfterMs });
  }
  backoff.reset();
  if (res.status === 401) {
    return new ProviderError('auth', `ScraperAPI rejected the API key (${message}). Fix the key in Options.`, { status: 401 });
  }
  if (res.status === 403) {
    if (mentionsMaxCost(message)) return new ProviderError('fatal', costCapMessage(message), { status: 403 });
    return new ProviderError(
      'fatal',
      `ScraperAPI refused the job: ${message} (out of credits or over the plan's limits; check the ScraperAPI dashboard)`,
      { status: 403 },
    );
  }
  if (res.status === 404 && what === 'status') {
    // Results are kept up to 72 h (24 h guaranteed); after that the job is gone (§2 Status & results).
    return new ProviderError('expired', `ScraperAPI no longer has this job (${message}); results are kept 24–72 h`, { status: 404 });
  }
  const hint = res.status === 404 ? ' (check the ScraperAPI base URL in Options)' : '';
  return errorFor(deps, res, (status) => `ScraperAPI ${what} failed: HTTP ${status}: ${message}${hint}`);
}
