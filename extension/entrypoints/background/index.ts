import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { openChangesFromNotification } from '@/lib/archive/open-changes';
import { MONITOR_ALARM } from '@/lib/archive/services';
import { db } from '@/lib/db/db';
import { createServices } from '@/lib/background/services';
import { handleMenuClick, MENU, menuItems, type MenuClick, type MenuDeps } from '@/lib/menus/menus';
import { grantedPageOrigins, syncSelectionCounter } from '@/lib/menus/selection-count';
import { readsPagesInBrowser, requestPageAccess } from '@/lib/permissions/host-access';
import { PROVIDERS } from '@/lib/providers/catalog';
import { WAKE_ALARM } from '@/lib/scheduler/scheduler';
import { selectedLinks } from '@/lib/tabs/capture';
import { registerMessages } from './messages';

export default defineBackground(() => {
  const services = createServices();
  /** Listeners start work they don't await; a failure is logged, never left as an unhandled rejection. */
  const background = (work: Promise<unknown>) => void work.catch((e: unknown) => console.error('Background task failed', e));

  // Every listener is registered synchronously so an alarm, click or message can wake a stopped worker.
  registerMessages(services);

  const providerHosts = Object.values(PROVIDERS).map((p) => p.defaultBaseUrl).filter(Boolean);
  const syncCounter = async () => syncSelectionCounter(await grantedPageOrigins(providerHosts));
  // True once install/start-up set-up (menus, selection counter, first pass) has run in this worker instance.
  let setUpDone = false;
  const setUp = async () => {
    await browser.contextMenus.removeAll();
    for (const item of menuItems()) browser.contextMenus.create(item);
    await syncCounter();
    await services.wake();
    await services.badge.refreshNow();
    setUpDone = true;
  };
  browser.runtime.onInstalled.addListener(() => background(setUp()));
  browser.runtime.onStartup.addListener(() => background(setUp()));

  // Newly granted page hosts get the selection counter too, and jobs waiting for access run; removed ones lose it.
  browser.permissions.onAdded.addListener(() => {
    background(syncCounter());
    background(services.actions.resumeWaitingForAccess());
  });
  browser.permissions.onRemoved.addListener(() => background(syncCounter()));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM || alarm.name === MONITOR_ALARM) background(services.wake());
  });

  const menuDeps: MenuDeps = {
    defaultProvider: async () => (await services.settings()).defaultProvider,
    queueUrls: (urls, provider, tabId) => services.queue.queueUrlList(urls, provider, {}, tabId),
    queuePrompt: (prompt, scraper) => services.queue.queuePrompt(prompt, [scraper]),
    selectedLinks,
    notify: (title, message) => services.notify(`sq-menu-${Date.now()}`, title, message),
    openMonitorForm: async (url) => void (await browser.tabs.create({ url: browser.runtime.getURL(`/options.html?monitorUrl=${encodeURIComponent(url)}#monitors`) })),
  };
  browser.notifications.onClicked.addListener((id) => background(openChangesFromNotification(id)));
  const onMenuClick = (info: MenuClick, tab?: { id?: number; url?: string }) => handleMenuClick(menuDeps, info, tab);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    // "This browser" fetches a clicked link itself; the click is the only moment Chrome lets us ask for its host.
    const provider = services.settingsSnapshot()?.defaultProvider;
    if (info.menuItemId === MENU.link && info.linkUrl && provider && readsPagesInBrowser(provider)) {
      background(requestPageAccess([info.linkUrl]));
    }
    background(onMenuClick(info, tab));
  });

  // Any wake (alarm, message, click) also resumes due work and pulls webhooks missed while stopped.
  background(services.wake());

  if (import.meta.env.MODE === 'e2e') {
    // Handle for end-to-end tests (worker.evaluate); absent from production builds.
    Object.assign(globalThis, { sq: { db, services, onMenuClick, setUpDone: () => setUpDone } });
  }
});
