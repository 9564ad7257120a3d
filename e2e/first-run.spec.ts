import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { screenshotLightAndDark } from './support/screenshots';
import { SiteAccess } from './support/site-access';
import { tabIdOf } from './support/state';

/** What a new user meets first: readable text, a way to Options, whole error messages, access prompts, empty states. */
test.describe('first run', () => {
  test('a job row shows its URL as the primary line, at least 12 px and not smaller than its status, and is as tall as its content', async ({ context, extensionId, site }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    const url = site.url('/page/type-scale');
    await popup.queueUrls(url);
    await expect(popup.statusOf(url)).toHaveText('done');
    const sizes = await popup.jobRow(url).evaluate((row) => {
      const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : NaN);
      return { body: px(document.body), url: px(row.querySelector('.job-label')), status: px(row.querySelector('.job-status')) };
    });
    expect(sizes.body).toBeGreaterThanOrEqual(13);
    expect(sizes.url).toBeGreaterThanOrEqual(12);
    expect(sizes.url).toBeGreaterThanOrEqual(sizes.status);

    // Sized to its content: below the last line there is only the row's own bottom padding and border.
    const blank = await popup.jobRow(url).evaluate((row) => {
      const style = getComputedStyle(row);
      const last = row.lastElementChild?.getBoundingClientRect().bottom ?? NaN;
      return row.getBoundingClientRect().bottom - last - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
    });
    expect(Math.abs(blank)).toBeLessThanOrEqual(1);
  });

  test('the popup starts with how to begin, and its Options link opens Options', async ({ context, extensionId }) => {
    const popupPage = await context.newPage();
    await popupPage.setViewportSize({ width: 420, height: 580 });
    const popup = await new PopupPage(popupPage, extensionId).open();
    await expect(popup.gettingStarted).toContainText('Paste');
    await expect(popup.gettingStarted).toContainText('Right-click');
    await expect(popup.gettingStarted).toContainText('Scrape current tab');
    await expect(popup.page.getByRole('heading', { level: 1 })).toHaveText('Scrape Queue');
    await screenshotLightAndDark(popupPage, 'popup-empty');

    const [options] = await Promise.all([context.waitForEvent('page'), popup.optionsLink.click()]);
    await expect(options).toHaveURL(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByRole('heading', { level: 1 })).toHaveText('Scrape Queue settings');
  });

  test("a failed job's whole error text is reachable by keyboard", async ({ context, extensionId, worker }) => {
    await worker.evaluate(() => chrome.storage.local.set({ settings: { pollIntervalScale: 0.1 } }));
    const popupPage = await context.newPage();
    await popupPage.setViewportSize({ width: 420, height: 580 });
    const popup = await new PopupPage(popupPage, extensionId).open();
    // Port 9 refuses connections; the long path makes the final error longer than the row's two lines.
    const path = `/a-rather-long-path/${'segment-'.repeat(14)}end`;
    const url = `http://127.0.0.1:9${path}`;
    await popup.queueUrls(url);
    await expect(popup.statusOf(url)).toHaveText('failed', { timeout: 60_000 });
    const errorText = popup.jobRow(url).locator('.job-error-text');
    await expect(errorText).toContainText('Gave up after 3 attempts');
    const hidden = () => errorText.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
    expect(await hidden()).toBe(true);

    // Tab from the filter box to the row's "Show full error" button, as a keyboard user would.
    await popup.page.getByLabel('Filter jobs').focus();
    const toggle = popup.errorToggle(url);
    for (let i = 0; i < 12 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await popup.page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();
    await popup.page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await hidden()).toBe(false);
    await expect(errorText).toContainText(`${path}: Failed to fetch`);
    await expect(errorText).toBeInViewport({ ratio: 1 });
  });

  test('a host not granted yet waits for access, and allowing the site runs its jobs', async ({ context, extensionId, site }) => {
    // localhost is one of the manifest's hosts; "On specific sites" without it withholds it, like a new host.
    const access = await SiteAccess.open(context, extensionId);
    await access.onlyOn(['http://127.0.0.1/*']);
    const popupPage = await context.newPage();
    await popupPage.setViewportSize({ width: 420, height: 580 });
    const popup = await new PopupPage(popupPage, extensionId).open();
    const granted = site.url('/page/granted').replace('127.0.0.1', 'localhost');
    const refused = site.url('/page/refused').replace('127.0.0.1', 'localhost');

    await popup.queueUrls(`${granted}\n${refused}`);
    await expect(popup.report).toContainText('Queued 2 jobs');
    for (const url of [granted, refused]) {
      await expect(popup.jobRow(url)).toContainText('Waiting for access to http://localhost:');
      await expect(popup.statusOf(url)).toHaveText('queued');
      await expect(popup.allowAccess(url)).toBeVisible();
    }
    await screenshotLightAndDark(popupPage, 'popup-waiting-for-access');

    // "Allow access" asks again inside the click; the user allows the site (Chrome's Site access).
    await popup.allowAccess(granted).click();
    await access.grant('http://localhost/*');
    await expect(popup.statusOf(granted)).toHaveText('done');
    await expect(popup.statusOf(refused)).toHaveText('done');
    expect(site.hits('/page/granted')).toBe(1);
    await access.close();
  });

  test('a job whose host stays ungranted (prompt refused or unanswered) waits with "Allow access" instead of failing', async ({ context, extensionId, site, worker }) => {
    const access = await SiteAccess.open(context, extensionId);
    await access.onlyOn(['http://127.0.0.1/*']);
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    const refused = site.url('/page/refused').replace('127.0.0.1', 'localhost');
    // Headless Chromium leaves the prompt unanswered (no UI to press Deny); for the job that is the same as a
    // refusal: the host stays ungranted, and the job must wait rather than fail.
    await popup.queueUrls(refused);
    await expect(popup.jobRow(refused)).toContainText('Waiting for access');
    await expect(popup.allowAccess(refused)).toBeVisible();
    // More passes of the scheduler change nothing: still queued, never fetched, never failed.
    await worker.evaluate(() => sq.services.wake());
    await worker.evaluate(() => sq.services.wake());
    await expect(popup.statusOf(refused)).toHaveText('queued');
    await expect(popup.jobRow(refused)).toContainText('Waiting for access');
    expect(site.hits('/page/refused')).toBe(0);
    await access.close();
  });

  test('each provider\'s form has one primary action', async ({ context, extensionId }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    const newJobs = popup.page.getByRole('region', { name: 'New jobs' });
    for (const [provider, action] of [
      ['This browser', 'Queue'],
      ['Bright Data', 'Queue'],
      ['ScraperAPI', 'Queue'],
      ['Scrape.do', 'Queue'],
      ['ScrapingPros', 'Queue'],
      ['ScrapeLLM', 'Ask'],
    ] as const) {
      await popup.chooseProvider(provider);
      // "Primary" is the filled button style; exactly one per form, so the eye lands on the action that queues.
      const primary = newJobs.locator('button.primary');
      await expect(primary, provider).toHaveCount(1);
      await expect(primary, provider).toHaveAccessibleName(action);
    }
  });

  test('Options shows each provider as one collapsed line, and Check key waits for a key', async ({ context, extensionId }) => {
    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    for (const label of ['Bright Data', 'ScraperAPI', 'Scrape.do', 'ScrapingPros', 'ScrapeLLM']) {
      const toggle = options.providerToggle(label);
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      // The line itself says whether the provider is set up, without opening it.
      await expect(toggle.locator('..')).toContainText('not configured');
      await expect(options.apiKey(label)).toHaveCount(0);
    }
    await options.expand('ScraperAPI');
    await expect(options.providerToggle('ScraperAPI')).toHaveAttribute('aria-expanded', 'true');
    await expect(options.checkKeyButton('ScraperAPI')).toBeDisabled();
    await options.apiKey('ScraperAPI').fill('k-123');
    await expect(options.checkKeyButton('ScraperAPI')).toBeEnabled();
    await options.apiKey('ScraperAPI').fill('   ');
    await expect(options.checkKeyButton('ScraperAPI')).toBeDisabled();
    await expect(options.apiKey('Scrape.do')).toHaveCount(0);
  });

  test('the side panel\'s empty state offers "Scrape this tab", and it works', async ({ context, extensionId, site, worker }) => {
    const tab = await context.newPage();
    const url = site.url('/page/side-panel');
    await tab.goto(url);
    const panelPage = await context.newPage();
    await panelPage.setViewportSize({ width: 400, height: 560 });
    const panel = await new SidePanelPage(panelPage, extensionId).openBesideTab(await tabIdOf(worker, url));
    await expect(panel.heading).toHaveText('Nothing scraped on this tab yet');
    await expect(panel.optionsLink).toBeVisible();
    await screenshotLightAndDark(panelPage, 'sidepanel-empty');

    await panel.scrapeThisTab.click();
    await expect(panel.heading).toHaveText(url);
    await expect(panel.page.locator('.job-status')).toHaveText('done');
    await expect(panel.renderedFrame().getByRole('heading', { name: 'Hello side-panel' })).toBeVisible();
  });
});

declare const chrome: { storage: { local: { set(v: unknown): Promise<void> } } };
declare const sq: { services: { wake(): Promise<void> } };
