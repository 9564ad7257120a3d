import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type TableExport = 'Download table (CSV)' | 'Download table (XLSX)' | 'Download table (JSON)';

/** The side panel's Table tab (select it first with SidePanelPage.show('Table')). */
export class TableTab {
  constructor(readonly page: Page) {}

  get detectedTables(): Locator {
    return this.page.getByRole('combobox', { name: 'Detected tables' });
  }

  get rowsFrom(): Locator {
    return this.page.getByRole('combobox', { name: 'Rows from' });
  }

  /** The virtualized table; its rows include the header row. */
  get data(): Locator {
    return this.page.getByRole('table', { name: 'Extracted data' });
  }

  get dataRows(): Locator {
    return this.data.getByRole('rowgroup').nth(1).getByRole('row');
  }

  get headers(): Locator {
    return this.data.getByRole('columnheader');
  }

  /** Option labels of "Detected tables", best first ("Table: Products — 12 rows × 3 columns"). */
  async candidates(): Promise<string[]> {
    return this.detectedTables.locator('option').allTextContents();
  }

  /** Waits for a candidate starting with labelStart (the list is recomputed after a recipe is saved) and picks it. */
  async choose(labelStart: string): Promise<void> {
    let labels: string[] = [];
    await expect
      .poll(async () => {
        labels = await this.candidates();
        return labels.some((l) => l.startsWith(labelStart));
      }, { message: `a detected table starting with ${labelStart}` })
      .toBe(true);
    const label = labels.find((l) => l.startsWith(labelStart)) ?? labelStart;
    await this.detectedTables.selectOption({ label });
  }

  async scope(label: 'This page' | 'This job (all pages)' | 'This group (all jobs)' | 'Jobs matching the popup’s filter'): Promise<void> {
    await this.rowsFrom.selectOption({ label });
  }

  async download(name: TableExport): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name, exact: true }).click()]);
    return download;
  }
}
