import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Local state that must never be packed, wherever it sits. */
const SOURCE_ZIP_EXCLUDES = ['**/relay-data/**', '**/.chromium-profile/**', '**/*.sqlite', '**/*.sqlite-*', '**/test-results/**', '**/playwright-report/**', '**/*.log', '**/.env*', '**/tmp/**'];

// Preact has no WXT module, so its Vite plugin is added directly (WXT frontend-frameworks guide).
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  publicDir: 'extension/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // MV3 for Firefox too: same action, scripting and optional_host_permissions APIs as Chrome.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Scrape Queue',
    description: 'Queue pages, links and URL lists as async scraping jobs; results are kept locally.',
    // tabs: the side panel shows the current tab's latest result, which needs the tab's URL.
    permissions: [
      'contextMenus',
      'alarms',
      'storage',
      'unlimitedStorage',
      'scripting',
      'activeTab',
      'tabs',
      'notifications',
      // Firefox shows the viewer as a sidebar_action (WXT maps entrypoints/sidepanel) and has no sidePanel API.
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // The five providers' documented API hosts, and loopback for a local relay. Pages to scrape with
    // "This browser", custom provider base URLs and remote relays are requested at run time.
    host_permissions: [
      'https://api.brightdata.com/*',
      'https://async.scraperapi.com/*',
      // ScraperAPI's account figures (credits left, for "Check key") live on its main API host.
      'https://api.scraperapi.com/*',
      'https://q.scrape.do/*',
      'https://api.scrapingpros.com/*',
      'https://api.scrapellm.com/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'scrape-queue@scrape-queue.dev',
              // 140 (ESR) is the first Firefox that reads data_collection_permissions; Android has it from 142.
              strict_min_version: '140.0',
              // Nothing is collected or sent to us: pages and results stay in this browser (AMO's required declaration).
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // Store zips (`npm run zip`). The sources zip for AMO review holds only what builds the extension: an
  // allowlist, so local state (relay-data/, .chromium-profile/, *.sqlite, test output) can never slip in;
  // the excludes guard the allowed folders too. scripts/zip.test.ts lists the zip to check.
  zip: {
    includeSources: ['extension/**', 'shared/**', 'package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'README.md'],
    excludeSources: SOURCE_ZIP_EXCLUDES,
  },
  vite: () => ({
    plugins: [preact()],
    ...(process.env.SQ_NOMINIFY ? { build: { minify: false } } : {}),
  }),
});
