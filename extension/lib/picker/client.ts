import { browser, type Browser } from 'wxt/browser';
import { FromPicker, PICKER_PORT, type ToPicker } from './protocol';

export interface PickHandlers {
  onState: (selector: string, count: number) => void;
  onPicked: (picked: Extract<FromPicker, { type: 'picked' }>) => void;
  onEnd: (reason: 'cancel' | 'gone') => void;
}

/**
 * Starts "Pick on page" in `tabId`: injects the picker content script, sends it the row selector and
 * forwards what it reports. The returned function cancels (the page removes its marks).
 */
export async function startPicking(tabId: number, rowSelector: string, handlers: PickHandlers): Promise<() => void> {
  let port: Browser.runtime.Port | undefined;
  let done = false;
  const finish = (reason: 'cancel' | 'gone') => {
    if (done) return;
    done = true;
    browser.runtime.onConnect.removeListener(onConnect);
    handlers.onEnd(reason);
  };
  function onConnect(p: Browser.runtime.Port) {
    if (p.name !== PICKER_PORT || p.sender?.tab?.id !== tabId || port) return;
    port = p;
    p.onMessage.addListener((raw: unknown) => {
      const message = FromPicker.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === 'state') handlers.onState(message.data.selector, message.data.count);
      else if (message.data.type === 'picked') {
        done = true;
        browser.runtime.onConnect.removeListener(onConnect);
        handlers.onPicked(message.data);
      } else finish('cancel');
    });
    p.onDisconnect.addListener(() => finish('gone'));
    const start: ToPicker = { type: 'start', rowSelector };
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not window.postMessage
    p.postMessage(start);
  }
  browser.runtime.onConnect.addListener(onConnect);
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/picker.js'] });
  } catch (e) {
    browser.runtime.onConnect.removeListener(onConnect);
    throw e;
  }
  return () => {
    if (done) return;
    const cancel: ToPicker = { type: 'cancel' };
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not window.postMessage
    port?.postMessage(cancel);
    port?.disconnect();
    finish('cancel');
  };
}

/**
 * The tab "Pick on page" works on: `?target=<tab id>` when given (tests), else the active tab of this
 * window, else (the viewer itself is a tab) the most recently used web page.
 */
export async function pickTargetTab(search = location.search): Promise<Browser.tabs.Tab | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('target'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return browser.tabs.get(fromQuery);
  const isWeb = (t: Browser.tabs.Tab) => /^https?:/i.test(t.url ?? '');
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (active && isWeb(active)) return active;
  const web = (await browser.tabs.query({})).filter(isWeb);
  return web.toSorted((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}
