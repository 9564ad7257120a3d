import type { ProviderId } from '@@/shared/schemas/job';
import { createBrowserAdapter, type BrowserProviderDeps } from './browser/adapter';
import { PROVIDERS } from './catalog';
import { ProviderError } from './errors';
import type { ProviderAdapter } from './types';

// Placeholder until each remote adapter lands; replaced provider by provider.
function pending(id: ProviderId): ProviderAdapter {
  const fail = async (): Promise<never> => {
    throw new ProviderError('fatal', `${PROVIDERS[id].label} is not available yet.`);
  };
  return {
    id,
    label: PROVIDERS[id].label,
    defaultBaseUrl: PROVIDERS[id].defaultBaseUrl,
    needsKey: true,
    capabilities: { inputKinds: ['urls'], cancel: false, webhook: false, maxBatch: 1 },
    pollPlan: {
      firstPollDelayMs: 15_000,
      firstPollDelayWithRelayMs: 60_000,
      minIntervalMs: 5_000,
      maxIntervalMs: 600_000,
      backoffFactor: 2,
      concurrency: 2,
      retentionMs: 24 * 3600_000,
      maxTransientAttempts: 5,
    },
    submit: fail,
    status: fail,
    result: fail,
    checkKey: fail,
  };
}

/** Builds every adapter with the same injected fetch, clock and logger. */
export function createAdapters(deps: BrowserProviderDeps): Record<ProviderId, ProviderAdapter> {
  return {
    browser: createBrowserAdapter(deps),
    brightdata: pending('brightdata'),
    scraperapi: pending('scraperapi'),
    scrapedo: pending('scrapedo'),
    scrapingpros: pending('scrapingpros'),
    scrapellm: pending('scrapellm'),
  };
}
