import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProviderId } from '@@/shared/schemas/job';
import { handleMenuClick, MENU, menuItems, type MenuDeps } from './menus';
import { selectionTitle } from './selection-links';

function deps(provider: ProviderId = 'browser', links: string[] = []) {
  const queued: { urls: string[]; provider: ProviderId; tabId?: number }[] = [];
  const prompts: { prompt: string; provider: ProviderId; scraper: string }[] = [];
  const notes: string[] = [];
  const monitorForms: string[] = [];
  const d: MenuDeps = {
    defaultProvider: async () => provider,
    queueUrls: async (urls, p, tabId) => void queued.push({ urls, provider: p, ...(tabId !== undefined ? { tabId } : {}) }),
    queuePrompt: async (prompt, p, scraper) => void prompts.push({ prompt, provider: p, scraper }),
    selectedLinks: async () => links,
    notify: async (title, message) => void notes.push(`${title}: ${message}`),
    openMonitorForm: async (url) => void monitorForms.push(url),
  };
  return { d, queued, prompts, notes, monitorForms };
}

describe('menuItems', () => {
  it('offers page, link, selection and one ask item per scraper', () => {
    const items = menuItems();
    expect(items.slice(0, 3).map((i) => i.title)).toEqual(['Scrape this page', 'Scrape this link', 'Scrape selected links']);
    expect(items.filter((i) => i.parentId === MENU.ask).map((i) => i.title)).toContain('Ask Perplexity about the selection');
  });

  it('can be registered with the browser', () => {
    fakeBrowser.reset();
    const create = vi.fn();
    fakeBrowser.contextMenus.create = create as unknown as typeof fakeBrowser.contextMenus.create;
    for (const item of menuItems()) fakeBrowser.contextMenus.create(item);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ id: MENU.page, contexts: ['page'] }));
  });
});

describe('handleMenuClick', () => {
  beforeEach(() => fakeBrowser.reset());

  it('captures the live tab with the built-in provider', async () => {
    const { d, queued } = deps('browser');
    await handleMenuClick(d, { menuItemId: MENU.page }, { id: 7, url: 'https://a.test/x' });
    expect(queued).toEqual([{ urls: ['https://a.test/x'], provider: 'browser', tabId: 7 }]);
  });

  it('sends the page URL (not the tab) to remote providers', async () => {
    const { d, queued } = deps('scrapedo');
    await handleMenuClick(d, { menuItemId: MENU.page }, { id: 7, url: 'https://a.test/x' });
    expect(queued).toEqual([{ urls: ['https://a.test/x'], provider: 'scrapedo' }]);
  });

  it('"Monitor this page" opens the monitor form for the page, and refuses non-http pages', async () => {
    const { d, monitorForms, notes, queued } = deps('browser');
    await handleMenuClick(d, { menuItemId: MENU.monitor }, { id: 7, url: 'https://a.test/x' });
    await handleMenuClick(d, { menuItemId: MENU.monitor }, { id: 8, url: 'chrome://settings' });
    expect(monitorForms).toEqual(['https://a.test/x']);
    expect(queued).toEqual([]);
    expect(notes).toEqual(['Scrape Queue: nothing queued: Only http and https pages can be monitored (chrome://settings).']);
  });

  it('queues a link', async () => {
    const { d, queued } = deps('scraperapi');
    await handleMenuClick(d, { menuItemId: MENU.link, linkUrl: 'https://b.test/' }, { id: 1 });
    expect(queued).toEqual([{ urls: ['https://b.test/'], provider: 'scraperapi' }]);
  });

  it('queues the selected http(s) links deduplicated and says how many', async () => {
    const { d, queued, notes } = deps('browser', ['https://a.test/1', 'mailto:x@y.z', 'https://a.test/1#top', 'https://a.test/2']);
    await handleMenuClick(d, { menuItemId: MENU.selection }, { id: 3 });
    expect(queued).toEqual([{ urls: ['https://a.test/1', 'https://a.test/2'], provider: 'browser' }]);
    expect(notes).toEqual(['Scrape Queue: Queued 2 selected links.']);
  });

  it('reports a selection without links instead of failing silently', async () => {
    const { d, queued, notes } = deps('browser', ['mailto:x@y.z']);
    await handleMenuClick(d, { menuItemId: MENU.selection }, { id: 3 });
    expect(queued).toEqual([]);
    expect(notes).toEqual(['Scrape Queue: nothing queued: The selection holds no http(s) links.']);
  });

  it('refuses non-http pages with a clear message', async () => {
    const { d, notes } = deps('browser');
    await handleMenuClick(d, { menuItemId: MENU.page }, { id: 1, url: 'chrome://settings' });
    expect(notes[0]).toContain('Only http and https pages can be scraped');
  });

  it('asks the chosen scraper about the selected text', async () => {
    const { d, prompts } = deps();
    await handleMenuClick(d, { menuItemId: `${MENU.ask}:scrapellm:grok`, selectionText: '  what is this?  ' }, { id: 1 });
    expect(prompts).toEqual([{ prompt: 'what is this?', provider: 'scrapellm', scraper: 'grok' }]);
  });
});

describe('selectionTitle', () => {
  it.each([
    [undefined, 'Scrape selected links'],
    [0, 'Scrape selected links'],
    [1, 'Scrape 1 selected link'],
    [12, 'Scrape 12 selected links'],
  ])('%s → %s', (count, expected) => {
    expect(selectionTitle(count)).toBe(expected);
  });
});
