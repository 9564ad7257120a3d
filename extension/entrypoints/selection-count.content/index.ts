import { browser } from 'wxt/browser';
import { defineContentScript } from '#imports';
import { countSelectedLinks } from '@/lib/menus/selection-links';

/**
 * Keeps the "Scrape N selected links" menu title current. Registered at run time only for hosts the
 * user already granted (see lib/menus/selection-count.ts), never for all sites at install.
 */
export default defineContentScript({
  // Listed hosts must already be host permissions: runtime registration adds them to the manifest.
  matches: ['http://127.0.0.1/*'],
  registration: 'runtime',
  main() {
    let last = -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      const count = countSelectedLinks(document);
      if (count === last) return;
      last = count;
      browser.runtime.sendMessage({ $sq: 1, name: 'selectionCount', data: { count } }).catch(() => undefined);
    };
    document.addEventListener('selectionchange', () => {
      clearTimeout(timer);
      timer = setTimeout(report, 80);
    });
    // A right-click right after selecting must not wait for the debounce.
    document.addEventListener('contextmenu', report, true);
  },
});
