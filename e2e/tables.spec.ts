import path from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { startFakeScrapeDo } from './fakes/scrapedo';
import { expect, SCREENSHOTS, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { TableTab } from './pages/table-tab';
import { configureProvider, fakeRunner } from './providers/setup';
import { csvRows, xlsxSheets } from './support/read-download';
import { PRODUCTS, shopHtml } from './support/shop-site';
import { jobIdFor } from './support/state';

const withScrapeDo = fakeRunner(startFakeScrapeDo);

async function openTable(context: BrowserContext, extensionId: string, worker: Worker, label: string): Promise<TableTab> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 560, height: 900 });
  const panel = await new SidePanelPage(page, extensionId).open(await jobIdFor(worker, label));
  await panel.show('Table');
  return new TableTab(page);
}

/** The Table tab shows both candidates with their sizes, all 12 names and prices, and the downloads hold the same rows. */
async function checkProductPage(table: TableTab, screenshot?: string) {
  await expect.poll(() => table.candidates()).toEqual(['Table: Products — 12 rows × 3 columns', 'Repeated div.grid > div.card — 12 rows × 4 columns']);
  await expect(table.headers).toHaveText(['Name', 'Price', 'SKU']);
  await expect(table.dataRows).toHaveCount(12);
  for (const [i, p] of PRODUCTS.entries()) await expect(table.dataRows.nth(i).getByRole('cell')).toHaveText([p.name, p.price, p.sku]);
  if (screenshot) await table.page.screenshot({ path: path.join(SCREENSHOTS, screenshot) });

  const csv = await csvRows(await table.download('Download table (CSV)'));
  expect(csv).toEqual([['Name', 'Price', 'SKU'], ...PRODUCTS.map((p) => [p.name, p.price, p.sku])]);
  const [sheet, cardsSheet] = await xlsxSheets(await table.download('Download table (XLSX)'));
  expect(sheet!.frozen).toBe(true);
  // The same 12 rows; prices are numbers in the workbook.
  expect(sheet!.rows).toEqual([['Name', 'Price', 'SKU'], ...PRODUCTS.map((p) => [p.name, Number(p.price), p.sku])]);
  expect(cardsSheet!.rows).toHaveLength(13);

  await table.choose('Repeated div.grid > div.card');
  await expect(table.headers).toHaveText(['Link', 'Image', 'Name', 'Price']);
  await expect(table.dataRows).toHaveCount(12);
  for (const [i, p] of PRODUCTS.entries()) {
    const cells = table.dataRows.nth(i).getByRole('cell');
    await expect(cells.nth(2)).toHaveText(p.name);
    await expect(cells.nth(3)).toHaveText(`$${p.price}`);
  }
  const cardCsv = await csvRows(await table.download('Download table (CSV)'));
  expect(cardCsv.slice(1).map((r) => [r[2], r[3]])).toEqual(PRODUCTS.map((p) => [p.name, `$${p.price}`]));
  const [cards] = await xlsxSheets(await table.download('Download table (XLSX)'));
  expect(cards!.rows.slice(1).map((r) => [r[2], r[3]])).toEqual(PRODUCTS.map((p) => [p.name, Number(p.price)]));
  // Links are hyperlinks in the workbook.
  expect(cards!.rows[1]![0]).toMatchObject({ hyperlink: expect.stringMatching(/\/shop\/item\/p1$/) });
}

test.describe('Table tab: detected tables', () => {
  test('a product page scraped with This browser shows its table and card grid; CSV and XLSX hold the same 12 rows', async ({ context, extensionId, worker, site }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(site.url('/shop/products'), 'This browser');
    await expect(popup.statusOf(site.url('/shop/products'))).toHaveText('done');
    await checkProductPage(await openTable(context, extensionId, worker, '/shop/products'), 'sidepanel-table.png');
  });

  test('the same page through a provider (Scrape.do fake) gives the same tables', async ({ context, extensionId, worker }) => {
    await withScrapeDo({ jobDurationMs: 500, pageHtml: (url) => shopHtml(new URL(url).pathname) ?? '' }, async (fake) => {
      await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: fake.token, baseUrl: fake.baseUrl });
      const popup = await new PopupPage(await context.newPage(), extensionId).open();
      const url = 'https://shop.example/shop/products';
      await popup.queueUrls(url, 'Scrape.do');
      await expect(popup.statusOf(url)).toHaveText('done', { timeout: 30_000 });
      await checkProductPage(await openTable(context, extensionId, worker, url));
    });
  });

  test('a page without a table shows a clear empty state', async ({ context, extensionId, worker, site }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(site.url('/page/plain'), 'This browser');
    await expect(popup.statusOf(site.url('/page/plain'))).toHaveText('done');
    const table = await openTable(context, extensionId, worker, '/page/plain');
    await expect(table.page.getByText('No table found in this page.')).toBeVisible();
    await expect(table.data).toHaveCount(0);
  });
});
