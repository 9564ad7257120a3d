import { browser } from 'wxt/browser';
import type { ProviderId } from '@@/shared/schemas/job';
import { archiveHandlers } from '@/lib/archive/handlers';
import type { Services } from '@/lib/background/services';
import { BulkAction, BulkSelection } from '@/lib/jobs/bulk/types';
import { failoverHandlers } from '@/lib/jobs/failover-handlers';
import { collectionUrls } from '@/lib/jobs/collection-rerun';
import { MENU } from '@/lib/menus/menus';
import { selectionTitle } from '@/lib/menus/selection-links';
import { registerHandlers } from '@/lib/messaging/server';
import type { CollectionsApi } from '@/lib/providers/types';
import { callContext } from '@/lib/settings/provider-context';
import { tablesHandlers } from '@/lib/tables/handlers';

async function tabToScrape(tabId?: number) {
  if (tabId !== undefined) return browser.tabs.get(tabId);
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!active) throw new Error('No active tab to scrape.');
  return active;
}

export function registerMessages(services: Services): void {
  const { queue, actions, adapters, settings } = services;
  /** The provider's saved-collections API and its call context; an error when it keeps none. */
  const collections = async (provider: ProviderId): Promise<[CollectionsApi, Awaited<ReturnType<typeof callContext>>]> => {
    const adapter = adapters[provider];
    if (!adapter.collections) throw new Error(`${adapter.label} keeps no saved collections.`);
    return [adapter.collections, callContext(await settings(), adapter, {})];
  };
  registerHandlers({
    ...tablesHandlers(services.tables, services.crawler),
    ...archiveHandlers(services.archive, adapters),
    ...failoverHandlers(services.failover),
    queueUrls: async ({ pasteId, provider, options }) => queue.queueText(await services.pastes.take(pasteId), provider, options),
    queuePrompt: ({ prompt, scrapers, provider, options }) => queue.queuePrompt(prompt, scrapers, options, provider),
    queueDiscovery: ({ keyword, provider, options }) => queue.queueDiscovery(keyword, options, provider),
    async scrapeTab({ tabId, provider }) {
      const tab = await tabToScrape(tabId);
      const url = tab.url ?? '';
      if (!/^https?:/i.test(url)) throw new Error(`Only http and https pages can be scraped (${url || 'no URL'}).`);
      const chosen: ProviderId = provider ?? (await settings()).defaultProvider;
      const jobIds = await queue.queueUrlList([url], chosen, {}, adapters[chosen].capabilities.liveTab ? tab.id : undefined);
      return { queued: 1, duplicates: 0, invalid: [], jobIds };
    },
    retryJob: ({ id }) => actions.retry(id),
    cancelJob: ({ id }) => actions.cancel(id),
    deleteJobs: ({ ids }) => actions.remove(ids),
    bulkJobs: ({ action, selection }) => services.bulk.run(BulkAction.parse(action), BulkSelection.parse(selection)),
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
    async listCollections({ provider }) {
      const [api, ctx] = await collections(provider);
      return api.list(ctx);
    },
    async renameCollection({ provider, id, name }) {
      const trimmed = name.trim();
      if (!trimmed) throw new Error('Enter a collection name.');
      const [api, ctx] = await collections(provider);
      return api.rename(ctx, id, trimmed);
    },
    async rerunCollection({ provider, id }) {
      const [api] = await collections(provider);
      const urls = await collectionUrls(services.repo, { provider, collections: api }, id);
      const jobIds = await queue.queueUrlList(urls, provider, api.rerunOptions(id));
      // `queued` counts URLs, as queueUrls does.
      return { queued: urls.length, duplicates: 0, invalid: [], jobIds };
    },
    relayConnect: ({ url, registrationToken }) => services.relay.connect(url, registrationToken),
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
