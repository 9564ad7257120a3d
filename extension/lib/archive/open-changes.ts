import { browser } from 'wxt/browser';
import { CHANGE_NOTIFICATION } from '../monitors/monitor-service';

/** A click on "Changed: <title>" opens that monitor's diff (newest vs previous snapshot). */
export async function openChangesFromNotification(notificationId: string): Promise<void> {
  if (!notificationId.startsWith(CHANGE_NOTIFICATION)) return;
  const monitorId = notificationId.slice(CHANGE_NOTIFICATION.length);
  await browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html?monitor=${encodeURIComponent(monitorId)}`) });
  await browser.notifications.clear(notificationId);
}
