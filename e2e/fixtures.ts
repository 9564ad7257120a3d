import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestSite, type TestSite } from './support/site';

export const EXT_DIR = path.resolve(import.meta.dirname, '../.output/chrome-mv3-e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');

export interface Fixtures {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  site: TestSite;
  /** Stops the MV3 service worker the way Chrome does when idle (DevTools protocol). */
  stopWorker: () => Promise<void>;
  /** An extension page, for CDP sessions and storage reads. */
  extPage: Page;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'sq-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 800 },
      // Playwright passes --disable-extensions by default.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${EXT_DIR}`,
        `--load-extension=${EXT_DIR}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // The worker is usable once its e2e handle exists and the install set-up created the menus.
    await expect
      .poll(() => worker.evaluate(() => typeof (globalThis as { sq?: unknown }).sq), { timeout: 20_000 })
      .toBe('object');
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  site: async ({}, use) => {
    const site = await startTestSite();
    await use(site);
    await site.close();
  },
  extPage: async ({ context, extensionId }, use) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await use(page);
    await page.close();
  },
  stopWorker: async ({ context, extPage }, use) => {
    const session = await context.newCDPSession(extPage);
    await session.send('ServiceWorker.enable');
    let lastStatus = '';
    session.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const version of event.versions) lastStatus = version.runningStatus;
    });
    await use(async () => {
      await session.send('ServiceWorker.stopAllWorkers');
      await expect.poll(() => lastStatus, { timeout: 10_000 }).toBe('stopped');
    });
    await session.detach().catch(() => undefined);
  },
});

export { expect };
