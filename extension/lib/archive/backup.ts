/**
 * "Back up everything": every table but the derived ones, and the non-secret storage items, as
 * NDJSON (one JSON value per line, a header first). Produced page by page so an archive larger
 * than memory streams through; the caller decides where the chunks go.
 * @module
 */
import { Dexie, type Table } from 'dexie';
import type { ScrapeQueueDB } from '../db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupLine } from './schemas';
import { BACKED_UP_STORAGE, stripSecrets } from './secrets';
import { BACKED_UP } from './tables';

/** Rows read per IndexedDB request. */
const PAGE = 250;

export interface BackupProgress {
  rows: number;
  total: number;
}

export interface BackupSource {
  db: ScrapeQueueDB;
  /** All of storage.local (settings and preferences); secrets are stripped here. */
  storage: () => Promise<Record<string, unknown>>;
  now: () => number;
}

export const backedUpTables = (db: Dexie): Table[] => db.tables.filter((t) => BACKED_UP.has(t.name));

const line = (value: BackupLine) => `${JSON.stringify(value)}\n`;

export function primaryKey(table: Table, row: object): unknown {
  const path = table.schema.primKey.keyPath;
  return Array.isArray(path) ? path.map((p) => Dexie.getByKeyPath(row, p)) : Dexie.getByKeyPath(row, path ?? '');
}

/** Reads a table in primary-key order, one page at a time. */
export async function* tablePages(table: Table): AsyncGenerator<object[]> {
  let last: unknown = Dexie.minKey;
  let first = true;
  for (;;) {
    const where = table.where(':id');
    const rows = await (first ? where.aboveOrEqual(last) : where.above(last)).limit(PAGE).toArray();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    first = false;
    last = primaryKey(table, rows[rows.length - 1]);
  }
}

/** The backup as text chunks (each a whole number of lines), with progress after each chunk. */
export async function* backupChunks(source: BackupSource, onProgress?: (p: BackupProgress) => void): AsyncGenerator<string> {
  const tables = backedUpTables(source.db);
  const counts = Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await t.count()] as const)));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  yield line({ type: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: source.now(), counts });
  let rows = 0;
  for (const table of tables) {
    for await (const page of tablePages(table)) {
      rows += page.length;
      // Rows come from our own tables; the restore side parses them.
      yield page.map((row) => `${JSON.stringify({ type: 'row', table: table.name, row })}\n`).join('');
      onProgress?.({ rows, total });
    }
  }
  for (const [key, value] of Object.entries(await source.storage())) {
    if (BACKED_UP_STORAGE.has(key)) yield line({ type: 'storage', key, value: stripSecrets(value) });
  }
  onProgress?.({ rows, total });
}
