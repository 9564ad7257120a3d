import { startFakeScrapeDo } from './fakes/scrapedo';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { configureProvider } from './providers/setup';

test.describe('relay', () => {
  test('a provider webhook through the relay finishes the job with zero status polls', async ({ context, extensionId, worker, relay }) => {
    const fake = await startFakeScrapeDo({ jobDurationMs: 1_000 });
    try {
      const options = await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: 'test-token', baseUrl: fake.baseUrl });
      await options.connectRelay(relay.baseUrl);
      await expect(options.relayState).toHaveText('connected');

      const popup = await new PopupPage(await context.newPage(), extensionId).open();
      await popup.queueUrls('https://news.example/story', 'Scrape.do');
      await expect(popup.statusOf('https://news.example/story')).toHaveText('done');
      expect(fake.counts.submit).toBe(1);
      expect(fake.counts.status).toBe(0);
      expect(fake.webhooks.length).toBeGreaterThanOrEqual(1);
    } finally {
      await fake.close();
    }
  });

  test('webhooks that arrive while the worker is stopped are pulled on the next wake', async ({ context, extensionId, worker, relay, stopWorker }) => {
    const fake = await startFakeScrapeDo({ jobDurationMs: 1_500 });
    try {
      const options = await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: 'test-token', baseUrl: fake.baseUrl });
      await options.connectRelay(relay.baseUrl);
      await expect(options.relayState).toHaveText('connected');
      await options.page.close();
      const popup = await new PopupPage(await context.newPage(), extensionId).open();
      await popup.queueUrls('https://news.example/late', 'Scrape.do');
      await expect(popup.statusOf('https://news.example/late')).toHaveText('submitted');
      await stopWorker();
      await expect.poll(() => fake.webhooks.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

      // The next alarm wakes the worker; it pulls the stored event before polling anything.
      await expect(popup.statusOf('https://news.example/late')).toHaveText('done', { timeout: 40_000 });
      expect(fake.counts.status).toBe(0);
    } finally {
      await fake.close();
    }
  });

  test('after rotating the secret, webhooks reach the extension through the new URL', async ({ context, extensionId, worker, relay }) => {
    const fake = await startFakeScrapeDo({ jobDurationMs: 1_000 });
    try {
      const options = await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: 'test-token', baseUrl: fake.baseUrl });
      await options.connectRelay(relay.baseUrl);
      await expect(options.relayState).toHaveText('connected');
      const storedUrl = () => worker.evaluate(() => chrome.storage.local.get('relay').then((r) => (r.relay as { webhookUrl: string }).webhookUrl));
      const before = await storedUrl();
      await options.rotateRelay();
      // The status reads "connected" before and after a rotation, so wait for the stored URL to change.
      await expect.poll(storedUrl).not.toBe(before);
      await expect(options.relayState).toHaveText('connected');
      // The old webhook URL no longer accepts posts.
      expect((await fetch(before, { method: 'POST', body: '{}' })).status).toBe(404);

      const popup = await new PopupPage(await context.newPage(), extensionId).open();
      await popup.queueUrls('https://news.example/rotated', 'Scrape.do');
      await expect(popup.statusOf('https://news.example/rotated')).toHaveText('done');
      expect(fake.counts.status).toBe(0);
    } finally {
      await fake.close();
    }
  });

  test('Options shows the relay connection and can disconnect it', async ({ context, extensionId, relay }) => {
    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    await options.connectRelay(relay.baseUrl);
    await expect(options.relayState).toHaveText('connected');
    await options.disconnectRelay();
    await expect(options.relayState).toHaveText('not connected');
  });
});

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
