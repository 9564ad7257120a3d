/**
 * ScrapingPros: the descriptor the registry lists (provider-apis.md §4).
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { createScrapingProsAdapter, LABEL, SCRAPING_PROS_MAX_BATCH, SCRAPING_PROS_POLL_PLAN } from './adapter';
import { ScrapingProsOptions } from './ref';

export const scrapingPros: ProviderDescriptor = {
  id: 'scrapingpros',
  label: LABEL,
  needsKey: true,
  defaultBaseUrl: 'https://api.scrapingpros.com',
  keyPlaceholder: 'Your ScrapingPros API key',
  // Cancelling a run is not documented (reference §4).
  capabilities: { inputKinds: ['urls'], cancel: false, webhook: true, maxBatch: SCRAPING_PROS_MAX_BATCH, collections: true },
  pollPlan: SCRAPING_PROS_POLL_PLAN,
  createAdapter: createScrapingProsAdapter,
  queueOptions: ScrapingProsOptions,
  popupExtras: [
    { kind: 'text', key: 'collectionName', label: 'Collection name', placeholder: 'e.g. Shoe shops', maxLength: 200 },
    { kind: 'checkbox', key: 'fetchHtml', label: 'Fetch page HTML (extra cost: one sync request per URL)' },
  ],
  settingsFields: [],
};
