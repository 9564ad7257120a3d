import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { screenshotLightAndDark } from './support/screenshots';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { jobIdFor, jobs } from './support/state';

test.describe('queueing with the built-in "This browser" provider', () => {
  test('pasted text becomes jobs; invalid entries are reported with reasons; all reach done', async ({ context, extensionId, site, worker }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    const [one, two, three] = [site.url('/page/one'), site.url('/page/two'), site.url('/page/three')];
    await popup.queueUrls(`Here: ${one}\n${two}\n${two}\nftp://files.test/x\nnot-a-url\n${three}`);

    await expect(popup.report).toContainText('Queued 3 jobs');
    await expect(popup.report).toContainText('1 duplicate');
    await expect(popup.invalidEntries).toHaveCount(2);
    await expect(popup.invalidEntries.filter({ hasText: 'ftp://files.test/x' })).toContainText('unsupported scheme ftp:');
    await expect(popup.invalidEntries.filter({ hasText: 'not-a-url' })).toContainText('not a URL');

    for (const url of [one, two, three]) await expect(popup.statusOf(url)).toHaveText('done');
    await expect(popup.jobCount).toHaveText('3 jobs');
    expect(site.hits('/page/two')).toBe(1);
    expect((await jobs(worker)).map((j) => j.status)).toEqual(['done', 'done', 'done']);
  });

  test('Scrape current tab keeps script-rendered content, and the side panel shows it', async ({ context, extensionId, site, worker }) => {
    const tab = await context.newPage();
    await tab.goto(site.url('/dynamic'));
    await expect(tab.locator('#out')).toHaveText('rendered by script');
    const tabId = await worker.evaluate(async (url) => {
      const [found] = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }).chrome.tabs.query({ url });
      return found?.id;
    }, site.url('/dynamic'));

    const popupPage = await context.newPage();
    await popupPage.setViewportSize({ width: 420, height: 580 });
    const popup = await new PopupPage(popupPage, extensionId).open({ tabId });
    await popup.scrapeCurrentTab();
    await expect(popup.statusOf(site.url('/dynamic'))).toHaveText('done');
    // The live DOM was read, not refetched: the site saw the page load once, from the tab.
    expect(site.hits('/dynamic')).toBe(1);
    await popup.queueUrls(`${site.url('/page/alpha')}\n${site.url('/page/beta')}`);
    await expect(popup.statusOf(site.url('/page/beta'))).toHaveText('done');
    await screenshotLightAndDark(popupPage, 'popup');

    await popup.openResult(site.url('/dynamic'));
    const panelPage = await context.newPage();
    await panelPage.setViewportSize({ width: 480, height: 720 });
    // The background remembered the job chosen in the popup (viewJob).
    const panel = await new SidePanelPage(panelPage, extensionId).open();
    await expect(panel.heading).toHaveText(site.url('/dynamic'));
    await expect(panel.renderedFrame().locator('#out')).toHaveText('rendered by script');
    await screenshotLightAndDark(panelPage, 'sidepanel-rendered');

    await expect(await panel.show('Source')).toContainText('<div id="out">rendered by script</div>');
    await expect(await panel.show('Text')).toContainText('rendered by script');
    await expect(await panel.show('Details')).toContainText(site.url('/dynamic'));
  });

  test('a .csv file of URLs is imported and queued', async ({ context, extensionId, site }) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sq-csv-'));
    const file = path.join(dir, 'urls.csv');
    writeFileSync(file, `name,url\nfirst,${site.url('/page/csv1')}\nsecond,"${site.url('/page/csv2')}"\n`);
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.importUrlsFile(file);
    await expect(popup.report).toContainText('Queued 2 jobs');
    await expect(popup.statusOf(site.url('/page/csv2'))).toHaveText('done');
  });

  test('jobs can be filtered, canceled, retried and deleted', async ({ context, extensionId, site, worker }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    const slow = site.url('/slow/20000/held');
    await popup.queueUrls(`${site.url('/page/keep')}\n${site.url('/missing/page')}\n${slow}`);
    await expect(popup.statusOf(site.url('/page/keep'))).toHaveText('done');
    // A 404 page is still a result, kept with its status code.
    await expect(popup.statusOf(site.url('/missing/page'))).toHaveText('done');

    await popup.filterText('keep');
    await expect(popup.jobList.getByRole('listitem')).toHaveCount(1);
    await popup.filterText('');
    await popup.filterStatus('done');
    await expect(popup.jobCount).toHaveText('2 jobs');
    await popup.filterStatus('All');

    await expect(popup.statusOf(slow)).toHaveText(/submitted|running/);
    // The toolbar badge counts active jobs.
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    await popup.cancel(slow);
    await expect(popup.statusOf(slow)).toHaveText('canceled');
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    await popup.retry(slow);
    await expect(popup.statusOf(slow)).toHaveText(/queued|submitted|running/);

    await popup.delete(site.url('/missing/page'));
    await expect(popup.jobRow(site.url('/missing/page'))).toHaveCount(0);
    expect((await jobs(worker)).map((j) => j.label).toSorted()).toEqual([site.url('/page/keep'), slow].toSorted());
  });

  test('a failed fetch shows its reason and can be retried', async ({ context, extensionId, worker }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    // Port 9 on loopback refuses connections: a network error, retried, then failed with the last error.
    await worker.evaluate(() => chrome.storage.local.set({ settings: { pollIntervalScale: 0.1 } }));
    await popup.queueUrls('http://127.0.0.1:9/nothing-here');
    await expect(popup.statusOf('127.0.0.1:9/nothing-here')).toHaveText('failed', { timeout: 60_000 });
    await expect(popup.jobRow('127.0.0.1:9/nothing-here')).toContainText('Gave up after 3 attempts');
    await expect(popup.action('127.0.0.1:9/nothing-here', 'Retry')).toBeVisible();
    expect(await jobIdFor(worker, 'nothing-here')).toBeTruthy();
  });
});

declare const chrome: {
  storage: { local: { set(v: unknown): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
};
