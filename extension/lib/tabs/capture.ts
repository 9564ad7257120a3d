import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { CapturedPage } from '../providers/types';

const Captured = z.object({ html: z.string(), title: z.string(), url: z.string(), text: z.string() });
const Links = z.array(z.string());

/** Reads a tab's live DOM (after scripts ran, with the user's session) through chrome.scripting. */
export async function captureTab(tabId: number): Promise<CapturedPage> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: () => ({
      html: document.documentElement.outerHTML,
      title: document.title,
      url: location.href,
      text: document.body?.innerText ?? '',
    }),
  });
  return Captured.parse(injection?.result);
}

/** The hrefs of links that are (even partly) inside the tab's current selection. */
export async function selectedLinks(tabId: number, frameId?: number): Promise<string[]> {
  const [injection] = await browser.scripting.executeScript({
    target: frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] },
    func: () => {
      const selection = getSelection();
      if (!selection || selection.rangeCount === 0) return [];
      const anchors = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'));
      return anchors.filter((a) => selection.containsNode(a, true)).map((a) => a.href);
    },
  });
  return Links.parse(injection?.result ?? []);
}

/** Whether optional host permission for this URL's origin is granted (loopback is granted at install). */
export async function canAccess(url: string): Promise<boolean> {
  const origin = `${new URL(url).origin}/*`;
  return browser.permissions.contains({ origins: [origin] });
}
