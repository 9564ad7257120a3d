import { startFakeBrightData, type FakeBrightData } from '../fakes/brightdata';
import { expect, test as base } from '../fixtures';
import { jobs } from '../support/state';
import { batchLabel, configureProvider, openPopup, openResultInPanel, popupExtras, renderedHeading, threeUrls } from './setup';

const test = base.extend<{ fake: FakeBrightData }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
  fake: async ({}, use) => {
    // Snapshots take 1 s; a sync /scrape of a URL containing "slow" (3 s) outlasts the 1.5 s sync limit → 202;
    // "long" ones run for a minute (to be canceled).
    const fake = await startFakeBrightData({
      jobDurationMs: 1_000,
      durationFor: (input) => (input.includes('slow') ? 3_000 : input.includes('long') ? 60_000 : undefined),
      syncDelayMs: 1_500,
    });
    await use(fake);
    await fake.close();
  },
});

const provider = (fake: FakeBrightData) => ({ label: 'Bright Data', id: 'brightdata', apiKey: fake.apiKey, baseUrl: fake.baseUrl });

test.describe('Bright Data', () => {
  test('three URLs queued from the popup finish, and the side panel shows each page', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    const urls = threeUrls('brightdata');
    await popup.queueUrls(urls.join('\n'), 'Bright Data');

    await expect(popup.report).toContainText('Queued');
    await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
    expect(fake.counts.submit).toBe(1);

    const panel = await openResultInPanel(context, extensionId, popup, batchLabel(urls));
    await expect(panel.heading).toContainText(urls[0]);
    await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[0]}`);
    await panel.pickRecord(urls[1]);
    await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[1]}`);
  });

  test('"Check Bright Data key" accepts the right key and names the problem with a wrong one', async ({ context, extensionId, worker, fake }) => {
    const options = await configureProvider(context, extensionId, worker, provider(fake));
    await expect(await options.checkKey('Bright Data')).toHaveText('Key accepted; dataset gd_m6gjtfmeh43we6cqc found.');

    await options.setApiKey('Bright Data', 'not-the-key');
    await expect(await options.checkKey('Bright Data')).toHaveText('Bad API key: Bright Data says "Invalid credentials".');
  });

  test('"Scrape now" answers inline, and a slow sync scrape auto-converts (202) to a polled snapshot', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    await popup.chooseProvider('Bright Data');
    await popupExtras(popup).scrapeNow.check();

    const quick = ['https://example.com/brightdata/now-a', 'https://example.com/brightdata/now-b'];
    await popup.queueUrls(quick.join('\n'));
    await expect(popup.statusOf(batchLabel(quick))).toHaveText('done');
    // Answered by the /scrape call itself: no progress poll, no snapshot download.
    expect(fake.counts.status).toBe(0);
    expect(fake.counts.result).toBe(0);
    expect(fake.requests.filter((r) => r.path === '/datasets/v3/scrape')).toHaveLength(1);

    await popupExtras(popup).scrapeNow.check();
    const slow = 'https://example.com/brightdata/slow-page';
    await popup.queueUrls(slow);
    await expect(popup.statusOf(slow)).toHaveText('done', { timeout: 30_000 });
    // The 202 carried a snapshot id; the job was then polled and downloaded like an async one.
    expect(fake.requests.filter((r) => r.path === '/datasets/v3/scrape')).toHaveLength(2);
    expect(fake.counts.status).toBeGreaterThanOrEqual(1);
    expect(fake.counts.result).toBeGreaterThanOrEqual(1);

    const panel = await openResultInPanel(context, extensionId, popup, slow);
    await expect(renderedHeading(panel)).toHaveText(`Scraped ${slow}`);
  });

  test('a discovery keyword becomes a job whose records are the discovered pages', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    await popup.discover('trail shoes');

    const row = 'Keyword “trail shoes”';
    await expect(popup.statusOf(row)).toHaveText('done', { timeout: 30_000 });
    const trigger = fake.requests.find((r) => r.path === '/datasets/v3/trigger');
    expect(trigger?.query.get('type')).toBe('discover_new');
    expect(trigger?.json).toEqual([{ keyword: 'trail shoes' }]);

    const panel = await openResultInPanel(context, extensionId, popup, row);
    const second = 'https://example.com/discovered/trail%20shoes/2';
    await expect(renderedHeading(panel)).toHaveText('Scraped https://example.com/discovered/trail%20shoes/1');
    await panel.pickRecord(second);
    await expect(renderedHeading(panel)).toHaveText(`Scraped ${second}`);
  });

  test('canceling a running job cancels its snapshot at Bright Data', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    const url = 'https://example.com/brightdata/long-running';
    await popup.queueUrls(url, 'Bright Data');
    await expect(popup.statusOf(url)).toHaveText(/^(submitted|running)$/);

    await popup.cancel(url);
    await expect(popup.statusOf(url)).toHaveText('canceled');
    expect(fake.counts.cancel).toBe(1);
    expect([...fake.snapshots.values()].map((s) => s.canceled)).toEqual([true]);
    expect((await jobs(worker))[0]?.error).toBeUndefined();
  });

  test('with the relay connected, the snapshot-ready webhook finishes the job without a status poll', async ({ context, extensionId, worker, relay, fake }) => {
    const options = await configureProvider(context, extensionId, worker, provider(fake));
    await options.connectRelay(relay.baseUrl);
    await expect(options.relayState).toHaveText('connected');
    const popup = await openPopup(context, extensionId);
    const urls = ['https://example.com/brightdata/hooked-1', 'https://example.com/brightdata/hooked-2'];
    await popup.queueUrls(urls.join('\n'), 'Bright Data');

    await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
    expect(fake.webhookDeliveries.filter((d) => d.status === 200 || d.status === 202).length).toBeGreaterThanOrEqual(1);
    expect((await jobs(worker))[0]?.polls).toBe(0);
    expect(fake.counts.status).toBe(0);
  });

  test('a 429 with Retry-After backs off and the job still finishes (never failed)', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    fake.inject429(1, 1);
    const url = 'https://example.com/brightdata/rate-limited';
    await popup.queueUrls(url, 'Bright Data');

    // A failed job only leaves "failed" through Retry, which this test never presses: reaching done proves it never failed.
    await expect(popup.statusOf(url)).toHaveText('done', { timeout: 30_000 });
    expect(fake.counts.submit).toBeGreaterThanOrEqual(2);
    expect(fake.snapshots.size).toBe(1);
  });
});
