import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import * as archiveBench from '@/lib/archive/bench-hooks';
import * as tablesBench from '@/lib/tables/bench-hooks';
import { openChangesFromNotification } from '@/lib/archive/open-changes';
import { MONITOR_ALARM } from '@/lib/archive/services';
import { createMenuClicks } from '@/lib/background/menu-clicks';
import { createServices } from '@/lib/background/services';
import { createSetUp } from '@/lib/background/set-up';
import { exposeTestHandle } from '@/lib/background/test-handle';
import { WAKE_ALARM } from '@/lib/scheduler/scheduler';
import { registerMessages } from './messages';

export default defineBackground(() => {
  const services = createServices();
  /** Listeners start work they don't await; a failure is logged, never left as an unhandled rejection. */
  const background = (work: Promise<unknown>) => void work.catch((e: unknown) => console.error('Background task failed', e));
  const setUp = createSetUp(services);
  const menus = createMenuClicks(services, background);

  // Every listener is registered synchronously so an alarm, click or message can wake a stopped worker.
  registerMessages(services);
  browser.runtime.onInstalled.addListener(() => background(setUp.run()));
  browser.runtime.onStartup.addListener(() => background(setUp.run()));
  // Newly granted page hosts get the selection counter too, and jobs waiting for access run; removed ones lose it.
  browser.permissions.onAdded.addListener(() => {
    background(setUp.syncCounter());
    background(services.actions.resumeWaitingForAccess());
  });
  browser.permissions.onRemoved.addListener(() => background(setUp.syncCounter()));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM || alarm.name === MONITOR_ALARM) background(services.wake());
  });
  browser.contextMenus.onClicked.addListener(menus.listener);
  browser.notifications.onClicked.addListener((id) => background(openChangesFromNotification(id)));

  // Any wake (alarm, message, click) also resumes due work and pulls webhooks missed while stopped.
  background(services.wake());
  if (import.meta.env.MODE === 'e2e') exposeTestHandle({ services, onMenuClick: menus.onMenuClick, setUpDone: setUp.done, archiveBench, tablesBench });
});
