import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The action popup, opened as a normal tab. `tabId` targets "Scrape current tab" at that tab
 * (popup.html?tab=<id>), because in a tab the active tab is the popup itself.
 */
export class PopupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  async open(options: { tabId?: number } = {}): Promise<this> {
    const query = options.tabId === undefined ? '' : `?tab=${options.tabId}`;
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html${query}`);
    return this;
  }

  get urlsBox(): Locator {
    return this.page.getByRole('textbox', { name: 'URLs to scrape' });
  }

  get provider(): Locator {
    return this.page.getByRole('combobox', { name: 'Provider', exact: true });
  }

  /** The outcome of the last action: "Queued 3 jobs", invalid entries with reasons, duplicates. */
  get report(): Locator {
    return this.page.getByRole('status');
  }

  get invalidEntries(): Locator {
    return this.report.getByRole('list', { name: 'Invalid entries' }).getByRole('listitem');
  }

  get jobList(): Locator {
    return this.page.getByRole('list', { name: 'Jobs' });
  }

  /** "1,234 jobs" next to the filters. */
  get jobCount(): Locator {
    return this.page.getByText(/^[\d,]+ jobs?$/);
  }

  async chooseProvider(label: string): Promise<void> {
    await this.provider.selectOption({ label });
  }

  /** Types `text` into the URL box (optionally with a provider) and presses Queue. */
  async queueUrls(text: string, providerLabel?: string): Promise<void> {
    if (providerLabel) await this.chooseProvider(providerLabel);
    await this.urlsBox.fill(text);
    await this.page.getByRole('button', { name: 'Queue', exact: true }).click();
  }

  /** Puts a .txt/.csv file's URLs into the URL box; `queue` then presses Queue. */
  async importUrlsFile(filePath: string, queue = true): Promise<void> {
    await this.page.getByLabel('Import URLs from file').setInputFiles(filePath);
    // The file is read asynchronously; wait for its URLs to land in the box (the report says so too).
    await expect(this.report).toContainText('Imported');
    if (queue) await this.page.getByRole('button', { name: 'Queue', exact: true }).click();
  }

  /** The gear in the product header. */
  get optionsLink(): Locator {
    return this.page.getByRole('banner').getByRole('link', { name: 'Options', exact: true });
  }

  /** The job list's first-run help ("No jobs yet: three ways to start"). */
  get gettingStarted(): Locator {
    return this.page.getByRole('region', { name: /^No jobs yet/ });
  }

  /** "Show full error for <label>" / "Show less of error for <label>" inside that row. */
  errorToggle(label: string): Locator {
    return this.jobRow(label).getByRole('button', { name: /^Show (full|less of) error for / });
  }

  /** "Allow access for <label>": asks again for the host of a job waiting for access. */
  allowAccess(label: string): Locator {
    return this.jobRow(label).getByRole('button', { name: /^Allow access for / });
  }

  async scrapeCurrentTab(): Promise<void> {
    await this.page.getByRole('button', { name: 'Scrape current tab' }).click();
  }

  /** The ScrapeLLM scraper checkboxes ("Scrapers" group). */
  get scrapers(): Locator {
    return this.page.getByRole('group', { name: 'Scrapers' });
  }

  /** ScrapeLLM: asks `prompt` to exactly the scrapers named by their labels (ChatGPT, Perplexity, …). */
  async ask(prompt: string, scraperLabels: readonly string[]): Promise<void> {
    await this.chooseProvider('ScrapeLLM');
    await this.page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    // The form opens with the last used scrapers ticked: tick the wanted ones, then untick the rest.
    for (const label of scraperLabels) await this.scrapers.getByRole('checkbox', { name: label, exact: true }).check();
    for (const box of await this.scrapers.getByRole('checkbox').all()) {
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
      if (!scraperLabels.includes(name)) await box.setChecked(false);
    }
    await this.page.getByRole('button', { name: 'Ask' }).click();
  }

  /** Bright Data: queues a discovery job for `keyword`. */
  async discover(keyword: string): Promise<void> {
    await this.chooseProvider('Bright Data');
    await this.page.getByRole('textbox', { name: 'Discovery keyword' }).fill(keyword);
    await this.page.getByRole('button', { name: 'Discover' }).click();
  }

  async filterStatus(status: 'All' | 'queued' | 'submitted' | 'running' | 'done' | 'failed' | 'canceled' | 'expired'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Status filter' }).selectOption({ label: status });
  }

  async filterText(text: string): Promise<void> {
    await this.page.getByLabel('Filter jobs').fill(text);
  }

  /** The row of the job whose URL (or prompt) contains `label`. */
  jobRow(label: string): Locator {
    return this.jobList.getByRole('listitem').filter({ hasText: label });
  }

  /** The status word (queued, running, done, …) of that row; assert with toHaveText. */
  statusOf(label: string): Locator {
    return this.jobRow(label).locator('.job-status');
  }

  /**
   * A row action. Names are "<Action> <row label>", where a batch's label is "N URLs: <first URL>",
   * so the button is matched by its action prefix inside the row found by `label`.
   */
  action(label: string, action: 'Open result for' | 'Retry' | 'Cancel' | 'Delete'): Locator {
    // Not the "Retry on…" menu button of the same row.
    return this.jobRow(label).getByRole('button', { name: new RegExp(`^${action} (?!on…$)`) });
  }

  /** The row's "Retry on…" menu button (failed and expired jobs). */
  retryOnButton(label: string): Locator {
    return this.jobRow(label).getByRole('button', { name: 'Retry on…', exact: true });
  }

  /** Opens the row's "Retry on…" menu and chooses `providerLabel`. */
  async retryOn(label: string, providerLabel: string): Promise<void> {
    await this.retryOnButton(label).click();
    await this.jobRow(label).getByRole('menu', { name: 'Retry on…' }).getByRole('menuitem', { name: providerLabel, exact: true }).click();
  }

  /** Rows of `label` sent to `providerLabel` (the row's provider name, exactly). */
  jobRowOn(label: string, providerLabel: string): Locator {
    return this.jobRow(label).filter({ has: this.page.getByText(providerLabel, { exact: true }) });
  }

  /** Opens the result viewer (side panel, or a tab when the panel can't open). */
  async openResult(label: string): Promise<void> {
    await this.action(label, 'Open result for').click();
  }

  async retry(label: string): Promise<void> {
    await this.action(label, 'Retry').click();
  }

  async cancel(label: string): Promise<void> {
    await this.action(label, 'Cancel').click();
  }

  async delete(label: string): Promise<void> {
    await this.action(label, 'Delete').click();
  }
}
