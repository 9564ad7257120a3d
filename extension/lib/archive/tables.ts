import type { EntityTable } from 'dexie';
import type { Monitor, Snapshot } from '../monitors/types';
import type { SearchDoc, SearchMetaRow } from '../search/types';

/** Issue 9's Dexie tables (schema version 5). */
export const ARCHIVE_STORES = {
  monitors: 'id, url, [state+nextCheckAt], createdAt',
  snapshots: 'id, [monitorId+at], at',
  searchDocs: 'jobId, at',
  searchMeta: 'key',
} as const;

export interface ArchiveTables {
  monitors: EntityTable<Monitor, 'id'>;
  snapshots: EntityTable<Snapshot, 'id'>;
  searchDocs: EntityTable<SearchDoc, 'jobId'>;
  searchMeta: EntityTable<SearchMetaRow, 'key'>;
}

/** Derived tables a backup leaves out (rebuilt from the rest) and transient ones. */
export const NOT_BACKED_UP: ReadonlySet<string> = new Set(['searchDocs', 'searchMeta', 'seenEvents']);
