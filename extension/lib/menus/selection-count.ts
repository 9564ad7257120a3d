import { browser } from 'wxt/browser';

const SCRIPT_ID = 'sq-selection-count';

/** Page hosts the user granted (optional host permissions and loopback), not the provider API hosts. */
export async function grantedPageOrigins(providerHosts: readonly string[]): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((o) => /^https?:\/\//.test(o) && !providerHosts.some((h) => o.startsWith(h)));
}

/**
 * (Re)registers the selection counter on the granted hosts only, so the menu can say
 * "Scrape N selected links" without asking for every site at install.
 */
export async function syncSelectionCounter(origins: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (origins.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, js: ['content-scripts/selection-count.js'], matches: origins, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}
