/**
 * The relay at scale, in Chromium: two relay instances on one real redis-server. The extension is
 * connected to instance B, whose public URL is instance A (as behind a load balancer), so the provider
 * fake posts its webhooks to A; B pushes them over its WebSocket.
 */
import { startFakeScrapeDo } from './fakes/scrapedo';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { configureProvider } from './providers/setup';
import { openRedisStore } from '../relay/store/redis';
import { createMemoryStore } from '../relay/store/memory';
import { postHook, recordingLogger, startRelay } from '../relay/testing/harness';
import { startRedisServer } from '../relay/testing/redis-server';
import { Redis } from 'ioredis';

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

test.describe('relay instances on Redis', () => {
  test('connected to instance B, a job whose webhooks were posted to instance A finishes with 0 polls; Redis holds ciphertext', async ({ context, extensionId, worker }) => {
    const redis = await startRedisServer();
    const a = await startRelay({ store: await openRedisStore({ url: redis.url, prefix: 'e2e:', logger: recordingLogger() }) });
    const b = await startRelay({ store: await openRedisStore({ url: redis.url, prefix: 'e2e:', logger: recordingLogger() }), config: { publicUrl: a.baseUrl } });
    const fake = await startFakeScrapeDo({ jobDurationMs: 1_000 });
    try {
      const options = await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: 'test-token', baseUrl: fake.baseUrl });
      await options.connectRelay(b.baseUrl);
      await expect(options.relayState).toHaveText('connected');
      // "connected" also matches the "not connected" shown before the answer: wait for the channel itself.
      await expect(options.relayStatus).toContainText('sealed to this browser');
      const { channelId } = await worker.evaluate(() => chrome.storage.local.get('relay').then((r) => r.relay as { channelId: string }));

      const page = 'https://news.example/instances-story';
      const popup = new PopupPage(await context.newPage(), extensionId);
      await popup.open();
      await popup.queueUrls(page, 'Scrape.do');
      await expect(popup.statusOf(page)).toHaveText('done');
      expect(fake.counts.status).toBe(0);
      expect(fake.webhooks.length).toBeGreaterThanOrEqual(1);
      for (const w of fake.webhooks) {
        expect(w.url.startsWith(`${a.baseUrl}/v1/hooks/${channelId}/`)).toBe(true);
        expect(w.status).toBe(202);
      }

      // Everything Redis wrote (AOF logs every XADD, even of events since acked and trimmed) holds the
      // channel's stream but never the page URL from the webhook body: stored events were ciphertext.
      const admin = new Redis(redis.url);
      await admin.save();
      await admin.quit();
      const onDisk = redis.filesOnDisk();
      expect(onDisk.includes(`e2e:ev:${channelId}`)).toBe(true);
      expect(onDisk.includes('news.example/instances-story')).toBe(false);
    } finally {
      await fake.close();
      await a.close();
      await b.close();
      await redis.destroy();
    }
  });

  test('the Relay URL field shows a real placeholder, and Connect with it empty says what to enter', async ({ context, extensionId }) => {
    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    const field = options.page.getByRole('textbox', { name: 'Relay URL' });
    await expect(field).toHaveAttribute('placeholder', 'e.g. https://relay.example.com');
    await expect(field).toHaveValue('');
    await options.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(options.relayStatus).toContainText('Enter the relay URL first, e.g. https://relay.example.com');
  });

  test('Options shows "Relay channel full" once the relay refused a webhook for the channel quota', async ({ context, extensionId, worker }) => {
    const relay = await startRelay({ store: createMemoryStore(), config: { channelQuotaBytes: 64 } });
    try {
      const options = await new OptionsPage(await context.newPage(), extensionId).open();
      await options.connectRelay(relay.baseUrl);
      await expect(options.relayState).toHaveText('connected');
      // "connected" also matches the "not connected" shown before the answer: wait for the channel itself.
      await expect(options.relayStatus).toContainText('sealed to this browser');
      const { webhookUrl } = await worker.evaluate(() => chrome.storage.local.get('relay').then((r) => r.relay as { webhookUrl: string }));
      expect((await postHook(webhookUrl, 'x'.repeat(200))).status).toBe(507);
      await expect(options.relayStatus).toContainText('Relay channel full');
    } finally {
      await relay.close();
    }
  });
});
