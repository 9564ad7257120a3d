import { browser } from 'wxt/browser';
import { defineContentScript } from '#imports';
import { PICKER_PORT, ToPicker } from '@/lib/picker/protocol';
import { startPickSession } from '@/lib/picker/session';

/**
 * "Pick on page": injected on demand into the user's tab by the side panel (scripting.executeScript),
 * never registered for any site. It connects back, waits for "start", and reports what was picked.
 */
export default defineContentScript({
  // Runtime-only: the listed host must already be a host permission (it is: loopback).
  matches: ['http://127.0.0.1/*'],
  registration: 'runtime',
  main() {
    const port = browser.runtime.connect({ name: PICKER_PORT });
    let stop: (() => void) | undefined;
    port.onMessage.addListener((raw: unknown) => {
      const message = ToPicker.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === 'cancel') return stop?.();
      stop?.();
      stop = startPickSession(document, message.data.rowSelector, (out) => {
        // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not window.postMessage
        port.postMessage(out);
        if (out.type !== 'state') port.disconnect();
      });
    });
    // The panel closed or picked elsewhere: leave the page as it was.
    port.onDisconnect.addListener(() => stop?.());
  },
});
