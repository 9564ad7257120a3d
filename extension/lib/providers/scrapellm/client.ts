/**
 * ScrapeLLM requests: the key in the `X-API-Key` header, not `?api_key=`, so it stays out of URLs that
 * end up in logs (reference §5 "Base & auth"); errors are `{"detail": "..."}`. 408 is the provider's own
 * timeout (guides/error-handling): worth retrying, unlike other 4xx.
 * @module
 */
import { ProviderError } from '../errors';
import { createApiClient } from '../kit/client';
import type { HttpResponse } from '../kit/http';
import type { ProviderDeps } from '../types';
import { scrapeLlmMessage } from './messages';

export function createScrapeLlmClient(deps: ProviderDeps) {
  const api = createApiClient(deps, { auth: (config) => ({ 'x-api-key': config.apiKey }), message: scrapeLlmMessage });
  return {
    ...api,
    fail: (res: HttpResponse): ProviderError =>
      res.status === 408 ? new ProviderError('transient', scrapeLlmMessage(408, res.text), { status: 408 }) : api.fail(res),
  };
}
