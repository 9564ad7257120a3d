import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerHandlers, type Handlers } from './server';
import { senderKind } from './sender';

const ORIGIN = `chrome-extension://${fakeBrowser.runtime.id}/`;
const popup = { id: fakeBrowser.runtime.id, url: `${ORIGIN}popup.html` };
const optionsInATab = { id: fakeBrowser.runtime.id, url: `${ORIGIN}options.html`, tab: { id: 7 } };
const contentScript = { id: fakeBrowser.runtime.id, url: 'https://shop.example/page', tab: { id: 3 }, frameId: 0 };
const otherExtension = { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' };

describe('background message handlers check the sender', () => {
  const queueUrls = vi.fn(() => ({ queued: 1, duplicates: 0, invalid: [], jobIds: ['j'] }));
  const selectionCount = vi.fn();

  beforeEach(() => {
    fakeBrowser.reset();
    queueUrls.mockClear();
    selectionCount.mockClear();
    // Only the handlers this test calls; the others are never reached.
    registerHandlers({ queueUrls, selectionCount } as unknown as Handlers);
  });

  // The fake's trigger wants a full MessageSender; these carry only what a sender check reads.
  const send = async (name: string, data: unknown, sender: object) =>
    (await fakeBrowser.runtime.onMessage.trigger({ $sq: 1, name, data }, sender as Browser.runtime.MessageSender, () => undefined))[0];

  it('rejects a privileged message from a content script and never runs its handler', async () => {
    expect(await send('queueUrls', { pasteId: 'p1' }, contentScript)).toEqual({
      ok: false,
      error: { name: 'NotAllowedError', message: '"queueUrls" is not allowed from a web page' },
    });
    expect(queueUrls).not.toHaveBeenCalled();
  });

  it('lets a content script send only the message it needs', async () => {
    expect(await send('selectionCount', { count: 4 }, contentScript)).toEqual({ ok: true });
    expect(selectionCount).toHaveBeenCalledWith({ count: 4 });
  });

  it("serves this extension's own pages, in the toolbar or in a tab", async () => {
    expect(await send('queueUrls', { pasteId: 'p1' }, popup)).toMatchObject({ ok: true, value: { queued: 1 } });
    expect(await send('queueUrls', { pasteId: 'p1' }, optionsInATab)).toMatchObject({ ok: true });
    expect(queueUrls).toHaveBeenCalledTimes(2);
  });

  it('does not answer other extensions at all', async () => {
    expect(await send('selectionCount', { count: 1 }, otherExtension)).toBeUndefined();
    expect(await send('queueUrls', { pasteId: 'p1' }, otherExtension)).toBeUndefined();
    expect(queueUrls).not.toHaveBeenCalled();
    expect(selectionCount).not.toHaveBeenCalled();
  });
});

describe('senderKind', () => {
  const self = { id: fakeBrowser.runtime.id, origin: ORIGIN };
  it('tells pages, content scripts and strangers apart', () => {
    expect(senderKind(popup, self)).toBe('extension');
    expect(senderKind(optionsInATab, self)).toBe('extension');
    expect(senderKind(contentScript, self)).toBe('content-script');
    expect(senderKind(otherExtension, self)).toBe('foreign');
    expect(senderKind({ id: fakeBrowser.runtime.id }, self)).toBe('foreign');
    expect(senderKind(undefined, self)).toBe('foreign');
  });
});
