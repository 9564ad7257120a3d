/**
 * Added, removed and changed rows between two snapshots' tables (from a recipe or a provider's
 * structured data). Rows are matched by a key column; changed rows name their changed cells.
 * @module
 */
import type { Row } from './types';

export interface ChangedRow {
  key: string;
  before: Row;
  after: Row;
  /** Columns whose cell text differs. */
  cells: string[];
}

export interface RowDiff {
  columns: string[];
  /** The column rows were matched by, or undefined when whole rows were compared. */
  key?: string;
  added: Row[];
  removed: Row[];
  changed: ChangedRow[];
  unchanged: number;
}

function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) seen.add(column);
  return [...seen];
}

const unique = (rows: readonly Row[], column: string) => {
  const values = rows.map((r) => r[column]);
  return values.every((v) => v !== undefined && v !== '') && new Set(values).size === values.length;
};

/** The first column whose values are present and unique on both sides (e.g. a name, id or URL). */
export function pickKey(before: readonly Row[], after: readonly Row[], preferred?: string): string | undefined {
  const columns = columnsOf([...before, ...after]);
  const candidates = preferred ? [preferred, ...columns] : columns;
  return candidates.find((c) => columns.includes(c) && unique(before, c) && unique(after, c));
}

const identity = (row: Row) => JSON.stringify(Object.entries(row).toSorted(([a], [b]) => a.localeCompare(b)));

export function diffRows(before: readonly Row[], after: readonly Row[], preferredKey?: string): RowDiff {
  const columns = columnsOf([...before, ...after]);
  const key = pickKey(before, after, preferredKey);
  const keyOf = key ? (row: Row) => row[key] ?? '' : identity;
  const old = new Map(before.map((row) => [keyOf(row), row]));
  const next = new Map(after.map((row) => [keyOf(row), row]));
  const diff: RowDiff = { columns, key, added: [], removed: [], changed: [], unchanged: 0 };
  for (const [k, row] of next) {
    const was = old.get(k);
    if (!was) {
      diff.added.push(row);
      continue;
    }
    const cells = columns.filter((c) => (was[c] ?? '') !== (row[c] ?? ''));
    if (cells.length) diff.changed.push({ key: k, before: was, after: row, cells });
    else diff.unchanged++;
  }
  for (const [k, row] of old) if (!next.has(k)) diff.removed.push(row);
  return diff;
}
