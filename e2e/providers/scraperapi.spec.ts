import { startFakeScraperApi, type FakeScraperApi } from '../fakes/scraperapi';
import { expect, test as base } from '../fixtures';
import { jobs } from '../support/state';
import { batchLabel, changeApiKey, configureProvider, openPopup, openResultInPanel, popupExtras, renderedHeading, threeUrls } from './setup';

const test = base.extend<{ fake: FakeScraperApi }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
  fake: async ({}, use) => {
    // Jobs take 1 s ("long" ones a minute, to be canceled); pages whose URL says "expensive" cost 10 credits, the rest 1.
    const fake = await startFakeScraperApi({
      jobDurationMs: 1_000,
      durationFor: (url) => (url.includes('long') ? 60_000 : undefined),
      costFor: (url) => (url.includes('expensive') ? 10 : 1),
    });
    await use(fake);
    await fake.close();
  },
});

const provider = (fake: FakeScraperApi) => ({ label: 'ScraperAPI', id: 'scraperapi', apiKey: fake.apiKey, baseUrl: fake.baseUrl });

test.describe('ScraperAPI', () => {
  test('three URLs queued from the popup finish, and the side panel shows each page', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    const urls = threeUrls('scraperapi');
    await popup.queueUrls(urls.join('\n'), 'ScraperAPI');

    await expect(popup.report).toContainText('Queued');
    await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
    expect(fake.jobs.size).toBe(3);

    const panel = await openResultInPanel(context, extensionId, popup, batchLabel(urls));
    await expect(panel.heading).toContainText(urls[0]);
    await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[0]}`);
    await panel.pickRecord(urls[2]);
    await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[2]}`);
  });

  test('"Check ScraperAPI key" accepts the right key and names the problem with a wrong one', async ({ context, extensionId, worker, fake }) => {
    const options = await configureProvider(context, extensionId, worker, provider(fake));
    // Credits left from the account endpoint the fake serves beside the async API (its default plan: 1,000).
    const status = await options.checkKey('ScraperAPI');
    await expect(status.getByText('Key accepted by ScraperAPI: 1,000 credits left.')).toBeVisible();
    await expect(status.getByRole('definition')).toHaveText(['1,000', '0', '1,000', '5']);
    // The check never starts a billable job.
    expect(fake.jobs.size).toBe(0);

    await options.setApiKey('ScraperAPI', 'not-the-key');
    await expect(await options.checkKey('ScraperAPI')).toHaveText(
      'Bad API key: ScraperAPI says "Unauthorized request, please make sure your API key is valid.".',
    );
  });

  test('a max cost below the page cost fails the job with "Cost cap exceeded"', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    await popup.chooseProvider('ScraperAPI');
    await popupExtras(popup).maxCost.fill('5');
    const url = 'https://example.com/scraperapi/expensive';
    await popup.queueUrls(url);

    await expect(popup.statusOf(url)).toHaveText('failed', { timeout: 30_000 });
    await expect(popup.jobRow(url)).toContainText('Cost cap exceeded: This request exceeds your max_cost. Cost: 10 credits, max_cost: 5.');
    expect(fake.requests.find((r) => r.method === 'POST')?.json).toMatchObject({ apiParams: { max_cost: 5 } });
  });

  test('a max cost set in Options also caps jobs whose overrun shows only in the finished job', async ({ context, extensionId, worker }) => {
    const fake = await startFakeScraperApi({ jobDurationMs: 1_000, costFor: () => 10, maxCostPlacement: 'job' });
    try {
      const options = await configureProvider(context, extensionId, worker, provider(fake));
      await options.setExtra('ScraperAPI', 'ScraperAPI max cost per request (credits)', '5');
      await expect.poll(() => options.page.getByLabel('ScraperAPI max cost per request (credits)', { exact: true }).inputValue()).toBe('5');
      await expect(options.saved).toBeVisible();
      const popup = await openPopup(context, extensionId);
      const url = 'https://example.com/scraperapi/costly-in-job';
      await popup.queueUrls(url, 'ScraperAPI');

      await expect(popup.statusOf(url)).toHaveText('failed', { timeout: 30_000 });
      await expect(popup.jobRow(url)).toContainText('Cost cap exceeded');
    } finally {
      await fake.close();
    }
  });

  test('a wrong key pauses the job with "Fix your key"; fixing it in Options resumes the job to done', async ({ context, extensionId, worker, fake }) => {
    const options = await configureProvider(context, extensionId, worker, { ...provider(fake), apiKey: 'expired-key' });
    const popup = await openPopup(context, extensionId);
    const url = 'https://example.com/scraperapi/needs-a-key';
    await popup.queueUrls(url, 'ScraperAPI');

    await expect(popup.jobRow(url)).toContainText('Fix your key');
    await expect(popup.jobRow(url)).toContainText('paused');
    await expect(popup.statusOf(url)).toHaveText('queued');
    const rejected = fake.counts.submit;
    expect(rejected).toBeGreaterThanOrEqual(1);

    await changeApiKey(options, worker, provider(fake), fake.apiKey);
    await expect(popup.statusOf(url)).toHaveText('done', { timeout: 30_000 });
    await expect(popup.jobRow(url)).not.toContainText('paused');
    expect(fake.jobs.size).toBe(1);
  });

  test('canceling a running batch cancels each of its jobs at ScraperAPI', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    const urls = ['https://example.com/scraperapi/long-1', 'https://example.com/scraperapi/long-2'];
    await popup.queueUrls(urls.join('\n'), 'ScraperAPI');
    await expect(popup.statusOf(batchLabel(urls))).toHaveText(/^(submitted|running)$/);

    await popup.cancel(batchLabel(urls));
    await expect(popup.statusOf(batchLabel(urls))).toHaveText('canceled');
    expect(fake.counts.cancel).toBe(2);
    expect([...fake.jobs.values()].map((j) => j.canceled)).toEqual([true, true]);
    expect((await jobs(worker))[0]?.error).toBeUndefined();
  });

  test('with the relay connected, the job callbacks finish the batch without a status poll', async ({ context, extensionId, worker, relay, fake }) => {
    const options = await configureProvider(context, extensionId, worker, provider(fake));
    await options.connectRelay(relay.baseUrl);
    await expect(options.relayState).toHaveText('connected');
    const popup = await openPopup(context, extensionId);
    const urls = ['https://example.com/scraperapi/hooked-1', 'https://example.com/scraperapi/hooked-2'];
    await popup.queueUrls(urls.join('\n'), 'ScraperAPI');

    await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
    expect(fake.webhookDeliveries.filter((d) => d.status >= 200 && d.status < 300).length).toBeGreaterThanOrEqual(2);
    expect((await jobs(worker))[0]?.polls).toBe(0);
    expect(fake.counts.status).toBe(0);
  });

  test('a 429 with Retry-After backs off and the batch still finishes (never failed)', async ({ context, extensionId, worker, fake }) => {
    await configureProvider(context, extensionId, worker, provider(fake));
    const popup = await openPopup(context, extensionId);
    const urls = ['https://example.com/scraperapi/busy-1', 'https://example.com/scraperapi/busy-2'];
    fake.inject429(1, 1);
    await popup.queueUrls(urls.join('\n'), 'ScraperAPI');

    // Only Retry takes a job out of "failed", and it is never pressed here: done means it never failed.
    await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
    expect(fake.counts.submit).toBeGreaterThanOrEqual(2);
    expect(fake.jobs.size).toBe(2);
  });
});
