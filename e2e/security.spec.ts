import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { z } from 'zod';
import { jobIdFor, localStorageKeys, storedSettings } from './support/state';

const StoredBaseUrl = z.object({ providers: z.object({ scraperapi: z.object({ baseUrl: z.string().optional() }).optional() }).optional() });

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

test('Options refuses http:// off this machine for a provider base URL and the relay URL, saying why', async ({ context, extensionId, worker }) => {
  const options = await new OptionsPage(await context.newPage(), extensionId).open();
  await options.setBaseUrl('ScraperAPI', 'http://api.scraperapi.example/v1');
  const field = options.baseUrl('ScraperAPI');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(
    'Use https:// for api.scraperapi.example: over http:// the API key would travel unencrypted. Plain http is allowed only for this machine (127.0.0.1, ::1, localhost).',
  );
  const storedBaseUrl = async () => {
    const parsed = StoredBaseUrl.safeParse(await storedSettings(worker));
    return parsed.success ? (parsed.data.providers?.scraperapi?.baseUrl ?? '') : '';
  };
  expect(await storedBaseUrl()).toBe('');

  // Loopback http stays allowed (a local proxy or fake), and is saved.
  await options.setBaseUrl('ScraperAPI', 'http://127.0.0.1:9/v1');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(storedBaseUrl).toBe('http://127.0.0.1:9/v1');

  const status = await options.connectRelay('http://relay.example.com');
  await expect(status).toContainText('Use https:// for relay.example.com: over http:// the relay secret and your webhooks would travel unencrypted.');
  await expect(options.relayState).toHaveText('not connected');
});
