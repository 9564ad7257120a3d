import { startFakeScrapeLlm } from './fakes/scrapellm';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { configureProvider } from './providers/setup';
import { selectContents } from './support/selection';

declare const chrome: {
  contextMenus: { update(id: string, props: object): Promise<void> };
  tabs: { query(q: object): Promise<{ id: number; url: string }[]> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
};
declare const sq: { onMenuClick(info: object, tab: object): Promise<void>; services: { menuState: { selectionTitle: string } } };

test('the context menu items exist after install', async ({ worker }) => {
  for (const id of ['sq-page', 'sq-link', 'sq-selection', 'sq-ask', 'sq-ask:scrapellm:perplexity']) {
    await expect(worker.evaluate((menuId) => chrome.contextMenus.update(menuId, {}).then(() => 'ok'), id)).resolves.toBe('ok');
  }
});

test('"Scrape selected links" queues the http(s) links inside the selection, deduplicated', async ({ context, extensionId, site, worker }) => {
  const page = await context.newPage();
  await page.goto(site.url('/links'));
  await selectContents(page, 'sel');
  // Playwright cannot open Chrome's native menu; this calls the same handler the menu click runs.
  await worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await sq.onMenuClick({ menuItemId: 'sq-selection', pageUrl: url }, tab!);
  }, site.url('/links'));

  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await expect(popup.statusOf(site.url('/page/l1'))).toHaveText('done');
  await expect(popup.statusOf(site.url('/page/l2'))).toHaveText('done');
  await expect(popup.jobCount).toHaveText('2 jobs');
  expect(site.hits('/page/out')).toBe(0);
});

test('the menu title counts the links in the current selection on granted hosts', async ({ context, site, worker }) => {
  // The counter is registered at install for hosts already granted (loopback here), not for all sites.
  await expect.poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id))).toEqual(['sq-selection-count']);
  const page = await context.newPage();
  await page.goto(site.url('/links'));
  await selectContents(page, 'sel');
  await expect.poll(() => worker.evaluate(() => sq.services.menuState.selectionTitle)).toBe('Scrape 2 selected links');
  await page.evaluate(() => getSelection()!.removeAllRanges());
  await expect.poll(() => worker.evaluate(() => sq.services.menuState.selectionTitle)).toBe('Scrape selected links');
});

test('"Scrape this page" captures the live tab with the built-in provider', async ({ context, extensionId, site, worker }) => {
  const page = await context.newPage();
  await page.goto(site.url('/dynamic'));
  await worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await sq.onMenuClick({ menuItemId: 'sq-page', pageUrl: url }, tab!);
  }, site.url('/dynamic'));
  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await expect(popup.statusOf(site.url('/dynamic'))).toHaveText('done');
  expect(site.hits('/dynamic')).toBe(1);
});

test('"Ask Perplexity about the selection" sends the selected text as a ScrapeLLM prompt', async ({ context, extensionId, site, worker }) => {
  const fake = await startFakeScrapeLlm({ jobDurationMs: 500 });
  try {
    const options = await configureProvider(context, extensionId, worker, { label: 'ScrapeLLM', id: 'scrapellm', apiKey: 'test-key', baseUrl: fake.baseUrl });
    await options.page.close();
    const page = await context.newPage();
    await page.goto(site.url('/page/question'));
    await worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      await sq.onMenuClick({ menuItemId: 'sq-ask:scrapellm:perplexity', selectionText: 'Paragraph of page question.', pageUrl: url }, tab!);
    }, site.url('/page/question'));

    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await expect(popup.statusOf('Paragraph of page question.')).toHaveText('done', { timeout: 30_000 });
    await expect(popup.jobRow('Paragraph of page question.')).toContainText('Perplexity');
    expect(fake.counts.submit).toBe(1);
  } finally {
    await fake.close();
  }
});
