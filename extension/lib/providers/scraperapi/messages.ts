/**
 * ScraperAPI error answers → ProviderErrors. The error body format is undocumented (§2 Errors
 * [UNKNOWN]), so bodyMessage reads JSON or text. Meanings from the official skill: 401 bad key,
 * 403 out of credits / plan limit (or max_cost), 429 too many concurrent submissions.
 */
import { ProviderError } from '../errors';
import { rateLimitError, type RateLimitBackoff } from '../kit/backoff';
import { bodyMessage, errorFor, type HttpResponse } from '../kit/http';
import type { ProviderDeps } from '../types';
import { costCapMessage, mentionsMaxCost } from './task';

export function scraperApiError(
  deps: ProviderDeps,
  res: HttpResponse,
  what: 'submit' | 'batch submit' | 'status',
  backoff: RateLimitBackoff,
): ProviderError {
  const message = bodyMessage(res.text);
  // Retry-After is undocumented for ScraperAPI (§2): without it the kit's backoff decides the wait.
  if (res.status === 429) return rateLimitError(backoff, res, deps.now(), `ScraperAPI rate limit (${what}): ${message}`);
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
