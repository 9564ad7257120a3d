import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { SearchBox } from './pages/archive';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { extensionWorker, launchWithExtension } from './support/launch';

interface SqArchive {
  db: { jobs: { where(i: string): { equals(v: string): { count(): Promise<number> } } }; searchMeta: { get(k: string): Promise<{ rebuilds: number; builtAt: number } | undefined> } };
  services: { archive: { search: { status(): Promise<{ loaded: boolean; jobs: number; rebuilds: number }> } } };
}
declare const sq: SqArchive;

const PAGES = 200;
/** A distinct made-up word per page, letters only: 123 → "kwbcdzor". */
const word = (i: number) => `kw${[...String(i).padStart(3, '0')].map((d) => 'abcdefghij'[Number(d)]).join('')}zor`;
const TITLE_PAGE = 7;

function pageHtml(i: number): string {
  const title = i === TITLE_PAGE ? 'Quokka facts' : `Archive page ${i}`;
  // Ten other pages mention the title word several times in their body only.
  const extra = i >= 20 && i < 30 ? 'The quokka, a quokka and more quokka sightings.' : 'Nothing about marsupials.';
  return `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>Common filler text for every page. The word of this page is ${word(i)}. ${extra}</p></main></body></html>`;
}

const indexMeta = (worker: Worker) => worker.evaluate(() => sq.db.searchMeta.get('index').then((r) => (r ? { rebuilds: r.rebuilds, builtAt: r.builtAt } : undefined)));

test('"Search results" finds the one page holding a word, ranks a title match first, and survives a browser restart without a rebuild', async ({ site }) => {
  test.slow(); // 200 real page fetches, then a second browser launch
  const dir = mkdtempSync(path.join(tmpdir(), 'sq-e2e-persist-'));
  try {
    const urls = Array.from({ length: PAGES }, (_, i) => {
      site.setPage(`/arc/${i}`, pageHtml(i));
      return site.url(`/arc/${i}`);
    });
    const first = await launchWithExtension(undefined, { dir, keep: true });
    let extensionId: string;
    let before: Awaited<ReturnType<typeof indexMeta>>;
    try {
      const worker = await extensionWorker(first.context);
      extensionId = new URL(worker.url()).host;
      const popup = await new PopupPage(await first.context.newPage(), extensionId).open();
      await popup.queueUrls(urls.join('\n'), 'This browser');
      await expect(popup.report).toContainText(`Queued ${PAGES} jobs`);
      await expect.poll(() => worker.evaluate(() => sq.db.jobs.where('status').equals('done').count()), { timeout: 120_000 }).toBe(PAGES);

      const search = new SearchBox(popup.page);
      await search.search(word(123));
      await expect(search.hits).toHaveCount(1);
      await expect(search.hits.first()).toContainText('Archive page 123');
      await expect(search.hits.first()).toContainText(urls[123]!);
      await expect(search.hits.first()).toContainText('This browser');
      await expect(search.hits.first().locator('mark')).toHaveText(word(123));
      // Prefix and a typo find the same page.
      await search.search(word(123).slice(0, 6));
      await expect(search.hits).toHaveCount(1);
      await expect(search.hits.first()).toContainText('Archive page 123');
      await search.search(word(123).replace(/or$/, 'ar'));
      await expect(search.hits).toHaveCount(1);
      await expect(search.hits.first()).toContainText('Archive page 123');
      // An exact title match outranks ten pages that repeat the word in their body.
      await search.search('quokka');
      await expect(search.note).toHaveText('11 results');
      await expect(search.hits.first().getByRole('button')).toHaveText('Quokka facts');
      // Filters: no page came from another provider; every page arrived within the past day.
      await search.filterProvider('Scrape.do');
      await expect(search.note).toHaveText('No results for “quokka”');
      await search.filterProvider('This browser');
      await search.filterDate('Past day');
      await expect(search.note).toHaveText('11 results');

      // Choosing a hit shows it in the side panel.
      await search.open('Quokka facts').click();
      const panel = await new SidePanelPage(await first.context.newPage(), extensionId).open();
      await expect(panel.heading).toHaveText(urls[TITLE_PAGE]!);

      before = await indexMeta(worker);
      expect(before?.rebuilds).toBe(1);
    } finally {
      await first.close();
    }

    const second = await launchWithExtension(undefined, { dir, keep: true });
    try {
      const worker = await extensionWorker(second.context);
      const popup = await new PopupPage(await second.context.newPage(), new URL(worker.url()).host).open();
      const search = new SearchBox(popup.page);
      await search.search(word(42));
      await expect(search.hits).toHaveCount(1);
      await expect(search.hits.first()).toContainText('Archive page 42');
      // Loaded from IndexedDB: same build, no new rebuild, every page in it.
      expect(await indexMeta(worker)).toEqual(before);
      expect(await worker.evaluate(() => sq.services.archive.search.status())).toMatchObject({ loaded: true, jobs: PAGES, rebuilds: 1 });
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
