import { expect, type Locator, type Page } from '@playwright/test';

/** The options page (options.html), opened as a normal tab. */
export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  async open(): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html`);
    return this;
  }

  /** The button that opens and closes the provider's settings (each provider is one line until opened). */
  providerToggle(label: string): Locator {
    return this.page.getByRole('button', { name: label, exact: true });
  }

  /** Opens the provider's settings unless they are open already. */
  async expand(label: string): Promise<void> {
    const toggle = this.providerToggle(label);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(this.provider(label)).toBeVisible();
  }

  /** The provider's fieldset (legend = provider label), shown once expanded. */
  provider(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }

  apiKey(providerLabel: string): Locator {
    return this.page.getByLabel(`${providerLabel} API key`, { exact: true });
  }

  baseUrl(providerLabel: string): Locator {
    return this.page.getByLabel(`${providerLabel} API base URL`, { exact: true });
  }

  checkKeyButton(providerLabel: string): Locator {
    return this.page.getByRole('button', { name: `Check ${providerLabel} key` });
  }

  /** "Saved" after each committed change. */
  get saved(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^Saved$/ });
  }

  /** Fills the key and commits it (blur), which saves it. */
  async setApiKey(providerLabel: string, key: string): Promise<void> {
    await this.expand(providerLabel);
    await this.apiKey(providerLabel).fill(key);
    await this.apiKey(providerLabel).blur();
  }

  /** Fills the base URL and commits it; an invalid URL shows an error instead of saving. */
  async setBaseUrl(providerLabel: string, url: string): Promise<void> {
    await this.expand(providerLabel);
    await this.baseUrl(providerLabel).fill(url);
    await this.baseUrl(providerLabel).blur();
  }

  /** Fills one of the provider's extra fields by its label (e.g. "Bright Data dataset ID"). */
  async setExtra(providerLabel: string, fieldLabel: string, value: string): Promise<void> {
    await this.expand(providerLabel);
    const field = this.page.getByLabel(fieldLabel, { exact: true });
    await field.fill(value);
    await field.blur();
  }

  /** Presses "Check <Label> key" and returns the status region the result appears in. */
  async checkKey(providerLabel: string): Promise<Locator> {
    await this.expand(providerLabel);
    await this.checkKeyButton(providerLabel).click();
    return this.keyCheckStatus(providerLabel);
  }

  keyCheckStatus(providerLabel: string): Locator {
    return this.provider(providerLabel).getByRole('status');
  }

  async toggleShowKey(providerLabel: string): Promise<void> {
    await this.expand(providerLabel);
    await this.page.getByRole('button', { name: `Show ${providerLabel} API key` }).click();
  }

  async setDefaultProvider(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Default provider' }).selectOption({ label });
  }

  async setNotifications(on: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'Notify when jobs finish' }).setChecked(on);
  }

  /** Fills a number field ("Poll interval scale", "Parallel page fetches (This browser)") and commits it. */
  async setNumber(label: 'Poll interval scale' | 'Parallel page fetches (This browser)', value: number): Promise<void> {
    const field = this.page.getByLabel(label, { exact: true });
    await field.fill(String(value));
    await field.blur();
  }

  /** The provider's row in "Spend" (today, this month, monthly budget). */
  spend(providerLabel: string): Locator {
    return this.page.getByRole('group', { name: `${providerLabel} spend`, exact: true });
  }

  /** The provider's "Today" or "This month" figure in "Spend". */
  spendFigure(providerLabel: string, period: 'Today' | 'This month'): Locator {
    const term = this.page.getByRole('term').filter({ hasText: new RegExp(`^${period}$`) });
    return this.spend(providerLabel).locator('div').filter({ has: term }).getByRole('definition');
  }

  monthlyBudget(providerLabel: string): Locator {
    return this.page.getByLabel(`${providerLabel} monthly budget (credits)`, { exact: true });
  }

  /** Types the budget ('' = none) and commits it (blur); invalid input shows an error instead of saving. */
  async setMonthlyBudget(providerLabel: string, value: string): Promise<void> {
    await this.monthlyBudget(providerLabel).fill(value);
    await this.monthlyBudget(providerLabel).blur();
  }

  get relayStatus(): Locator {
    return this.page.getByRole('status', { name: 'Relay status' });
  }

  /** The relay's "State" detail: exactly "connected" or "not connected". */
  get relayState(): Locator {
    const state = this.page.getByRole('term').filter({ hasText: /^State$/ });
    return this.relayStatus.locator('.detail').filter({ has: state }).getByRole('definition');
  }

  async connectRelay(url: string): Promise<Locator> {
    await this.page.getByRole('textbox', { name: 'Relay URL' }).fill(url);
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
    return this.relayStatus;
  }

  async rotateRelay(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Rotate secret', exact: true }).click();
    return this.relayStatus;
  }

  async disconnectRelay(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    return this.relayStatus;
  }

  /** The "ScrapingPros collections" section. */
  get collectionsSection(): Locator {
    return this.page.getByRole('region', { name: 'ScrapingPros collections' });
  }

  /** Outcome of the last collections action ("Loaded 2 collections", "Renamed to …", "Queued 1 job …", or an error). */
  get collectionsStatus(): Locator {
    return this.collectionsSection.getByRole('status');
  }

  /** Presses "Load ScrapingPros collections" and returns the list. */
  async loadCollections(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Load ScrapingPros collections' }).click();
    return this.page.getByRole('list', { name: 'ScrapingPros collections' });
  }

  /** The listed collection named `name`: its item holds "Name of <name>", "Rename <name>", "Run <name> again". */
  collection(name: string): Locator {
    return this.page
      .getByRole('list', { name: 'ScrapingPros collections' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('textbox', { name: `Name of ${name}`, exact: true }) });
  }

  /** Types the new name and presses "Rename <name>"; returns the status region the outcome appears in. */
  async renameCollection(name: string, newName: string): Promise<Locator> {
    const item = this.collection(name);
    await item.getByRole('textbox', { name: `Name of ${name}`, exact: true }).fill(newName);
    await item.getByRole('button', { name: `Rename ${name}`, exact: true }).click();
    return this.collectionsStatus;
  }

  /** Presses "Run <name> again"; returns the status region the outcome appears in. */
  async rerunCollection(name: string): Promise<Locator> {
    await this.collection(name).getByRole('button', { name: `Run ${name} again`, exact: true }).click();
    return this.collectionsStatus;
  }
}
