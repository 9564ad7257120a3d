import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, SCREENSHOTS, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { TableTab } from './pages/table-tab';
import { csvRows } from './support/read-download';
import { PRODUCTS } from './support/shop-site';
import { jobIdFor, jobs } from './support/state';

declare const chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } };

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
  if (!id) throw new Error(`no tab for ${url}`);
  return id;
}

/** The side panel's Table tab for a job, picking on `target` (the user's tab). */
async function tableFor(context: BrowserContext, extensionId: string, worker: Worker, jobLabel: string, target: number): Promise<TableTab> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 600, height: 1000 });
  const jobId = await jobIdFor(worker, jobLabel);
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html?job=${encodeURIComponent(jobId)}&target=${target}`);
  await new SidePanelPage(page, extensionId).show('Table');
  return new TableTab(page);
}

const field = (panel: Page, n: number) => panel.getByRole('group', { name: `Field ${n}`, exact: true });
const picker = (page: Page) => page.getByRole('dialog', { name: 'Scrape Queue picker' });

test.describe('recipes', () => {
  test('a recipe built in the editor, one field picked on the page, gives one merged table of 36 rows over 3 listing pages', async ({ context, extensionId, worker, site }) => {
    const urls = ['a', 'b', 'c'].map((n) => site.url(`/shop/list/${n}`));
    const shop = await context.newPage();
    await shop.goto(urls[0]!);
    const before = await shop.evaluate(() => document.documentElement.outerHTML);
    const target = await tabIdOf(worker, urls[0]!);

    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(urls.join('\n'), 'This browser');
    for (const url of urls) await expect(popup.statusOf(url)).toHaveText('done');

    const table = await tableFor(context, extensionId, worker, urls[0]!, target);
    const panel = table.page;
    await panel.getByRole('button', { name: 'New recipe' }).click();
    const editor = panel.getByRole('form', { name: 'Recipe editor' });
    await expect(editor.getByRole('textbox', { name: 'Applies to URLs' })).toHaveValue(site.url('/shop/list/*'));
    await editor.getByRole('textbox', { name: 'Recipe name' }).fill('Listing');
    await editor.getByRole('textbox', { name: 'Row selector' }).fill('div.card');
    await field(panel, 1).getByRole('textbox', { name: 'Field name' }).fill('Name');
    await field(panel, 1).getByRole('textbox', { name: 'Selector' }).fill('h3.name');
    await expect(editor.getByRole('status', { name: 'Match count' })).toHaveText('12 matches');
    await editor.getByRole('button', { name: 'Add field' }).click();
    await field(panel, 2).getByRole('textbox', { name: 'Field name' }).fill('Link');
    await field(panel, 2).getByRole('textbox', { name: 'Selector' }).fill('a');
    await field(panel, 2).getByRole('combobox', { name: 'Value' }).selectOption({ label: 'Link URL' });
    await editor.getByRole('button', { name: 'Add field' }).click();

    // Field 3 is picked on the page with real clicks.
    await editor.getByRole('button', { name: 'Pick on page' }).click();
    await expect(picker(shop)).toBeVisible();
    await shop.bringToFront();
    // A click on a link picks it instead of following it.
    await shop.locator('div.card a').first().click();
    expect(shop.url()).toBe(urls[0]);
    await shop.locator('span.price').nth(2).hover();
    await shop.locator('span.price').nth(2).click();
    await expect(picker(shop).getByRole('status')).toHaveText('12 similar elements: span.price');
    // A second example keeps the same 12.
    await shop.locator('span.price').nth(7).click();
    await expect(picker(shop).getByRole('status')).toHaveText('12 similar elements: span.price');
    await expect(panel.getByRole('status', { name: 'Picker' })).toContainText('12 similar elements highlighted');
    await picker(shop).getByRole('button', { name: 'Use as field' }).click();
    await expect(picker(shop)).toHaveCount(0);
    // The page is left as it was.
    expect(await shop.evaluate(() => document.documentElement.outerHTML)).toBe(before);

    await expect(field(panel, 3).getByRole('textbox', { name: 'Selector' })).toHaveValue('span.price');
    await expect(field(panel, 3).getByRole('textbox', { name: 'Field name' })).toHaveValue('Price');
    const preview = panel.getByRole('table', { name: 'Recipe preview' });
    await expect(preview.getByRole('columnheader')).toHaveText(['Name', 'Link', 'Price']);
    await expect(preview.getByRole('row').nth(1).getByRole('cell')).toHaveText(['a-Widget 1', site.url('/shop/item/a-1'), '$10.50']);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'recipe-editor.png') });
    await editor.getByRole('button', { name: 'Save recipe' }).click();

    await expect(editor).toHaveCount(0);
    await expect(table.detectedTables).toHaveValue(/^recipe-/);
    await expect.poll(() => table.candidates()).toContain('Recipe: Listing — 12 rows × 3 columns');
    await table.scope('This group (all jobs)');
    await expect.poll(() => table.candidates()).toContain('Recipe: Listing — 36 rows × 4 columns');
    await table.choose('Recipe: Listing');
    await expect(table.headers).toHaveText(['Page URL', 'Name', 'Link', 'Price']);
    await expect(table.data).toHaveAttribute('aria-rowcount', '37');
    const csv = await csvRows(await table.download('Download table (CSV)'));
    expect(csv).toHaveLength(37);
    expect(csv.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(
      ['a', 'b', 'c'].flatMap((n, i) => PRODUCTS.map((p) => [urls[i], `${n}-${p.name}`, `$${p.price}`])),
    );
  });

  test('Escape cancels picking and leaves the page as it was', async ({ context, extensionId, worker, site }) => {
    const url = site.url('/shop/list/e');
    const shop = await context.newPage();
    await shop.goto(url);
    const before = await shop.evaluate(() => document.documentElement.outerHTML);
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(url, 'This browser');
    await expect(popup.statusOf(url)).toHaveText('done');
    const table = await tableFor(context, extensionId, worker, url, await tabIdOf(worker, url));
    await table.page.getByRole('button', { name: 'New recipe' }).click();
    await table.page.getByRole('button', { name: 'Pick on page' }).click();
    await expect(picker(shop)).toBeVisible();
    await shop.bringToFront();
    await shop.locator('h3.name').first().click();
    await expect(picker(shop).getByRole('status')).toHaveText('12 similar elements: h3.name');
    await shop.keyboard.press('Escape');
    await expect(picker(shop)).toHaveCount(0);
    await expect(table.page.getByRole('status', { name: 'Picker' })).toHaveText('Picking canceled.');
    expect(await shop.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    // The page works normally again: a click follows the link.
    await shop.locator('div.card a').first().click();
    await expect(shop).toHaveURL(/\/shop\/item\/e-1$/);
  });

  test('Options lists recipes: rename, edit, delete, export and import as JSON', async ({ context, extensionId, worker, site }) => {
    const url = site.url('/shop/list/o');
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(url, 'This browser');
    await expect(popup.statusOf(url)).toHaveText('done');
    const table = await tableFor(context, extensionId, worker, url, 1);
    await table.page.getByRole('button', { name: 'New recipe' }).click();
    const editor = table.page.getByRole('form', { name: 'Recipe editor' });
    await editor.getByRole('textbox', { name: 'Recipe name' }).fill('Cards');
    await editor.getByRole('textbox', { name: 'Row selector' }).fill('div.card');
    await field(table.page, 1).getByRole('textbox', { name: 'Field name' }).fill('Name');
    await field(table.page, 1).getByRole('textbox', { name: 'Selector' }).fill('h3');
    await editor.getByRole('button', { name: 'Save recipe' }).click();
    await expect.poll(() => table.candidates()).toContain('Recipe: Cards — 12 rows × 1 column');

    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    const page = options.page;
    const list = page.getByRole('list', { name: 'Recipes' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await page.getByRole('textbox', { name: 'Name of Cards' }).fill('Shop cards');
    await page.getByRole('button', { name: 'Rename Cards' }).click();
    await expect(page.getByRole('status', { name: 'Recipes status' })).toHaveText('Renamed to Shop cards');

    await page.getByRole('button', { name: 'Edit Shop cards' }).click();
    await page.getByRole('group', { name: 'Field 1' }).getByRole('textbox', { name: 'Selector' }).fill('span.price');
    await page.getByRole('button', { name: 'Save recipe' }).click();
    await expect(page.getByRole('status', { name: 'Recipes status' })).toHaveText('Saved Shop cards');
    // The side panel recomputes the recipe's rows from its new version.
    await expect.poll(() => table.candidates()).toContain('Recipe: Shop cards — 12 rows × 1 column');
    await table.choose('Recipe: Shop cards');
    await expect(table.dataRows.first().getByRole('cell')).toHaveText('$10.50');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export recipes' }).click()]);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ format: 'scrape-queue-recipes', recipes: [{ name: 'Shop cards', rowSelector: 'div.card' }] });

    await page.getByRole('button', { name: 'Delete Shop cards' }).click();
    await expect(list).toHaveCount(0);
    await expect.poll(() => table.candidates()).not.toContain('Recipe: Shop cards — 12 rows × 1 column');

    await page.getByLabel('Import recipes (JSON)').setInputFiles({ name: 'recipes.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect(page.getByRole('status', { name: 'Recipes status' })).toHaveText('Imported 1 recipe');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await page.getByLabel('Import recipes (JSON)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"recipes": 1}') });
    await expect(page.getByRole('status', { name: 'Recipes status' })).toContainText('Not a recipes file');
  });
});

test.describe('follow links', () => {
  test('a depth-1 "Follow link" crawl over 5 detail links (two duplicates) queues exactly 3 jobs, and Max pages caps it', async ({ context, extensionId, worker, site }) => {
    const listing = site.url('/shop/crawl');
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(listing, 'This browser');
    await expect(popup.statusOf(listing)).toHaveText('done');

    const table = await tableFor(context, extensionId, worker, listing, 1);
    const panel = table.page;
    await panel.getByRole('button', { name: 'New recipe' }).click();
    const editor = panel.getByRole('form', { name: 'Recipe editor' });
    await editor.getByRole('textbox', { name: 'Recipe name' }).fill('Crawl');
    await editor.getByRole('textbox', { name: 'Row selector' }).fill('li.item');
    await field(panel, 1).getByRole('textbox', { name: 'Field name' }).fill('Item');
    await field(panel, 1).getByRole('textbox', { name: 'Selector' }).fill('a');
    await editor.getByRole('button', { name: 'Add field' }).click();
    await field(panel, 2).getByRole('textbox', { name: 'Field name' }).fill('Detail');
    await field(panel, 2).getByRole('textbox', { name: 'Selector' }).fill('a.more');
    await field(panel, 2).getByRole('combobox', { name: 'Value' }).selectOption({ label: 'Follow link' });
    await expect(field(panel, 2).getByRole('spinbutton', { name: 'Max depth' })).toHaveValue('1');
    await expect(field(panel, 2).getByRole('spinbutton', { name: 'Max pages' })).toHaveValue('100');
    await expect(editor.getByRole('status', { name: 'Match count' })).toHaveText('5 matches');
    await editor.getByRole('button', { name: 'Save recipe' }).click();
    await expect.poll(() => table.candidates()).toContain('Recipe: Crawl — 5 rows × 2 columns');

    await panel.getByRole('button', { name: 'Start crawl' }).click();
    const progress = panel.getByRole('status', { name: 'Crawl progress' });
    await expect(progress).toHaveText('Crawl: 3 pages done / 3 found / cap 100 · finished', { timeout: 30_000 });
    const labels = (await jobs(worker)).map((j) => j.label).toSorted();
    expect(labels).toEqual([listing, ...['a', 'b', 'c'].map((x) => site.url(`/shop/item/${x}`))].toSorted());
    // The group's table merges the listing's rows with a Page URL column; the detail pages are in the group.
    await table.scope('This group (all jobs)');
    await expect.poll(() => table.candidates()).toContain('Recipe: Crawl — 5 rows × 3 columns');

    // The same listing again with Max pages 2: two pages queued, the crawl says it stopped at the cap.
    const again = site.url('/shop/crawl?run=2');
    await popup.queueUrls(again, 'This browser');
    await expect(popup.statusOf(again)).toHaveText('done');
    const second = await tableFor(context, extensionId, worker, again, 1);
    await expect.poll(() => second.candidates()).toContain('Recipe: Crawl — 5 rows × 2 columns');
    await second.choose('Recipe: Crawl');
    await second.page.getByRole('button', { name: 'Edit recipe' }).click();
    await field(second.page, 2).getByRole('spinbutton', { name: 'Max pages' }).fill('2');
    await second.page.getByRole('button', { name: 'Save recipe' }).click();
    await expect.poll(() => second.candidates()).toContain('Recipe: Crawl — 5 rows × 2 columns');
    await second.choose('Recipe: Crawl');
    await second.page.getByRole('button', { name: 'Start crawl' }).click();
    await expect(second.page.getByRole('status', { name: 'Crawl progress' })).toHaveText('Crawl: 2 pages done / 3 found / cap 2 · stopped at Max pages', { timeout: 30_000 });
    expect((await jobs(worker)).length).toBe(4 + 1 + 2);
  });
});
