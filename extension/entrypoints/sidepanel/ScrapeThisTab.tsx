import { useEffect, useState } from 'preact/hooks';
import type { ProviderId } from '@@/shared/schemas/job';
import { requestPageAccess } from '@/lib/permissions/host-access';
import { descriptor } from '@/lib/providers/registry';
import { loadSettings } from '@/lib/settings/settings';
import { useServices } from '@/lib/ui/services';
import { useTabChanges } from '@/lib/ui/use-tab-changes';
import { targetTab, type TargetTab } from '@/lib/tabs/target-tab';

export interface ScrapeThisTabProps {
  /** Called with the new job so the viewer follows it. */
  onQueued: (jobId: string) => void;
}

/** The tab beside the panel, kept current as the user switches or navigates tabs. */
function useTargetTab(): TargetTab | undefined {
  const [tab, setTab] = useState<TargetTab>();
  useTabChanges(() => void targetTab().then(setTab, () => setTab(undefined)));
  return tab;
}

/** "Scrape this tab" with the default provider, from the side panel's empty state. */
export function ScrapeThisTab({ onQueued }: ScrapeThisTabProps) {
  const { send } = useServices();
  const tab = useTargetTab();
  const [provider, setProvider] = useState<ProviderId>();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  useEffect(() => void loadSettings().then((s) => setProvider(s.defaultProvider)), []);

  const scrapable = tab !== undefined && /^https?:/i.test(tab.url);
  const scrape = async () => {
    if (!tab || !provider) return;
    // The side panel gets no activeTab grant: ask for the page's host inside the click when this browser reads it.
    const access = descriptor(provider).capabilities.pageAccess ? requestPageAccess([tab.url]) : undefined;
    setState({ busy: true });
    try {
      const result = await send('scrapeTab', { tabId: tab.id, provider });
      const [jobId] = result.jobIds;
      if (jobId) onQueued(jobId);
      setState({ busy: false });
      await access;
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div class="scrape-this-tab">
      <button type="button" class="primary" disabled={!scrapable || !provider || state.busy} onClick={() => void scrape()}>
        Scrape this tab
      </button>
      {!scrapable && tab && <p class="muted">Open a web page (http or https) in this tab to scrape it.</p>}
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
