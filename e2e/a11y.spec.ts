import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshotLightAndDark } from './support/screenshots';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { jobIdFor } from './support/state';

const CONTROL_ROLES = new Set(['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'tab', 'link', 'spinbutton', 'listbox', 'slider', 'switch']);

interface AXNode {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
}

/** Interactive nodes of the page's accessibility tree (as a screen reader sees it) that have no name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  await session.send('Accessibility.enable');
  const controlsNow = async () => {
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    return nodes.filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value ?? ''));
  };
  // The tree is built lazily after enable; wait until it holds the page's controls.
  await expect.poll(async () => (await controlsNow()).length).toBeGreaterThan(3);
  const controls = await controlsNow();
  await session.detach();
  return controls.filter((n) => !(n.name?.value ?? '').trim()).map((n) => n.role?.value ?? '?');
}

test('every control on the popup, side panel and options page has an accessible name', async ({ context, extensionId, site, worker }) => {
  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await popup.queueUrls(`${site.url('/page/a11y')}\nnot-a-url`);
  await expect(popup.statusOf(site.url('/page/a11y'))).toHaveText('done');
  expect(await unnamedControls(popup.page)).toEqual([]);
  for (const provider of ['ScrapeLLM', 'Bright Data', 'ScrapingPros', 'ScraperAPI']) {
    await popup.chooseProvider(provider);
    expect(await unnamedControls(popup.page), provider).toEqual([]);
  }

  const panel = await new SidePanelPage(await context.newPage(), extensionId).open(await jobIdFor(worker, '/page/a11y'));
  await expect(panel.heading).toHaveText(site.url('/page/a11y'));
  expect(await unnamedControls(panel.page)).toEqual([]);

  const options = await new OptionsPage(await context.newPage(), extensionId).open();
  await options.expand('Scrape.do');
  await expect(options.apiKey('Scrape.do')).toBeVisible();
  expect(await unnamedControls(options.page)).toEqual([]);
  await options.page.setViewportSize({ width: 760, height: 900 });
  await screenshotLightAndDark(options.page, 'options');

  // The check itself can fail: a button with no name is reported.
  await options.page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'probe' })));
  expect(await unnamedControls(options.page)).toEqual(['button']);
});
