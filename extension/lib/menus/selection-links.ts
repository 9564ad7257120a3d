import { cleanLinks } from '../urls/extract';

/** The http(s) links (deduplicated) inside the document's current selection. */
export function linksInSelection(doc: Document): string[] {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return [];
  const anchors = Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]'));
  return cleanLinks(anchors.filter((a) => selection.containsNode(a, true)).map((a) => a.href));
}

export const countSelectedLinks = (doc: Document): number => linksInSelection(doc).length;

/** "Scrape 3 selected links", or the plain title when the count is unknown or zero. */
export function selectionTitle(count: number | undefined): string {
  if (!count) return 'Scrape selected links';
  return `Scrape ${count} selected link${count === 1 ? '' : 's'}`;
}
