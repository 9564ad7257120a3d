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

/**
 * The tables a backup holds, by name. An allow-list: derived tables (search index, issue 8's cache of
 * extracted rows), transient ones (seen webhook events) and credentials (relay keys) stay out, and so
 * does any table added later until it is listed here.
 */
export const BACKED_UP: ReadonlySet<string> = new Set(['jobs', 'results', 'monitors', 'snapshots', 'recipes']);
