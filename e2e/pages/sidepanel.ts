import type { FrameLocator, Locator, Page } from '@playwright/test';

export type ViewerTab = 'Rendered' | 'Source' | 'Text' | 'JSON' | 'Table' | 'Details';

/** The result viewer (sidepanel.html), opened as a normal tab. */
export class SidePanelPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  /** With `jobId`, shows that job (?job=<id>); without, the job the background chose via viewJob. */
  async open(jobId?: string): Promise<this> {
    const query = jobId === undefined ? '' : `?job=${encodeURIComponent(jobId)}`;
    await this.page.goto(`chrome-extension://${this.extensionId}/sidepanel.html${query}`);
    return this;
  }

  /** As beside tab `tabId` (?tab=<id>): opened as a tab, the panel's own tab would be the active one. */
  async openBesideTab(tabId: number): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/sidepanel.html?tab=${tabId}`);
    return this;
  }

  /** The empty state's button. */
  get scrapeThisTab(): Locator {
    return this.page.getByRole('button', { name: 'Scrape this tab', exact: true });
  }

  get optionsLink(): Locator {
    return this.page.getByRole('banner').getByRole('link', { name: 'Options', exact: true });
  }

  /** The job's URL or prompt. */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  tab(name: ViewerTab): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  get panel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  async show(name: ViewerTab): Promise<Locator> {
    await this.tab(name).click();
    return this.page.getByRole('tabpanel', { name, exact: true });
  }

  /** The scraped page inside the empty-sandbox iframe. */
  renderedFrame(): FrameLocator {
    return this.page.getByTitle('Rendered page').contentFrame();
  }

  get renderedIframe(): Locator {
    return this.page.getByTitle('Rendered page');
  }

  /** The value of the Details tab's row `label` ("Record cost", "Status code", …); the tab must be shown. */
  detail(label: string): Locator {
    const term = this.page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) });
    return this.page.getByRole('tabpanel', { name: 'Details', exact: true }).locator('div').filter({ has: term }).getByRole('definition');
  }

  /** The Rendered view's per-site "Load remote images" switch. */
  get remoteImages(): Locator {
    return this.page.getByRole('checkbox', { name: 'Load remote images' });
  }

  /** Whether the rendered page's image `alt` has finished (loaded or refused) and its natural width (0 when not loaded). */
  async renderedImage(alt: string): Promise<{ complete: boolean; width: number }> {
    return this.renderedFrame()
      .getByRole('img', { name: alt })
      .evaluate((img: HTMLImageElement) => ({ complete: img.complete, width: img.naturalWidth }));
  }

  /** Batches only: shows the record of `url` (the picker's options are named by URL). */
  async pickRecord(url: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Record' }).selectOption({ label: url });
  }

  button(name: 'Copy' | 'Download HTML' | 'Download JSON' | 'Download CSV' | 'Download NDJSON'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Clicks a download button and returns the Playwright download. */
  async download(name: 'Download HTML' | 'Download JSON' | 'Download CSV' | 'Download NDJSON') {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button(name).click()]);
    return download;
  }

  /** "No result yet" while the job has no stored result. */
  get emptyState(): Locator {
    return this.page.getByText('No result yet');
  }
}
