/**
 * Every Bright Data request goes through here: the Bearer key (only to the configured origin, via
 * send's keyedFor guard), the 429 budget, and error bodies turned into readable messages.
 */
import { parseRetryAfter } from '../errors';
import { sendToApi, type ApiRequest, type HttpResponse } from '../kit/http';
import type { ProviderConfig, ProviderDeps } from '../types';
import { brightDataMessage } from './messages';
import type { RateLimitBudget } from './rate-limit';

export interface BrightDataClient {
  request(config: ProviderConfig, req: ApiRequest): Promise<HttpResponse>;
}

export function createBrightDataClient(deps: ProviderDeps, budget: RateLimitBudget): BrightDataClient {
  return {
    async request(config, req) {
      budget.guard();
      const res = await sendToApi(deps, config, { authorization: `Bearer ${config.apiKey}` }, req);
      if (res.status === 429) {
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
        const err = budget.hit(brightDataMessage(res.text), retryAfterMs);
        deps.logger.warn(`Bright Data 429 (${budget.count()} in 5 min), retry in ${err.details.retryAfterMs} ms`);
        throw err;
      }
      budget.answered();
      return res;
    },
  };
}
