import type { ProviderId } from '@@/shared/schemas/job';

/** Per-provider choices shown under the provider picker; only the chosen provider's are sent. */
export interface QueueExtras {
  /** Bright Data: synchronous /scrape for small lists. */
  scrapeNow: boolean;
  /** ScrapingPros: the collection the URLs are added to. */
  collectionName: string;
  /** ScrapingPros: one extra sync request per URL to get the page HTML. */
  fetchHtml: boolean;
  /** ScraperAPI: max credits per request, as typed. */
  maxCost: string;
}

export const EMPTY_EXTRAS: QueueExtras = { scrapeNow: false, collectionName: '', fetchHtml: false, maxCost: '' };

/** The `options` of queueUrls for this provider, or the reason the form can't be sent. */
export function queueOptions(provider: ProviderId, extras: QueueExtras): { options: Record<string, unknown> } | { error: string } {
  switch (provider) {
    case 'brightdata':
      return { options: extras.scrapeNow ? { mode: 'now' } : {} };
    case 'scrapingpros': {
      const options: Record<string, unknown> = {};
      if (extras.collectionName.trim()) options.collectionName = extras.collectionName.trim();
      if (extras.fetchHtml) options.fetchHtml = true;
      return { options };
    }
    case 'scraperapi': {
      const raw = extras.maxCost.trim();
      if (!raw) return { options: {} };
      const maxCost = Number(raw);
      if (!Number.isFinite(maxCost) || maxCost <= 0) return { error: 'Max cost must be a positive number of credits.' };
      return { options: { maxCost } };
    }
    default:
      return { options: {} };
  }
}
