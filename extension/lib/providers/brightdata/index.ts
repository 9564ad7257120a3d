/**
 * Bright Data Web Scraper API (datasets v3): the descriptor the registry lists (provider-apis.md §1).
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { BRIGHTDATA_POLL_PLAN, createBrightDataAdapter, LABEL } from './adapter';
import { BrightDataOptions } from './ref';
import { DEFAULT_DATASET_ID, SYNC_MAX_URLS } from './submit';

export const brightData: ProviderDescriptor = {
  id: 'brightdata',
  label: LABEL,
  needsKey: true,
  defaultBaseUrl: 'https://api.brightdata.com',
  keyPlaceholder: 'Your Bright Data API key',
  // maxBatch: async input is "up to 1 GB", but one scraper page caps async requests at 5,000 inputs (§1 Submit).
  capabilities: { inputKinds: ['urls', 'discover'], cancel: true, webhook: true, maxBatch: 5_000 },
  pollPlan: BRIGHTDATA_POLL_PLAN,
  createAdapter: createBrightDataAdapter,
  queueOptions: BrightDataOptions,
  popupExtras: [{ kind: 'checkbox', key: 'mode', label: `Scrape now (up to ${SYNC_MAX_URLS} URLs)`, checkedValue: 'now' }],
  settingsFields: [{ key: 'datasetId', label: 'Bright Data dataset ID', placeholder: `Default: ${DEFAULT_DATASET_ID}` }],
  discovery: { label: 'Discovery keyword' },
};
