/**
 * "Restore from backup": merges backup lines into the database without duplicates (a row whose
 * primary key exists is left as it is), so restoring the same file twice adds nothing. Every line
 * is parsed first; a bad line is reported by number and skipped, never half-written.
 * @module
 */
import type { Table } from 'dexie';
import type { ScrapeQueueDB } from '../db/schema';
import { primaryKey } from './backup';
import { BackupLine, ROW_SCHEMAS } from './schemas';
import { BACKED_UP_STORAGE, mergeSettings, stripSecrets } from './secrets';
import { BACKED_UP } from './tables';

export interface RestoreReport {
  /** Rows added per table. */
  added: Record<string, number>;
  /** Rows already present (same primary key), left unchanged. */
  present: number;
  /** Storage items merged (settings, preferences). */
  storage: string[];
  invalid: { line: number; reason: string }[];
  /** Job ids added, so the caller can index and schedule them. */
  jobIds: string[];
}

export interface RestoreTarget {
  db: ScrapeQueueDB;
  readStorage: (key: string) => Promise<unknown>;
  writeStorage: (key: string, value: unknown) => Promise<void>;
}

export const emptyReport = (): RestoreReport => ({ added: {}, present: 0, storage: [], invalid: [], jobIds: [] });

/** Adds `other` into `into`. */
export function addReports(into: RestoreReport, other: RestoreReport): RestoreReport {
  for (const [t, n] of Object.entries(other.added)) into.added[t] = (into.added[t] ?? 0) + n;
  into.present += other.present;
  into.storage.push(...other.storage.filter((k) => !into.storage.includes(k)));
  into.invalid.push(...other.invalid);
  into.jobIds.push(...other.jobIds);
  return into;
}

const MAX_REPORTED_INVALID = 50;

/** Applies a batch of lines; `firstLine` is the 1-based number of lines[0] in the file. */
export async function restoreLines(target: RestoreTarget, lines: readonly string[], firstLine = 1): Promise<RestoreReport> {
  const report = emptyReport();
  const byTable = new Map<string, object[]>();
  const invalid = (line: number, reason: string) => {
    if (report.invalid.length < MAX_REPORTED_INVALID) report.invalid.push({ line, reason });
  };
  for (const [i, text] of lines.entries()) {
    const n = firstLine + i;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      invalid(n, 'not JSON');
      continue;
    }
    const parsed = BackupLine.safeParse(json);
    if (!parsed.success) {
      invalid(n, 'not a Scrape Queue backup line');
      continue;
    }
    const entry = parsed.data;
    if (entry.type === 'header') continue;
    if (entry.type === 'storage') {
      if (!BACKED_UP_STORAGE.has(entry.key)) continue;
      const current = await target.readStorage(entry.key);
      await target.writeStorage(entry.key, mergeSettings(current, stripSecrets(entry.value)));
      report.storage.push(entry.key);
      continue;
    }
    const table = target.db.tables.find((t) => t.name === entry.table);
    if (!table || !BACKED_UP.has(entry.table)) {
      invalid(n, `unknown table ${entry.table}`);
      continue;
    }
    const schema = ROW_SCHEMAS[entry.table];
    const row = schema ? schema.safeParse(entry.row) : { success: true as const, data: entry.row };
    if (!row.success || primaryKey(table, row.data) === undefined) {
      invalid(n, `${entry.table} row does not match the expected shape`);
      continue;
    }
    const rows = byTable.get(entry.table);
    if (rows) rows.push(row.data);
    else byTable.set(entry.table, [row.data]);
  }
  for (const [name, rows] of byTable) {
    const table: Table = target.db.table(name);
    await target.db.transaction('rw', table, async () => {
      const unique = new Map(rows.map((row) => [JSON.stringify(primaryKey(table, row)), row]));
      const keys = [...unique.values()].map((row) => primaryKey(table, row));
      const existing = await table.bulkGet(keys);
      const fresh = [...unique.values()].filter((_, i) => existing[i] === undefined);
      await table.bulkAdd(fresh);
      report.added[name] = fresh.length;
      report.present += rows.length - fresh.length;
      if (name === 'jobs') report.jobIds.push(...fresh.map((row) => String(primaryKey(table, row))));
    });
  }
  return report;
}

/** Splits text arriving in chunks into whole lines (a line may span chunks). */
export function createLineSplitter() {
  let rest = '';
  return {
    push(chunk: string): string[] {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      return parts;
    },
    end(): string[] {
      const last = rest;
      rest = '';
      return last ? [last] : [];
    },
  };
}
