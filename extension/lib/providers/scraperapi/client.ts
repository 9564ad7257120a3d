/**
 * ScraperAPI requests: the key travels in the JSON body as `apiKey` (§2 Base & auth), never in a URL,
 * and only to the configured origin. Status URLs need no key and are fetched without one (status.ts).
 * @module
 */
import { createRateLimitBackoff } from '../kit/backoff';
import { sendToApi, type HttpResponse } from '../kit/http';
import type { CallContext, ProviderDeps } from '../types';

export function createScraperApiClient(deps: ProviderDeps) {
  return {
    /** 5, 10, 20, 40, 60 s after 429s in a row without Retry-After (undocumented for ScraperAPI, §2). */
    backoff: createRateLimitBackoff(5_000, 60_000),
    /** A keyed call: `body` plus `apiKey`. */
    keyed: (ctx: CallContext, method: 'POST' | 'DELETE', path: string, body: Record<string, unknown> = {}): Promise<HttpResponse> =>
      sendToApi(deps, ctx.config, {}, { method, path, body: { apiKey: ctx.config.apiKey, ...body } }),
  };
}

export type ScraperApiClient = ReturnType<typeof createScraperApiClient>;
