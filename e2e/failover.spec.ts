import { startFakeScraperApi, type FakeScraperApi } from './fakes/scraperapi';
import { expect, test as base } from './fixtures';
import { SidePanelPage } from './pages/sidepanel';
import { configureProvider, openPopup } from './providers/setup';

const test = base.extend<{ fake: FakeScraperApi }>({
  // oxlint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their (here: no) dependencies
  fake: async ({}, use) => {
    const fake = await startFakeScraperApi({ jobDurationMs: 500 });
    await use(fake);
    await fake.close();
  },
});

// Port 9 on loopback refuses connections, so This browser fails it; the fake answers for any URL.
const URL = 'http://127.0.0.1:9/failover-here';

test('a failed This browser job retried on ScraperAPI (fake) reaches done and links back', async ({ context, extensionId, worker, fake }) => {
  await configureProvider(context, extensionId, worker, { label: 'ScraperAPI', id: 'scraperapi', apiKey: fake.apiKey, baseUrl: fake.baseUrl });
  const popup = await openPopup(context, extensionId);
  await popup.queueUrls(URL, 'This browser');
  const original = popup.jobRowOn(URL, 'This browser');
  await expect(original.locator('.job-status')).toHaveText('failed', { timeout: 60_000 });

  // The menu lists the other configured providers: This browser is the job's own, ScrapeLLM takes only prompts.
  await popup.retryOnButton(URL).click();
  const menu = original.getByRole('menu', { name: 'Retry on…' });
  await expect(menu.getByRole('menuitem')).toHaveText(['ScraperAPI']);
  await popup.page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  await popup.retryOn(URL, 'ScraperAPI');
  const retried = popup.jobRowOn(URL, 'ScraperAPI');
  await expect(retried.locator('.job-status')).toHaveText('done', { timeout: 30_000 });
  expect([...fake.jobs.values()].map((j) => j.url)).toEqual([URL]);

  await retried.getByRole('button', { name: /^Open result for / }).click();
  const panel = await new SidePanelPage(await context.newPage(), extensionId).open();
  const details = await panel.show('Details');
  const back = details.getByRole('region', { name: 'Failover' }).getByRole('link', { name: /^This browser job \(failed\)/ });
  await expect(back).toBeVisible();
  await back.click();
  // The original shows where it was retried, linking forward to the done job.
  await expect(panel.page.getByRole('region', { name: 'Failover' }).getByRole('link', { name: /^ScraperAPI job \(done\)/ })).toBeVisible();
  await expect(panel.page.getByRole('heading', { level: 1 })).toHaveText(URL);
});
