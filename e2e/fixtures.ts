import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openSqliteStore } from '../relay/store/sqlite';
import { startRelay, type TestRelay } from '../relay/testing/harness';
import { extensionWorker, launchWithExtension } from './support/launch';
import { startTestSite, type TestSite } from './support/site';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');

export interface Fixtures {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  site: TestSite;
  /** Stops the MV3 service worker the way Chrome does when idle (DevTools protocol). */
  stopWorker: () => Promise<void>;
  /** An extension page that never messages the worker by itself, for CDP sessions. */
  extPage: Page;
  /** A real relay (HTTP + WebSocket) on 127.0.0.1 with a SQLite file in a temp folder. */
  relay: TestRelay;
}

export const test = base.extend<Fixtures>({
  // oxlint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their (here: no) dependencies
  context: async ({}, use) => {
    const browser = await launchWithExtension();
    await use(browser.context);
    await browser.close();
  },
  worker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  // oxlint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their (here: no) dependencies
  site: async ({}, use) => {
    const site = await startTestSite();
    await use(site);
    await site.close();
  },
  // oxlint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their (here: no) dependencies
  relay: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sq-relay-'));
    const relay = await startRelay({ store: openSqliteStore(path.join(dir, 'relay.sqlite')) });
    await use(relay);
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  },
  extPage: async ({ context, extensionId }, use) => {
    const page = await context.newPage();
    // The popup sends the worker no messages on its own, so it cannot wake a stopped worker by accident.
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
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
