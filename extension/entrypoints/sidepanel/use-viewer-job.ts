import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Job } from '@/lib/db/schema';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';
import { useTabChanges } from '@/lib/ui/use-tab-changes';

/** storage.session key the background writes in viewJob. */
export const VIEWER_KEY = 'viewer.jobId';

async function activeTabUrl(): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

/**
 * The job this viewer shows, live: `?job=<id>` first (links, tests), then the job the background
 * stored for the viewer (it changes when the user opens another result), else the newest finished
 * job for the active tab's URL.
 */
export function useViewerJob(search = location.search): { job: Job | undefined; loading: boolean; show: (id: string) => void } {
  const { repo } = useServices();
  const [chosenId, setChosenId] = useState<string | undefined>(() => new URLSearchParams(search).get('job') ?? undefined);
  const [tabUrl, setTabUrl] = useState<string>();

  useEffect(() => {
    const readStored = async () => {
      const id = (await browser.storage.session.get(VIEWER_KEY))[VIEWER_KEY];
      if (typeof id === 'string') setChosenId((current) => current ?? id);
    };
    if (!chosenId) void readStored();
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const id = area === 'session' ? changes[VIEWER_KEY]?.newValue : undefined;
      if (typeof id === 'string') setChosenId(id);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
    // Runs once: later choices arrive through onChanged.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount only
  }, []);

  useTabChanges(() => void activeTabUrl().then(setTabUrl, () => setTabUrl(undefined)));

  const result = useLiveQuery(
    async () => ({
      job: chosenId ? await repo.get(chosenId) : tabUrl ? await repo.latestDoneForUrl(tabUrl) : undefined,
    }),
    [repo, chosenId, tabUrl],
  );
  return { job: result?.job, loading: result === undefined, show: setChosenId };
}
