/**
 * ScraperAPI Async: the descriptor the registry lists (provider-apis.md §2).
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { createScraperApiAdapter, LABEL, SCRAPERAPI_POLL_PLAN } from './adapter';
import { ScraperApiOptions } from './ref';

export const scraperApi: ProviderDescriptor = {
  id: 'scraperapi',
  label: LABEL,
  needsKey: true,
  defaultBaseUrl: 'https://async.scraperapi.com',
  keyPlaceholder: 'Your ScraperAPI API key',
  // The adapter splits into 50,000-URL batch requests itself (seed), so one job may hold more.
  capabilities: { inputKinds: ['urls'], cancel: true, webhook: true, maxBatch: 200_000 },
  pollPlan: SCRAPERAPI_POLL_PLAN,
  createAdapter: createScraperApiAdapter,
  queueOptions: ScraperApiOptions,
  popupExtras: [{ kind: 'number', key: 'maxCost', label: 'Max cost (credits)', placeholder: 'e.g. 10' }],
  settingsFields: [{ key: 'maxCost', label: 'ScraperAPI max cost per request (credits)', placeholder: 'e.g. 10 (no cap when empty)' }],
};
