/**
 * Context-menu clicks → queued jobs, with the user's default provider.
 * @module
 */
import { browser, type Browser } from 'wxt/browser';
import { handleMenuClick, MENU, type MenuClick, type MenuDeps } from '../menus/menus';
import { requestPageAccess } from '../permissions/host-access';
import { selectedLinks } from '../tabs/capture';
import type { Services } from './services';

export function createMenuClicks(services: Services, background: (work: Promise<unknown>) => void) {
  const deps: MenuDeps = {
    defaultProvider: async () => (await services.settings()).defaultProvider,
    queueUrls: (urls, provider, tabId) => services.queue.queueUrlList(urls, provider, {}, tabId),
    queuePrompt: (prompt, provider, target) => services.queue.queuePrompt(prompt, [target], {}, provider),
    selectedLinks,
    notify: (title, message) => services.notify(`sq-menu-${Date.now()}`, title, message),
    openMonitorForm: async (url) =>
      void (await browser.tabs.create({ url: browser.runtime.getURL(`/options.html?monitorUrl=${encodeURIComponent(url)}#monitors`) })),
  };
  /** What a click runs (the e2e handle calls it: Playwright cannot drive the native menu). */
  const onMenuClick = (info: MenuClick, tab?: { id?: number; url?: string }) => handleMenuClick(deps, info, tab);
  const listener = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    // A provider that fetches pages itself needs the link's host; the click is the only moment Chrome lets us ask.
    const provider = services.settingsSnapshot()?.defaultProvider;
    if (info.menuItemId === MENU.link && info.linkUrl && provider && services.adapters[provider].capabilities.pageAccess) {
      background(requestPageAccess([info.linkUrl]));
    }
    background(onMenuClick(info, tab));
  };
  return { onMenuClick, listener };
}
