import { startFakeScrapeDo } from '../fakes/scrapedo';
import { startFakeScraperApi, type FakeScraperApi } from '../fakes/scraperapi';
import { expect, test as base } from '../fixtures';
import { batchLabel, configureProvider, fakeRunner, openPopup, openResultInPanel, storedSettings } from './setup';

const test = base.extend<{ fake: FakeScraperApi }>({
  // oxlint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their (here: no) dependencies
  fake: async ({}, use) => {
    // Every job costs 1 credit (`sa-credit-cost: 1`), the fake's default.
    const fake = await startFakeScraperApi({ jobDurationMs: 500 });
    await use(fake);
    await fake.close();
  },
});

const FIRST = 'https://example.com/budget/first';
const SECOND = 'https://example.com/budget/second';

test('a monthly budget of 1 credit holds the second submit with the message; raising it to 5 resumes it to done', async ({ context, extensionId, worker, fake }) => {
  const provider = { label: 'ScraperAPI', id: 'scraperapi', apiKey: fake.apiKey, baseUrl: fake.baseUrl };
  const options = await configureProvider(context, extensionId, worker, provider);
  const budgetOf = async () => (await storedSettings(worker)).providers?.scraperapi;
  await expect(options.spendFigure('ScraperAPI', 'This month')).toHaveText('0 credits');

  // Invalid input is explained and nothing is saved.
  await options.setMonthlyBudget('ScraperAPI', 'lots');
  await expect(options.spend('ScraperAPI').getByText('Enter a positive number of credits, or leave it empty for no budget.')).toBeVisible();
  await expect(options.monthlyBudget('ScraperAPI')).toHaveAttribute('aria-invalid', 'true');
  expect((await budgetOf())?.monthlyBudget).toBeUndefined();

  await options.setMonthlyBudget('ScraperAPI', '1');
  await expect(options.monthlyBudget('ScraperAPI')).not.toHaveAttribute('aria-invalid');
  await expect.poll(async () => (await budgetOf())?.monthlyBudget).toBe(1);

  const popup = await openPopup(context, extensionId);
  await popup.queueUrls(FIRST, 'ScraperAPI');
  await expect(popup.statusOf(FIRST)).toHaveText('done', { timeout: 30_000 });
  // The Options tab, left open, shows the recorded credit without a reload.
  await expect(options.spendFigure('ScraperAPI', 'Today')).toHaveText('1 credit (1 job)');
  await expect(options.spendFigure('ScraperAPI', 'This month')).toHaveText('1 credit (1 job)');

  await popup.queueUrls(SECOND, 'ScraperAPI');
  await expect(popup.jobRow(SECOND)).toContainText('Monthly budget reached for ScraperAPI (1 of 1 credits). Raise it in Options to continue.');
  await expect(popup.statusOf(SECOND)).toHaveText('queued');
  // Held before anything was sent: the fake saw only the first job.
  expect([...fake.jobs.values()].map((j) => j.url)).toEqual([FIRST]);

  await options.setMonthlyBudget('ScraperAPI', '5');
  await expect.poll(async () => (await budgetOf())?.monthlyBudget).toBe(5);
  await expect(popup.statusOf(SECOND)).toHaveText('done', { timeout: 30_000 });
  await expect(popup.jobRow(SECOND)).not.toContainText('Monthly budget reached');
  await expect(options.spendFigure('ScraperAPI', 'This month')).toHaveText('2 credits (2 jobs)');
  expect([...fake.jobs.values()].map((j) => j.url).toSorted()).toEqual([FIRST, SECOND]);
});

// Scrape.do reports no job total: each task answer carries its Scrape.do-Request-Cost (the fake's default
// shape), failed tasks cost nothing, and the job costs the sum.
test('a Scrape.do batch costs the sum of its tasks: Spend shows the known credits, Details each page', async ({ context, extensionId, worker }) => {
  await fakeRunner(startFakeScrapeDo)({ jobDurationMs: 500, requestCost: 5 }, async (fake) => {
    const options = await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: fake.token, baseUrl: fake.baseUrl });
    await expect(options.spendFigure('Scrape.do', 'This month')).toHaveText('0 credits');

    const urls = ['https://example.com/cost/one', 'https://example.com/cost/two', 'https://example.com/cost/fail'] as const;
    const popup = await openPopup(context, extensionId);
    await popup.queueUrls(urls.join('\n'), 'Scrape.do');
    await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
    await expect(options.spendFigure('Scrape.do', 'Today')).toHaveText('10 credits (1 job)');
    await expect(options.spendFigure('Scrape.do', 'This month')).toHaveText('10 credits (1 job)');

    const panel = await openResultInPanel(context, extensionId, popup, batchLabel(urls));
    await panel.show('Details');
    await expect(panel.detail('Record cost')).toHaveText('5 credits');
    await panel.pickRecord(urls[2]);
    await expect(panel.detail('Record error')).toContainText('Target returned an error');
    await expect(panel.detail('Record cost')).toHaveText('0 credits');
  });
});
