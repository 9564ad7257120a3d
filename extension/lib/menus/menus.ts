import { ScrapeLlmScraper, type ProviderId } from '@@/shared/schemas/job';
import { cleanLinks } from '../urls/extract';
import { SCRAPER_LABELS } from '../providers/scraper-labels';
import { selectionTitle } from './selection-links';

export const MENU = {
  page: 'sq-page',
  link: 'sq-link',
  selection: 'sq-selection',
  ask: 'sq-ask',
  monitor: 'sq-monitor',
} as const;

type MenuContext = 'page' | 'link' | 'selection';

export interface MenuItem {
  id: string;
  title: string;
  contexts: [MenuContext, ...MenuContext[]];
  parentId?: string;
}

/** Every context menu item. Titles are what a user reads in the right-click menu. */
export function menuItems(): MenuItem[] {
  return [
    { id: MENU.page, title: 'Scrape this page', contexts: ['page'] },
    { id: MENU.link, title: 'Scrape this link', contexts: ['link'] },
    { id: MENU.selection, title: selectionTitle(undefined), contexts: ['selection'] },
    { id: MENU.ask, title: 'Ask about the selection', contexts: ['selection'] },
    ...ScrapeLlmScraper.options.map((scraper) => ({
      id: `${MENU.ask}:${scraper}`,
      parentId: MENU.ask,
      title: `Ask ${SCRAPER_LABELS[scraper]} about the selection`,
      contexts: ['selection'] as [MenuContext],
    })),
    { id: MENU.monitor, title: 'Monitor this page', contexts: ['page'] },
  ];
}

export interface MenuClick {
  menuItemId: string | number;
  pageUrl?: string;
  linkUrl?: string;
  selectionText?: string;
  frameId?: number;
}

export interface MenuDeps {
  defaultProvider: () => Promise<ProviderId>;
  queueUrls: (urls: string[], provider: ProviderId, tabId?: number) => Promise<unknown>;
  queuePrompt: (prompt: string, scraper: ScrapeLlmScraper) => Promise<unknown>;
  selectedLinks: (tabId: number, frameId?: number) => Promise<string[]>;
  /** Opens the "Monitor…" form for a page (Options → Monitors). */
  openMonitorForm: (url: string) => Promise<void>;
  /** Tells the user what happened when there is no page to show it on. */
  notify: (title: string, message: string) => Promise<void>;
}

/** Handles a context menu click; every outcome is reported, nothing fails silently. */
export async function handleMenuClick(deps: MenuDeps, info: MenuClick, tab?: { id?: number; url?: string }): Promise<void> {
  const id = String(info.menuItemId);
  const provider = await deps.defaultProvider();
  try {
    if (id === MENU.page) {
      const url = tab?.url ?? info.pageUrl;
      if (!url) throw new Error('This page has no URL.');
      const [clean] = cleanLinks([url]);
      if (!clean) throw new Error(`Only http and https pages can be scraped (${url}).`);
      // The built-in provider reads the live tab, so logged-in and script-rendered content is kept.
      await deps.queueUrls([clean], provider, provider === 'browser' ? tab?.id : undefined);
    } else if (id === MENU.monitor) {
      const [clean] = cleanLinks([tab?.url ?? info.pageUrl ?? '']);
      if (!clean) throw new Error(`Only http and https pages can be monitored (${tab?.url ?? info.pageUrl ?? 'no URL'}).`);
      await deps.openMonitorForm(clean);
    } else if (id === MENU.link) {
      const [clean] = cleanLinks([info.linkUrl ?? '']);
      if (!clean) throw new Error(`Only http and https links can be scraped (${info.linkUrl ?? 'no link'}).`);
      await deps.queueUrls([clean], provider);
    } else if (id === MENU.selection) {
      if (tab?.id === undefined) throw new Error('No tab to read the selection from.');
      const links = cleanLinks(await deps.selectedLinks(tab.id, info.frameId));
      if (links.length === 0) throw new Error('The selection holds no http(s) links.');
      await deps.queueUrls(links, provider);
      await deps.notify('Scrape Queue', `Queued ${links.length} selected link${links.length === 1 ? '' : 's'}.`);
    } else if (id.startsWith(`${MENU.ask}:`)) {
      const scraper = ScrapeLlmScraper.parse(id.slice(MENU.ask.length + 1));
      const prompt = info.selectionText?.trim();
      if (!prompt) throw new Error('Select some text to ask about.');
      await deps.queuePrompt(prompt, scraper);
    }
  } catch (e) {
    await deps.notify('Scrape Queue: nothing queued', e instanceof Error ? e.message : String(e));
  }
}
