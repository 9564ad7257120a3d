import { ProviderId } from '@@/shared/schemas/job';
import { descriptor, providersWith } from '../providers/registry';
import { cleanLinks } from '../urls/extract';
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

/** `sq-ask:<provider>:<target>`: one item per prompt target of every provider that takes prompts. */
const askId = (provider: ProviderId, target: string) => `${MENU.ask}:${provider}:${target}`;

function askItems(): MenuItem[] {
  return providersWith((d) => d.prompt !== undefined).flatMap((d) =>
    Object.entries(d.prompt?.targets ?? {}).map(([target, name]) => ({
      id: askId(d.id, target),
      parentId: MENU.ask,
      title: `Ask ${name} about the selection`,
      contexts: ['selection'] as [MenuContext],
    })),
  );
}

/** Every context menu item. Titles are what a user reads in the right-click menu. */
export function menuItems(): MenuItem[] {
  const ask = askItems();
  return [
    { id: MENU.page, title: 'Scrape this page', contexts: ['page'] },
    { id: MENU.link, title: 'Scrape this link', contexts: ['link'] },
    { id: MENU.selection, title: selectionTitle(undefined), contexts: ['selection'] },
    ...(ask.length ? [{ id: MENU.ask, title: 'Ask about the selection', contexts: ['selection'] as [MenuContext] }, ...ask] : []),
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
  queuePrompt: (prompt: string, provider: ProviderId, target: string) => Promise<unknown>;
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
      // A provider that reads live tabs keeps logged-in and script-rendered content.
      await deps.queueUrls([clean], provider, descriptor(provider).capabilities.liveTab ? tab?.id : undefined);
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
      const [asked, target = ''] = id.slice(MENU.ask.length + 1).split(':');
      const prompt = info.selectionText?.trim();
      if (!prompt) throw new Error('Select some text to ask about.');
      await deps.queuePrompt(prompt, ProviderId.parse(asked), target);
    }
  } catch (e) {
    await deps.notify('Scrape Queue: nothing queued', e instanceof Error ? e.message : String(e));
  }
}
