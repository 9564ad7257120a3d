/**
 * Install/start-up set-up: the context menus, the selection counter on granted page hosts, and a first
 * pass over due work. Listeners are registered synchronously by the entrypoint; this only does work.
 * @module
 */
import { browser } from 'wxt/browser';
import { menuItems } from '../menus/menus';
import { grantedPageOrigins, syncSelectionCounter } from '../menus/selection-count';
import { PROVIDERS } from '../providers/registry';
import type { Services } from './services';

export function createSetUp(services: Services) {
  const providerHosts = PROVIDERS.map((p) => p.defaultBaseUrl).filter(Boolean);
  // True once set-up has run in this worker instance (the e2e fixture waits for it).
  let done = false;
  const syncCounter = async () => syncSelectionCounter(await grantedPageOrigins(providerHosts));
  return {
    syncCounter,
    done: () => done,
    async run(): Promise<void> {
      await browser.contextMenus.removeAll();
      for (const item of menuItems()) browser.contextMenus.create(item);
      await syncCounter();
      await services.wake();
      await services.badge.refreshNow();
      done = true;
    },
  };
}

export type SetUp = ReturnType<typeof createSetUp>;
