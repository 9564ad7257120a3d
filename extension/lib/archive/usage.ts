/**
 * "Space used": approximate bytes per kind of stored data and per provider, measured by reading the
 * rows page by page (IndexedDB reports no per-table sizes). The browser's own total comes beside it.
 * @module
 */
import type { ProviderId } from '@@/shared/schemas/job';
import type { ScrapeQueueDB } from '../db/schema';
import { tablePages } from './backup';
import { approxBytes } from './size';

export interface Usage {
  results: number;
  snapshots: number;
  /** The serialised index plus the text kept for snippets. */
  index: number;
  /** Job rows, monitors and everything else. */
  other: number;
  byProvider: Partial<Record<ProviderId, number>>;
  resultCount: number;
  snapshotCount: number;
}

export async function measureUsage(db: ScrapeQueueDB, onProgress?: (done: number, total: number) => void): Promise<Usage> {
  const usage: Usage = { results: 0, snapshots: 0, index: 0, other: 0, byProvider: {}, resultCount: 0, snapshotCount: 0 };
  const total = await db.results.count();
  for await (const page of tablePages(db.results)) {
    const rows = page.filter((r): r is { jobId: string; records: unknown } => 'jobId' in r);
    const jobs = await db.jobs.bulkGet(rows.map((r) => r.jobId));
    rows.forEach((row, i) => {
      const bytes = approxBytes(row);
      usage.results += bytes;
      const provider = jobs[i]?.provider;
      if (provider) usage.byProvider[provider] = (usage.byProvider[provider] ?? 0) + bytes;
    });
    usage.resultCount += rows.length;
    onProgress?.(usage.resultCount, total);
  }
  for await (const page of tablePages(db.snapshots)) {
    usage.snapshots += approxBytes(page);
    usage.snapshotCount += page.length;
  }
  for (const table of [db.searchDocs, db.searchMeta]) for await (const page of tablePages(table)) usage.index += approxBytes(page);
  for (const table of db.tables.filter((t) => !['results', 'snapshots', 'searchDocs', 'searchMeta'].includes(t.name))) {
    for await (const page of tablePages(table)) usage.other += approxBytes(page);
  }
  return usage;
}
