/**
 * Scrape.do: the descriptor the registry lists (provider-apis.md §3).
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { createScrapeDoAdapter, LABEL, SCRAPE_DO_MAX_TARGETS, SCRAPE_DO_POLL_PLAN } from './adapter';
import { ScrapeDoOptions } from './ref';

export const scrapeDo: ProviderDescriptor = {
  id: 'scrapedo',
  label: LABEL,
  needsKey: true,
  defaultBaseUrl: 'https://q.scrape.do',
  keyPlaceholder: 'Your Scrape.do API token',
  capabilities: {
    inputKinds: ['urls'],
    cancel: true,
    webhook: true,
    maxBatch: SCRAPE_DO_MAX_TARGETS,
    // The async pool is 30 % of the plan; /me tells what is free (seed "Best Practices").
    accountConcurrency: true,
  },
  pollPlan: SCRAPE_DO_POLL_PLAN,
  createAdapter: createScrapeDoAdapter,
  queueOptions: ScrapeDoOptions,
  popupExtras: [],
  settingsFields: [],
};
