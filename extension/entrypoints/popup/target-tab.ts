import { browser } from 'wxt/browser';

/**
 * The tab "Scrape current tab" acts on. `popup.html?tab=<id>` overrides it: when the popup is
 * opened as a normal tab (e2e tests, "open in new tab"), the active tab is the popup itself.
 */
export async function targetTabId(search = location.search): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
