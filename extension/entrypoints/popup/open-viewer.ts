import { browser } from 'wxt/browser';

/** The window the popup belongs to, fetched early so opening the side panel needs no await. */
let windowId: number | undefined;
void browser.windows.getCurrent().then((w) => (windowId = w.id), () => undefined);

/**
 * Shows a job's result. `sidePanel.open` only works during the click's user gesture, so it is called
 * first and synchronously; the background's viewJob then records which job the panel shows. When the
 * panel can't be opened (no sidePanel API, no window, no gesture), the viewer opens in a tab instead.
 */
export async function openViewer(jobId: string, viewJob: (id: string) => Promise<void>): Promise<void> {
  // Chrome has sidePanel; Firefox shows the same page as a sidebar_action. Either may be missing.
  const apis = browser as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  const attempt =
    apis.sidePanel && windowId !== undefined
      ? apis.sidePanel.open({ windowId })
      : apis.sidebarAction
        ? apis.sidebarAction.open()
        : undefined;
  const opened = attempt
    ? attempt.then(
        () => true,
        () => false,
      )
    : Promise.resolve(false);
  await viewJob(jobId);
  if (!(await opened)) {
    await browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html?job=${encodeURIComponent(jobId)}`) });
  }
}
