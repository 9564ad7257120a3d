import type { BrowserContext, Page } from '@playwright/test';

/**
 * Site access as the user sets it in chrome://extensions (Details → Site access). Headless Chromium
 * cannot answer the permissions.request prompt, so tests grant the way a user can without it: withhold
 * the extension's hosts ("On specific sites"), then add a site (chrome.developerPrivate, the API that
 * page itself calls). Both fire permissions.onRemoved/onAdded in the extension like a prompt answer does.
 */
export class SiteAccess {
  private constructor(
    private readonly page: Page,
    private readonly extensionId: string,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<SiteAccess> {
    const page = await context.newPage();
    await page.goto(`chrome://extensions/?id=${extensionId}`);
    return new SiteAccess(page, extensionId);
  }

  private call(method: string, ...args: unknown[]): Promise<void> {
    return this.page.evaluate(
      async ([name, params]) => {
        const api = (globalThis as unknown as { chrome: { developerPrivate: Record<string, (...a: unknown[]) => Promise<unknown>> } }).chrome.developerPrivate;
        await api[name]!(...params);
      },
      [method, args] as const,
    );
  }

  /** "On specific sites" with only `keep` allowed: every other host the extension declares is withheld. */
  async onlyOn(keep: readonly string[]): Promise<void> {
    await this.call('updateExtensionConfiguration', { extensionId: this.extensionId, hostAccess: 'ON_SPECIFIC_SITES' });
    for (const host of keep) await this.grant(host);
  }

  /** Adds a site, e.g. "http://localhost/*". */
  async grant(host: string): Promise<void> {
    await this.call('addHostPermission', this.extensionId, host);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
