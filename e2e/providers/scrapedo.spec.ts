import { startFakeScrapeDo, type FakeScrapeDo } from '../fakes/scrapedo';
import { expect, test } from '../fixtures';
import { jobs } from '../support/state';
import { batchLabel, configureProvider, openPopup, openResultInPanel, renderedHeading, storedSettings, threeUrls, fakeRunner } from './setup';

const provider = (fake: FakeScrapeDo) => ({ label: 'Scrape.do', id: 'scrapedo', apiKey: fake.token, baseUrl: fake.baseUrl });

const withFake = fakeRunner(startFakeScrapeDo);

const allTasksFinished = (fake: FakeScrapeDo): boolean =>
  [...fake.jobs.values()].every((job) => job.tasks.every((task) => task.finishesAt <= Date.now()));

test.describe('Scrape.do', () => {
  test('three URLs queued from the popup finish in one job, and the side panel shows each page', async ({ context, extensionId, worker }) => {
    await withFake({ jobDurationMs: 1_000 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      const urls = threeUrls('scrapedo');
      await popup.queueUrls(urls.join('\n'), 'Scrape.do');

      await expect(popup.report).toContainText('Queued');
      await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
      // One provider job of three tasks; every status call the fake answered is one the job counted.
      expect(fake.counts.submit).toBe(1);
      const [job] = await jobs(worker);
      expect(job?.polls).toBe(fake.counts.status);
      expect(fake.counts.status).toBeGreaterThanOrEqual(1);
      expect(fake.counts.status).toBeLessThanOrEqual(3);
      expect(fake.counts.result).toBe(3);

      const panel = await openResultInPanel(context, extensionId, popup, batchLabel(urls));
      await expect(panel.heading).toContainText(urls[0]);
      await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[0]}`);
      await panel.pickRecord(urls[1]);
      await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[1]}`);
    });
  });

  // Regression test: changing one iframe's srcdoc while it was still loading could leave "Rendered" blank;
  // the viewer now renders a fresh iframe per record.
  test('picking another record right away shows that page in "Rendered"', async ({ context, extensionId, worker }) => {
    await withFake({ jobDurationMs: 500 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      const urls = threeUrls('scrapedo');
      await popup.queueUrls(urls.join('\n'), 'Scrape.do');
      await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const panel = await openResultInPanel(context, extensionId, popup, batchLabel(urls));
        await panel.pickRecord(urls[1]);
        await expect(renderedHeading(panel)).toHaveText(`Scraped ${urls[1]}`);
        await panel.page.close();
      }
    });
  });

  // Base64EncodedContent's shape is undocumented (provider-apis.md §3): Base64 text of the page, or a flag
  // saying whether `Content` is Base64. A second implementation of the API sent the flag; both must work.
  for (const contentShape of ['base64-string', 'flag-true', 'flag-false'] as const) {
    test(`a task answer with Base64EncodedContent as ${contentShape} shows the decoded page`, async ({ context, extensionId, worker }) => {
      await withFake({ jobDurationMs: 500, contentShape }, async (fake) => {
        await configureProvider(context, extensionId, worker, provider(fake));
        const popup = await openPopup(context, extensionId);
        const url = `https://example.com/scrapedo/${contentShape}`;
        await popup.queueUrls(url, 'Scrape.do');
        await expect(popup.statusOf(url)).toHaveText('done', { timeout: 30_000 });
        const panel = await openResultInPanel(context, extensionId, popup, url);
        await expect(renderedHeading(panel)).toHaveText(`Scraped ${url}`);
      });
    });
  }

  test('"Check Scrape.do key" accepts the right token and names the problem with a wrong one', async ({ context, extensionId, worker }) => {
    await withFake({ account: { credits: 1234, freeConcurrency: 3, totalConcurrency: 5 } }, async (fake) => {
      const options = await configureProvider(context, extensionId, worker, provider(fake));
      await expect(await options.checkKey('Scrape.do')).toContainText('Scrape.do token works: 1234 credits, 3/5 async slots free');

      await options.setApiKey('Scrape.do', 'not-the-token');
      await expect(await options.checkKey('Scrape.do')).toHaveText(
        'Scrape.do rejected the token (Unauthorized: invalid token). Fix your key in Options; a 401 can also mean no credits left.',
      );
    });
  });

  test('canceling a running job stops it at Scrape.do and the job shows canceled', async ({ context, extensionId, worker }) => {
    await withFake({ jobDurationMs: 60_000 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      const url = 'https://example.com/scrapedo/long-running';
      await popup.queueUrls(url, 'Scrape.do');
      await expect(popup.statusOf(url)).toHaveText(/^(submitted|running)$/);
      await expect.poll(() => fake.jobs.size).toBe(1);

      await popup.cancel(url);
      await expect(popup.statusOf(url)).toHaveText('canceled');
      expect(fake.counts.cancel).toBe(1);
      expect([...fake.jobs.values()][0]?.canceled).toBe(true);
      expect((await jobs(worker))[0]?.error).toBeUndefined();
    });
  });

  test('canceling a job Scrape.do already finished (406) is not an error', async ({ context, extensionId, worker }) => {
    await withFake({ jobDurationMs: 300 }, async (fake) => {
      const options = await configureProvider(context, extensionId, worker, provider(fake));
      // Poll rarely (first status call after ≈ 150 s), so the job is finished remotely but still active here.
      await options.setNumber('Poll interval scale', 10);
      await expect.poll(async () => (await storedSettings(worker)).pollIntervalScale).toBe(10);
      const popup = await openPopup(context, extensionId);
      const url = 'https://example.com/scrapedo/finished-remotely';
      await popup.queueUrls(url, 'Scrape.do');
      await expect(popup.statusOf(url)).toHaveText('submitted');
      await expect.poll(() => fake.jobs.size === 1 && allTasksFinished(fake)).toBe(true);

      await popup.cancel(url);
      await expect(popup.statusOf(url)).toHaveText('canceled');
      expect(fake.counts.cancel).toBe(1);
      // The fake answered 406 "Job is already completed": it never marked the job canceled.
      expect([...fake.jobs.values()][0]?.canceled).toBe(false);
      // The 406 "already completed" answer left no "could not be told" note on the job, and no report in the popup.
      expect((await jobs(worker))[0]?.error).toBeUndefined();
      await expect(popup.report).not.toContainText('Scrape.do');
    });
  });
});
