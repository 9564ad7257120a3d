import { startFakeScrapingPros, type FakeScrapingPros } from '../fakes/scrapingpros';
import { expect, test } from '../fixtures';
import { jobs } from '../support/state';
import { batchLabel, configureProvider, openPopup, openResultInPanel, popupExtras, renderedHeading, threeUrls, fakeRunner } from './setup';

const provider = (fake: FakeScrapingPros) => ({ label: 'ScrapingPros', id: 'scrapingpros', apiKey: fake.apiKey, baseUrl: fake.baseUrl });

const withFake = fakeRunner(startFakeScrapingPros);

const collectionNames = (fake: FakeScrapingPros): string[] => [...fake.collections.values()].map((c) => c.name);

test.describe('ScrapingPros', () => {
  test('three URLs queued from the popup finish as one collection run, and the side panel shows each page', async ({ context, extensionId, worker }) => {
    // The newer API generation: per-job results carry each page's HTML.
    await withFake({ jobDurationMs: 1_000, perJobResults: true }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      const urls = threeUrls('scrapingpros');
      await popup.queueUrls(urls.join('\n'), 'ScrapingPros');

      await expect(popup.report).toContainText('Queued');
      await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
      expect(fake.counts.submit).toBe(1);
      expect(fake.counts.run).toBe(1);
      expect(fake.counts.sync).toBe(0);

      const panel = await openResultInPanel(context, extensionId, popup, batchLabel(urls));
      await expect(panel.heading).toContainText(urls[0]);
      await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[0]}`);
      await panel.pickRecord(urls[2]);
      await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[2]}`);
    });
  });

  test('"Check ScrapingPros key" accepts the right key and names the problem with a wrong one', async ({ context, extensionId, worker }) => {
    await withFake({}, async (fake) => {
      const options = await configureProvider(context, extensionId, worker, provider(fake));
      await expect(await options.checkKey('ScrapingPros')).toContainText('ScrapingPros key works');

      await options.setApiKey('ScrapingPros', 'not-the-key');
      await expect(await options.checkKey('ScrapingPros')).toHaveText(
        'ScrapingPros rejected the API key (Invalid or missing API key). Fix your key in Options.',
      );
    });
  });

  test('URLs go into the named collection; page HTML is fetched only when "Fetch page HTML" is ticked', async ({ context, extensionId, worker }) => {
    // The seed API generation: a run reports counts, never the pages' HTML.
    await withFake({ jobDurationMs: 1_000 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      await popup.chooseProvider('ScrapingPros');
      const extras = popupExtras(popup);
      await extras.collectionName.fill('Spring catalogue');

      const plain = 'https://example.com/scrapingpros/without-html';
      await popup.queueUrls(plain);
      await expect(popup.statusOf(plain)).toHaveText('done', { timeout: 30_000 });
      expect(collectionNames(fake)).toEqual(['Spring catalogue']);
      expect(fake.counts.sync).toBe(0);
      let panel = await openResultInPanel(context, extensionId, popup, plain);
      await expect(panel.panel).toContainText('Nothing to render: this record has no HTML or text');
      await panel.page.close();

      await extras.fetchHtml.check();
      const withHtml = ['https://example.com/scrapingpros/with-html-1', 'https://example.com/scrapingpros/with-html-2'];
      await popup.queueUrls(withHtml.join('\n'));
      await expect(popup.statusOf(batchLabel(withHtml))).toHaveText('done', { timeout: 30_000 });
      // One extra sync request per URL, and only for this job.
      expect(fake.counts.sync).toBe(2);
      expect(collectionNames(fake)).toEqual(['Spring catalogue', 'Spring catalogue']);

      panel = await openResultInPanel(context, extensionId, popup, batchLabel(withHtml));
      await expect(renderedHeading(panel)).toHaveText(`Scraped ${withHtml[0]}`);
      await panel.pickRecord(withHtml[1]!);
      await expect(renderedHeading(panel)).toHaveText(`Scraped ${withHtml[1]}`);
      await expect(await panel.show('Source')).toContainText(`<h1>Scraped ${withHtml[1]}</h1>`);
    });
  });

  test('with the relay connected, the run.completed callback finishes the job without a status poll', async ({ context, extensionId, worker, relay }) => {
    await withFake({ jobDurationMs: 1_000, perJobResults: true }, async (fake) => {
      const options = await configureProvider(context, extensionId, worker, provider(fake));
      await options.connectRelay(relay.baseUrl);
      await expect(options.relayState).toHaveText('connected');
      const popup = await openPopup(context, extensionId);
      const urls = ['https://example.com/scrapingpros/hooked-1', 'https://example.com/scrapingpros/hooked-2'];
      await popup.queueUrls(urls.join('\n'), 'ScrapingPros');

      await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
      expect(fake.callbacks.filter((c) => typeof c.status === 'number' && c.status >= 200 && c.status < 300).length).toBe(1);
      // No scheduled status poll; the one run read is result() collecting failed_jobs, which the callback lacks.
      expect((await jobs(worker))[0]?.polls).toBe(0);
    });
  });
});
