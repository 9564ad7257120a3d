import { baseUrlOf, parseHtml, type Document } from './dom';
import { dataTables } from './data-tables';
import { htmlTables } from './html-tables';
import { markdownTables } from './markdown-tables';
import { repeatedStructures } from './repeated';
import type { ExtractedTable } from './table';

export interface DetectInput {
  url: string;
  html?: string;
  markdown?: string;
  data?: unknown;
}

/** Bump when detection changes, so cached results are recomputed. */
export const DETECTOR_VERSION = 1;
const MAX_CANDIDATES = 15;

const signature = (t: ExtractedTable) => `${t.columns.join('\u0001')}\u0002${t.rows.length}\u0002${t.rows[0]?.join('\u0001') ?? ''}`;

/**
 * Every table candidate in a page, best first: HTML tables, repeated structures, Markdown tables
 * (only when there is no HTML) and provider data. A page without any gives [] (not an error).
 */
export function detectTables(input: DetectInput, parsed?: Document): ExtractedTable[] {
  const found: ExtractedTable[] = [...dataTables(input.data)];
  if (input.html) {
    const doc = parsed ?? parseHtml(input.html);
    const base = baseUrlOf(doc, input.url);
    found.push(...htmlTables(doc, base), ...repeatedStructures(doc, base));
  } else if (input.markdown) {
    found.push(...markdownTables(input.markdown));
  }
  const seen = new Set<string>();
  return found
    .toSorted((a, b) => b.score - a.score)
    .filter((t) => {
      const key = signature(t);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_CANDIDATES);
}
