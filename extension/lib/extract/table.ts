/**
 * A table extracted from one page (or merged from several): column names and rows of text cells.
 * Cells are strings as shown on the page; exports decide what is a number or a link.
 */
export interface ExtractedTable {
  /** Stable within one record: the same page gives the same ids (used to keep the user's choice). */
  id: string;
  /** What the "Detected tables" list shows before the size, e.g. "Table: Products" or "Repeated div.card". */
  label: string;
  kind: 'table' | 'repeated' | 'markdown' | 'data' | 'recipe';
  columns: string[];
  rows: string[][];
  /** Higher is better; candidates are listed best first. */
  score: number;
  /** For repeated structures: a CSS selector of the rows (to start a recipe from). */
  rowSelector?: string;
}

/** "12 rows × 4 columns", as the combobox shows it. */
export function tableSize(table: Pick<ExtractedTable, 'rows' | 'columns'>): string {
  const rows = table.rows.length;
  const cols = table.columns.length;
  return `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} × ${cols} column${cols === 1 ? '' : 's'}`;
}

/** Makes column names unique ("Price", "Price 2") and never empty. */
export function uniqueColumns(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} ${n}`;
  });
}
