import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** Calls `refresh` now and whenever the user switches tabs or a tab navigates (pages that follow "the tab beside me"). */
export function useTabChanges(refresh: () => void): void {
  useEffect(() => {
    refresh();
    const onUpdated = (_id: number, info: { url?: string }) => info.url && refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(refresh);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
    // Subscribes once; callers pass a function that reads fresh state itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount only
  }, []);
}
