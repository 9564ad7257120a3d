import { startFakeScrapeDo } from './fakes/scrapedo';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { configureProvider } from './providers/setup';

test('a job survives the service worker being stopped mid-job: the alarm wakes it, nothing is submitted twice', async ({
  context,
  extensionId,
  worker,
  stopWorker,
}) => {
  const fake = await startFakeScrapeDo({ jobDurationMs: 4_000 });
  try {
    const options = await configureProvider(context, extensionId, worker, { label: 'Scrape.do', id: 'scrapedo', apiKey: 'test-token', baseUrl: fake.baseUrl });
    // Options polls the relay status; closed, nothing but the alarm can wake the worker.
    await options.page.close();
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls('https://shop.example/item/1', 'Scrape.do');
    await expect(popup.statusOf('https://shop.example/item/1')).toHaveText(/submitted|running/);
    const bootedBefore = await worker.evaluate(() => performance.timeOrigin);

    await stopWorker();

    // Nothing in memory survived; the job's state, provider job id and next poll time were in IndexedDB.
    await expect(popup.statusOf('https://shop.example/item/1')).toHaveText('done', { timeout: 30_000 });
    expect(await worker.evaluate(() => performance.timeOrigin)).toBeGreaterThan(bootedBefore);
    expect(fake.counts.submit).toBe(1);
    expect(fake.counts.status).toBeGreaterThanOrEqual(1);
  } finally {
    await fake.close();
  }
});

test('a page fetch cut off by a worker stop is retried after the restart', async ({ context, extensionId, site, stopWorker }) => {
  test.slow(); // waits for the 30 s watchdog alarm, Chrome's minimum delay for packed extensions
  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  const slow = site.url('/slow/3000/cut');
  await popup.queueUrls(slow, 'This browser');
  await expect.poll(() => site.hits('/slow/3000/cut')).toBe(1);
  await stopWorker();
  await expect(popup.statusOf(slow)).toHaveText('done', { timeout: 60_000 });
  expect(site.hits('/slow/3000/cut')).toBe(2);
});
