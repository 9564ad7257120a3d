import type { Download, Locator, Page } from '@playwright/test';

/** The popup's bulk actions bar: "Select all matching" the list filter, then act on every selected job. */
export class BulkBar {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Bulk actions' });
  }

  button(name: 'Select all matching' | 'Clear finished' | 'Retry failed' | 'Cancel' | 'Delete' | 'Export results' | 'Clear selection'): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  /** "12,345 jobs selected" once the selection is counted. */
  get selectedCount(): Locator {
    return this.region.getByText(/^[\d,]+ jobs? selected$/);
  }

  get confirmDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Confirm delete' });
  }

  get progress(): Locator {
    return this.region.getByRole('progressbar', { name: 'Bulk action progress' });
  }

  /** The line that reports a finished action ("Deleted 90,000 jobs in 1.2 s.") or a problem. */
  outcome(text: RegExp): Locator {
    return this.region.getByText(text);
  }

  async selectAllMatching(): Promise<void> {
    await this.button('Select all matching').click();
    await this.selectedCount.waitFor();
  }

  /** Exports the selection in `format` and hands back the download. */
  async exportResults(format: 'CSV' | 'NDJSON' | 'JSON'): Promise<Download> {
    await this.region.getByRole('combobox', { name: 'Export format' }).selectOption({ label: format });
    const download = this.page.waitForEvent('download', { timeout: 120_000 });
    await this.button('Export results').click();
    return download;
  }
}
