import { browser } from 'wxt/browser';

/**
 * The tab "Scrape current tab" (popup) and "Scrape this tab" (side panel) act on. `?tab=<id>` overrides it: when the page is
 * opened as a normal tab (e2e tests, "open in new tab"), the active tab is the popup itself.
 */
export async function targetTabId(search = location.search): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export interface TargetTab {
  id: number;
  url: string;
}

/** The target tab with its URL (what a click needs synchronously to ask for the page's host). */
export async function targetTab(search = location.search): Promise<TargetTab | undefined> {
  const id = await targetTabId(search);
  if (id === undefined) return undefined;
  const tab = await browser.tabs.get(id);
  return { id, url: tab.url ?? '' };
}
