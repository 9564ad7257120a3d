/**
 * Every Bright Data request goes through here: the Bearer key (only to the configured origin, via
 * send's keyedFor guard), the 429 budget, and error bodies turned into readable messages.
 */
import { ProviderError, parseRetryAfter } from '../errors';
import { errorFor, joinUrl, send, type HttpResponse, bodyMessage } from '../kit/http';
import type { ProviderConfig, ProviderDeps } from '../types';
import type { RateLimitBudget } from './rate-limit';
import { ErrorBody } from './schemas';

export interface BrightDataClient {
  request(
    config: ProviderConfig,
    req: { method?: 'GET' | 'POST'; path: string; query?: Record<string, string | undefined>; body?: unknown },
  ): Promise<HttpResponse>;
}

/**
 * Plain text for most errors, JSON `{error, code, errors: [[field, reason]]}` for validation and
 * parse errors (provider-apis.md §1 Errors).
 */
export function brightDataMessage(text: string): string {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { error, errors } = parsed.data;
      const details = (errors ?? []).map((pair) => pair.filter(Boolean).join(': ')).filter(Boolean);
      return details.length ? `${error} (${details.join('; ')})` : error;
    }
  } catch {
    // plain text: the common case
  }
  return bodyMessage(text);
}

/** Errors common to every endpoint; callers handle their own 202/400/404 meanings first. */
export function brightDataError(deps: ProviderDeps, res: HttpResponse, what: string): ProviderError {
  const message = brightDataMessage(res.text);
  if (res.status === 401 || res.status === 403) {
    return new ProviderError('auth', `Bright Data rejected the API key (${message}). Fix the key in Options.`, {
      status: res.status,
    });
  }
  return errorFor(deps, res, (status) => `Bright Data ${what} failed: HTTP ${status}: ${message}`);
}

export function createBrightDataClient(deps: ProviderDeps, budget: RateLimitBudget): BrightDataClient {
  return {
    async request(config, req) {
      budget.guard();
      const url = new URL(joinUrl(config.baseUrl, req.path));
      for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
      const res = await send(deps, {
        method: req.method ?? 'GET',
        url: url.toString(),
        headers: { authorization: `Bearer ${config.apiKey}` },
        body: req.body,
        keyedFor: config,
      });
      if (res.status === 429) {
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
        const err = budget.hit(brightDataMessage(res.text), retryAfterMs);
        deps.logger.warn(`Bright Data 429 (${budget.count()} in 5 min), retry in ${err.details.retryAfterMs} ms`);
        throw err;
      }
      return res;
    },
  };
}
