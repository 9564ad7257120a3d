import type { Locator, Page } from '@playwright/test';

/** The popup's "Search results" box, its filters and hits. */
export class SearchBox {
  constructor(readonly page: Page) {}

  get box(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search results' });
  }

  get hits(): Locator {
    return this.page.getByRole('list', { name: 'Search hits' }).getByRole('listitem');
  }

  /** "3 results", "No results for …", or the rebuild progress. */
  get note(): Locator {
    return this.page.locator('.search-note');
  }

  async search(query: string): Promise<void> {
    await this.box.fill(query);
  }

  async filterProvider(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Search provider' }).selectOption({ label });
  }

  async filterDate(label: 'Any time' | 'Past day' | 'Past week' | 'Past month' | 'Past year'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Search date' }).selectOption({ label });
  }

  /** The hit's title button ("Open <title>"). */
  open(title: string): Locator {
    return this.page.getByRole('button', { name: `Open ${title}`, exact: true });
  }
}

/** Options → Monitors. */
export class MonitorsSection {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Monitors' });
  }

  monitor(url: string): Locator {
    return this.page.getByRole('list', { name: 'Monitors' }).getByRole('listitem', { name: url, exact: true });
  }

  status(url: string): Locator {
    return this.monitor(url).locator('.monitor-status');
  }

  button(url: string, action: 'Pause' | 'Resume' | 'Check now' | 'Delete monitor' | 'Show changes for'): Locator {
    return this.page.getByRole('button', { name: `${action} ${url}`, exact: true });
  }
}

/** Options → Storage. */
export class StorageSection {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Storage status' });
  }

  async backup() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Back up everything' }).click()]);
    return download;
  }

  async restore(file: string): Promise<void> {
    await this.page.getByLabel('Restore from backup').setInputFiles(file);
  }
}
