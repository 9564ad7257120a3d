import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXT_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium, headless, with the e2e build of the extension loaded in a fresh profile
 * (or in `profile.dir`, kept on close when `profile.keep`, to test a browser restart).
 */
export async function launchWithExtension(extDir = EXT_DIR, profile: { dir?: string; keep?: boolean } = {}): Promise<ExtensionBrowser> {
  const userDataDir = profile.dir ?? mkdtempSync(path.join(tmpdir(), 'sq-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    // Playwright passes --disable-extensions by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      if (!profile.keep) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The extension's service worker once its install set-up has finished (menus created, first pass run).
 * Playwright's 'serviceworker' event fires before runtime.onInstalled handlers complete.
 */
export async function extensionWorker(context: BrowserContext, timeoutMs = 20_000): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: timeoutMs }));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await worker
      .evaluate(() => (globalThis as { sq?: { setUpDone(): boolean } }).sq?.setUpDone() === true)
      .catch(() => false);
    if (ready) return worker;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('The extension worker did not start');
}
