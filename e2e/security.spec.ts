import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { jobIdFor, localStorageKeys } from './support/state';

test('scraped HTML with scripts is shown in an empty-sandbox iframe and cannot run or reach chrome.*', async ({
  context,
  extensionId,
  site,
  worker,
}) => {
  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await popup.queueUrls(site.url('/evil'));
  await expect(popup.statusOf(site.url('/evil'))).toHaveText('done');
  const keysBefore = await localStorageKeys(worker);

  const panel = await new SidePanelPage(await context.newPage(), extensionId).open(await jobIdFor(worker, '/evil'));
  await expect(panel.renderedFrame().getByRole('heading', { name: 'Evil' })).toBeVisible();
  await expect(panel.renderedIframe).toHaveAttribute('sandbox', '');

  // The frame has an opaque origin: not the extension's, so no chrome.* and no extension storage.
  const frame = panel.page.frames().find((f) => f !== panel.page.mainFrame());
  expect(await frame?.evaluate(() => origin)).toBe('null');
  // Its own script never ran: it would have called /evil-ran.
  await (await panel.show('Source')).waitFor();
  expect(site.hits('/evil-ran')).toBe(0);
  expect(await localStorageKeys(worker)).toEqual(keysBefore);
  expect(keysBefore).not.toContain('pwned');
});
