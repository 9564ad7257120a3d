import { browser } from 'wxt/browser';
import type { ProviderId } from '@@/shared/schemas/job';
import { archiveHandlers } from '@/lib/archive/handlers';
import type { Services } from '@/lib/background/services';
import { collectionUrls } from '@/lib/jobs/collection-rerun';
import { MENU } from '@/lib/menus/menus';
import { selectionTitle } from '@/lib/menus/selection-links';
import { registerHandlers } from '@/lib/messaging/server';
import { callContext } from '@/lib/settings/provider-context';

async function tabToScrape(tabId?: number) {
  if (tabId !== undefined) return browser.tabs.get(tabId);
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!active) throw new Error('No active tab to scrape.');
  return active;
}

export function registerMessages(services: Services): void {
  const { queue, actions, adapters, settings } = services;
  registerHandlers({
    ...archiveHandlers(services.archive, adapters),
    queueUrls: ({ text, provider, options }) => queue.queueText(text, provider, options),
    queuePrompt: ({ prompt, scrapers, options }) => queue.queuePrompt(prompt, scrapers, options),
    queueDiscovery: ({ keyword, options }) => queue.queueDiscovery(keyword, options),
    async scrapeTab({ tabId, provider }) {
      const tab = await tabToScrape(tabId);
      const url = tab.url ?? '';
      if (!/^https?:/i.test(url)) throw new Error(`Only http and https pages can be scraped (${url || 'no URL'}).`);
      const chosen: ProviderId = provider ?? (await settings()).defaultProvider;
      const jobIds = await queue.queueUrlList([url], chosen, {}, chosen === 'browser' ? tab.id : undefined);
      return { queued: 1, duplicates: 0, invalid: [], jobIds };
    },
    retryJob: ({ id }) => actions.retry(id),
    cancelJob: ({ id }) => actions.cancel(id),
    deleteJobs: ({ ids }) => actions.remove(ids),
    resumeWaitingForAccess: () => actions.resumeWaitingForAccess(),
    async viewJob({ id }) {
      await browser.storage.session.set({ 'viewer.jobId': id });
      try {
        const win = await browser.windows.getLastFocused();
        if (win.id !== undefined) await browser.sidePanel.open({ windowId: win.id });
      } catch {
        // Opening needs a user gesture in some contexts; the stored choice still shows when the panel opens.
      }
    },
    async checkKey({ provider }) {
      const adapter = adapters[provider];
      try {
        return await adapter.checkKey(callContext(await settings(), adapter, {}));
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
    },
    async listCollections() {
      return adapters.scrapingpros.listCollections(callContext(await settings(), adapters.scrapingpros, {}));
    },
    async renameCollection({ id, name }) {
      const trimmed = name.trim();
      if (!trimmed) throw new Error('Enter a collection name.');
      return adapters.scrapingpros.renameCollection(callContext(await settings(), adapters.scrapingpros, {}), id, trimmed);
    },
    async rerunCollection({ id }) {
      const urls = await collectionUrls(services.repo, id);
      const jobIds = await queue.queueUrlList(urls, 'scrapingpros', { collectionId: id });
      // `queued` counts URLs, as queueUrls does.
      return { queued: urls.length, duplicates: 0, invalid: [], jobIds };
    },
    relayConnect: ({ url }) => services.relay.connect(url),
    relayDisconnect: () => services.relay.disconnect(),
    relayRotate: () => services.relay.rotate(),
    relayStatus: () => services.relay.status(),
    tick: () => services.wake(),
    async selectionCount({ count }) {
      services.menuState.selectionTitle = selectionTitle(count);
      await browser.contextMenus.update(MENU.selection, { title: services.menuState.selectionTitle });
    },
  });
}
