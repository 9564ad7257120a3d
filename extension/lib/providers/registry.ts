import type { ProviderId } from '@@/shared/schemas/job';
import { createBrightDataAdapter } from './brightdata/adapter';
import { createBrowserAdapter, type BrowserProviderDeps } from './browser/adapter';
import { createScrapeDoAdapter, type ScrapeDoAdapter } from './scrapedo/adapter';
import { createScrapeLlmAdapter } from './scrapellm/adapter';
import { createScraperApiAdapter } from './scraperapi/adapter';
import { createScrapingProsAdapter, type ScrapingProsAdapter } from './scrapingpros/adapter';
import type { ProviderAdapter } from './types';

export interface Adapters extends Record<ProviderId, ProviderAdapter> {
  scrapedo: ScrapeDoAdapter;
  scrapingpros: ScrapingProsAdapter;
}

/** Builds every adapter with the same injected fetch, clock and logger. */
export function createAdapters(deps: BrowserProviderDeps): Adapters {
  return {
    browser: createBrowserAdapter(deps),
    brightdata: createBrightDataAdapter(deps),
    scraperapi: createScraperApiAdapter(deps),
    scrapedo: createScrapeDoAdapter(deps),
    scrapingpros: createScrapingProsAdapter(deps),
    scrapellm: createScrapeLlmAdapter(deps),
  };
}
