/**
 * Shared steps for the remote-provider specs: configure a provider the way a user does (Options page),
 * then queue from the popup and read results in the side panel. Everything is selected by role and
 * label through the page objects; `worker` is only used to read stored settings for a wait condition.
 */
import type { BrowserContext, Locator, Worker } from '@playwright/test';
import { expect } from '../fixtures';
import { OptionsPage } from '../pages/options';
import { PopupPage } from '../pages/popup';
import { SidePanelPage } from '../pages/sidepanel';

export interface ProviderConfig {
  /** Catalog label: "Bright Data", "ScraperAPI", "Scrape.do", "ScrapingPros", "ScrapeLLM". */
  label: string;
  /** Catalog id, to see the saved settings land (brightdata, scraperapi, …). */
  id: string;
  apiKey: string;
  baseUrl: string;
}

interface StoredSettings {
  defaultProvider?: string;
  pollIntervalScale?: number;
  providers?: Record<string, { apiKey?: string; baseUrl?: string; extra?: Record<string, string>; monthlyBudget?: number }>;
}

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

/** The settings as stored (read-only, for wait conditions). */
export async function storedSettings(worker: Worker): Promise<StoredSettings> {
  return worker.evaluate(async () => ((await chrome.storage.local.get('settings')).settings ?? {}) as StoredSettings);
}

/**
 * Options page: the provider's API key and base URL (pointed at its fake), "Poll interval scale" 0.1
 * (first poll ≈ 1.5 s) and the provider as default. Resolves once the settings are saved.
 */
export async function configureProvider(
  context: BrowserContext,
  extensionId: string,
  worker: Worker,
  provider: ProviderConfig,
): Promise<OptionsPage> {
  const options = await new OptionsPage(await context.newPage(), extensionId).open();
  await options.setNumber('Poll interval scale', 0.1);
  await options.setDefaultProvider(provider.label);
  await options.setBaseUrl(provider.label, provider.baseUrl);
  await options.setApiKey(provider.label, provider.apiKey);
  await expect
    .poll(async () => {
      const s = await storedSettings(worker);
      const p = s.providers?.[provider.id];
      return [s.pollIntervalScale, s.defaultProvider, p?.baseUrl, p?.apiKey];
    })
    .toEqual([0.1, provider.id, provider.baseUrl, provider.apiKey]);
  return options;
}

/** Changes only the key in Options (e.g. to fix a wrong one) and waits until it is saved. */
export async function changeApiKey(options: OptionsPage, worker: Worker, provider: ProviderConfig, apiKey: string): Promise<void> {
  await options.open();
  await options.setApiKey(provider.label, apiKey);
  await expect.poll(async () => (await storedSettings(worker)).providers?.[provider.id]?.apiKey).toBe(apiKey);
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<PopupPage> {
  return new PopupPage(await context.newPage(), extensionId).open();
}

/** Presses the row's Open button, then shows the viewer the background chose (as the side panel does). */
export async function openResultInPanel(context: BrowserContext, extensionId: string, popup: PopupPage, rowLabel: string): Promise<SidePanelPage> {
  await popup.openResult(rowLabel);
  return new SidePanelPage(await context.newPage(), extensionId).open();
}

/** The scraped page's main heading inside the viewer's sandboxed "Rendered page" frame. */
export const renderedHeading = (panel: SidePanelPage): Locator => panel.renderedFrame().getByRole('heading', { level: 1 });

/** Three distinct page URLs for one provider; the fakes answer for any URL, nothing is fetched from them. */
export function threeUrls(providerId: string): [string, string, string] {
  return [`https://example.com/${providerId}/one`, `https://example.com/${providerId}/two`, `https://example.com/${providerId}/three`];
}

/** The batch row's label starts with "3 URLs: <first URL>". */
export const batchLabel = (urls: readonly string[]): string => `${urls.length} URLs: ${urls[0]}`;

/** The popup's per-provider queue options (shown under the provider picker), by their labels. */
export const popupExtras = (popup: PopupPage) => ({
  /** Bright Data: synchronous /scrape. */
  scrapeNow: popup.page.getByRole('checkbox', { name: /^Scrape now/ }),
  /** ScrapingPros. */
  collectionName: popup.page.getByRole('textbox', { name: 'Collection name' }),
  fetchHtml: popup.page.getByRole('checkbox', { name: /^Fetch page HTML/ }),
  /** ScraperAPI. */
  maxCost: popup.page.getByRole('textbox', { name: 'Max cost (credits)' }),
});

/**
 * Binds a fake's start function: `withFake(opts, body)` starts the fake for one test body and always closes it.
 * @example const withFake = fakeRunner(startFakeScrapeDo);
 */
export function fakeRunner<O, F extends { close(): Promise<void> }>(start: (opts: O) => Promise<F>) {
  return async (opts: O, body: (fake: F) => Promise<void>): Promise<void> => {
    const fake = await start(opts);
    try {
      await body(fake);
    } finally {
      await fake.close();
    }
  };
}
