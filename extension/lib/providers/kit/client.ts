/**
 * The HTTP client shape every provider folder's client.ts builds on: requests to the configured base
 * URL with the provider's auth headers (the key goes to that origin only), and error answers mapped to
 * ProviderErrors with one rate-limit backoff per client.
 * @module
 */
import type { ProviderConfig, ProviderDeps } from '../types';
import { createRateLimitBackoff, type RateLimitBackoff } from './backoff';
import { errorFor, sendToApi, type ApiRequest, type ErrorMessage, type HttpResponse } from './http';

export interface ApiClientOptions {
  /** The headers that carry the key (none when it goes in the body). */
  auth: (config: ProviderConfig) => Record<string, string>;
  /** The readable message for an error status and body. */
  message: ErrorMessage;
  /** First and longest wait after a 429 without Retry-After. */
  backoffMs?: { first: number; max: number };
}

export interface ApiClient {
  request(config: ProviderConfig, req: ApiRequest): Promise<HttpResponse>;
  /** The ProviderError for an answer the caller did not handle itself. */
  fail(res: HttpResponse): ReturnType<typeof errorFor>;
  backoff: RateLimitBackoff;
}

export function createApiClient(deps: ProviderDeps, opts: ApiClientOptions): ApiClient {
  const backoff = createRateLimitBackoff(opts.backoffMs?.first, opts.backoffMs?.max);
  return {
    async request(config, req) {
      const res = await sendToApi(deps, config, opts.auth(config), req);
      if (res.status !== 429) backoff.reset();
      return res;
    },
    fail: (res) => errorFor(deps, res, opts.message, backoff),
    backoff,
  };
}
