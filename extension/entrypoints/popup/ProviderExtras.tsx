import type { ProviderId } from '@@/shared/schemas/job';
import type { QueueExtras } from './queue-options';

export interface ProviderExtrasProps {
  provider: ProviderId;
  extras: QueueExtras;
  onChange: (patch: Partial<QueueExtras>) => void;
}

/** The chosen provider's own options for queued URLs. */
export function ProviderExtras({ provider, extras, onChange }: ProviderExtrasProps) {
  switch (provider) {
    case 'brightdata':
      return (
        <label class="check">
          <input type="checkbox" checked={extras.scrapeNow} onChange={(e) => onChange({ scrapeNow: e.currentTarget.checked })} />
          Scrape now (up to 20 URLs)
        </label>
      );
    case 'scrapingpros':
      return (
        <div class="extras">
          <label class="field">
            Collection name
            <input type="text" value={extras.collectionName} onInput={(e) => onChange({ collectionName: e.currentTarget.value })} />
          </label>
          <label class="check">
            <input type="checkbox" checked={extras.fetchHtml} onChange={(e) => onChange({ fetchHtml: e.currentTarget.checked })} />
            Fetch page HTML (extra cost: one sync request per URL)
          </label>
        </div>
      );
    case 'scraperapi':
      return (
        <label class="field extras-narrow">
          Max cost (credits)
          <input type="text" inputMode="decimal" value={extras.maxCost} onInput={(e) => onChange({ maxCost: e.currentTarget.value })} />
        </label>
      );
    default:
      return null;
  }
}
