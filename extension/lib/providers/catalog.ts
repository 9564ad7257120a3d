import type { ProviderId } from '@@/shared/schemas/job';

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  needsKey: boolean;
  /** Documented API base (../shared/reference/provider-apis.md §0). */
  defaultBaseUrl: string;
  /** Extra settings the options page shows for this provider: key → label. */
  extraFields: Record<string, string>;
}

/** Static facts the pages need without loading adapters. */
export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  browser: { id: 'browser', label: 'This browser', needsKey: false, defaultBaseUrl: '', extraFields: {} },
  brightdata: {
    id: 'brightdata',
    label: 'Bright Data',
    needsKey: true,
    defaultBaseUrl: 'https://api.brightdata.com',
    extraFields: { datasetId: 'Bright Data dataset ID' },
  },
  scraperapi: {
    id: 'scraperapi',
    label: 'ScraperAPI',
    needsKey: true,
    defaultBaseUrl: 'https://async.scraperapi.com',
    extraFields: { maxCost: 'ScraperAPI max cost per request (credits)' },
  },
  scrapedo: { id: 'scrapedo', label: 'Scrape.do', needsKey: true, defaultBaseUrl: 'https://q.scrape.do', extraFields: {} },
  scrapingpros: {
    id: 'scrapingpros',
    label: 'ScrapingPros',
    needsKey: true,
    defaultBaseUrl: 'https://api.scrapingpros.com',
    extraFields: {},
  },
  scrapellm: {
    id: 'scrapellm',
    label: 'ScrapeLLM',
    needsKey: true,
    defaultBaseUrl: 'https://api.scrapellm.com',
    extraFields: {},
  },
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];
