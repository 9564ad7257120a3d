import type { ExtractedTable } from './table';

export const PAGE_URL = 'Page URL';

export interface PageTables {
  url: string;
  tables: readonly ExtractedTable[];
}

/** Tables of the same kind and columns on several pages are one table to merge. */
const mergeKey = (t: ExtractedTable) => (t.kind === 'recipe' ? t.id : `${t.kind}\u0001${t.columns.join('\u0001')}`);

/**
 * Merges per-page tables into one table per recipe (or per detected shape), each row led by the
 * page it came from ("Page URL"). Order: by how good the best candidate was, then first seen.
 */
export function mergeTables(pages: readonly PageTables[]): ExtractedTable[] {
  const merged = new Map<string, ExtractedTable & { pages: number }>();
  for (const page of pages) {
    for (const table of page.tables) {
      const key = mergeKey(table);
      let target = merged.get(key);
      if (!target) {
        target = { ...table, id: key, columns: [PAGE_URL, ...table.columns], rows: [], pages: 0 };
        merged.set(key, target);
      }
      target.pages++;
      target.score = Math.max(target.score, table.score);
      for (const row of table.rows) target.rows.push([page.url, ...row]);
    }
  }
  return [...merged.values()]
    .toSorted((a, b) => b.score * b.pages - a.score * a.pages)
    .map(({ pages: _pages, ...table }) => table);
}
