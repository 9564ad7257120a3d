/**
 * The search index as a worker service: loaded from IndexedDB on first use, reconciled with the
 * finished jobs (so results that arrived, were deleted or restored while it was not loaded are caught
 * up), rebuilt with progress when missing, updated as results arrive, saved a few seconds after changes.
 * @module
 */
import { Dexie } from 'dexie';
import type { Job, ScrapeQueueDB, StoredResult } from '../db/schema';
import type { Logger } from '../providers/types';
import { recordMainText } from '../text/record-text';
import { createEngine, loadEngine, type SearchEngine, type SearchFilters } from './engine';
import { snippet, type SnippetPart } from './snippet';
import type { SearchDoc, SearchIndexRow, SearchMetaRow, SearchProgressRow } from './types';

export interface SearchHit {
  jobId: string;
  /** Which record of the job (batches hold several pages). */
  recordIndex: number;
  url: string;
  title: string;
  provider: Job['provider'];
  at: number;
  snippet: SnippetPart[];
}

export interface SearchAnswer {
  hits: SearchHit[];
  total: number;
}

export interface SearchServiceDeps {
  db: ScrapeQueueDB;
  now: () => number;
  logger: Logger;
  /** How long after a change the index is written back (changes meanwhile are batched). */
  saveDelayMs?: number;
}

const CHUNK = 200;
const SHOWN = 20;

export function searchDocFor(job: Pick<Job, 'id' | 'provider'>, result: Pick<StoredResult, 'records' | 'receivedAt'>): SearchDoc {
  return {
    jobId: job.id,
    provider: job.provider,
    at: result.receivedAt,
    records: result.records.map((record) => {
      const { title, text } = recordMainText(record);
      return { url: record.url, title: title || record.url, text };
    }),
  };
}

export function createSearchService(deps: SearchServiceDeps) {
  const { db } = deps;
  let engine: Promise<SearchEngine> | undefined;
  let meta = { builtAt: 0, rebuilds: 0 };
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const putProgress = async (row: SearchProgressRow) => {
    const stored: SearchMetaRow = row;
    await db.searchMeta.put(stored);
  };

  const doneJobIds = async (): Promise<string[]> =>
    (await db.jobs.where('[status+createdAt]').between(['done', Dexie.minKey], ['done', Dexie.maxKey]).primaryKeys()).map(String);

  async function buildDocs(ids: string[]): Promise<SearchDoc[]> {
    const stored = await db.searchDocs.bulkGet(ids);
    const missing = ids.filter((_, i) => !stored[i]);
    const built: SearchDoc[] = [];
    if (missing.length) {
      const [jobs, results] = await Promise.all([db.jobs.bulkGet(missing), db.results.bulkGet(missing)]);
      missing.forEach((_, i) => {
        const job = jobs[i];
        const result = results[i];
        if (job && result) built.push(searchDocFor(job, result));
      });
      await db.searchDocs.bulkPut(built);
    }
    return [...stored.filter((d): d is SearchDoc => d !== undefined), ...built];
  }

  /** Makes the index hold exactly the finished jobs; `progress` writes a row the pages show. */
  async function reconcile(e: SearchEngine, progress: boolean): Promise<boolean> {
    const done = new Set(await doneJobIds());
    let changed = false;
    const gone = e.jobIds().filter((id) => !done.has(id));
    for (const id of gone) e.remove(id);
    if (gone.length) {
      await db.searchDocs.bulkDelete(gone);
      changed = true;
    }
    const missing = [...done].filter((id) => !e.has(id));
    for (let i = 0; i < missing.length; i += CHUNK) {
      if (progress) await putProgress({ key: 'progress', done: i, total: missing.length, running: true });
      for (const doc of await buildDocs(missing.slice(i, i + CHUNK))) e.put(doc);
      changed = true;
    }
    if (progress) await putProgress({ key: 'progress', done: missing.length, total: missing.length, running: false });
    return changed;
  }

  async function save(e: SearchEngine): Promise<void> {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const row: SearchIndexRow = { key: 'index', json: e.toJSON(), jobs: e.jobCounts(), savedAt: deps.now(), ...meta };
    await db.searchMeta.put(row);
  }

  function saveSoon(e: SearchEngine): void {
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      save(e).catch((err: unknown) => deps.logger.warn('Saving the search index failed', err));
    }, deps.saveDelayMs ?? 3_000);
  }

  async function load(): Promise<SearchEngine> {
    const row = await db.searchMeta.get('index');
    if (row?.key === 'index') {
      try {
        const e = await loadEngine(row.json, row.jobs);
        meta = { builtAt: row.builtAt, rebuilds: row.rebuilds };
        if (await reconcile(e, false)) saveSoon(e);
        return e;
      } catch (err) {
        deps.logger.warn('Stored search index unreadable; rebuilding', err);
      }
    }
    const e = createEngine();
    await reconcile(e, true);
    meta = { builtAt: deps.now(), rebuilds: (row?.key === 'index' ? row.rebuilds : 0) + 1 };
    await save(e);
    return e;
  }

  const ensure = (): Promise<SearchEngine> => {
    engine ??= load().catch((err: unknown) => {
      engine = undefined;
      throw err;
    });
    return engine;
  };

  return {
    ensure,
    /** Called when a job settles: a done job's records are indexed, anything else leaves the index. */
    async onJobSettled(job: Job): Promise<void> {
      const e = engine ? await engine : undefined;
      if (job.status !== 'done') {
        await db.searchDocs.delete(job.id);
        if (e?.has(job.id)) {
          e.remove(job.id);
          saveSoon(e);
        }
        return;
      }
      const result = await db.results.get(job.id);
      if (!result) return;
      const doc = searchDocFor(job, result);
      await db.searchDocs.put(doc);
      // Not loaded yet: loading reconciles with the stored docs, so nothing is missed.
      if (e) {
        e.put(doc);
        saveSoon(e);
      }
    },
    /** After bulk changes (restore, retention): catch up now if loaded. */
    async refresh(): Promise<void> {
      if (!engine) return;
      const e = await engine;
      if (await reconcile(e, false)) await save(e);
    },
    async search(query: string, filters: SearchFilters = {}): Promise<SearchAnswer> {
      const e = await ensure();
      // An empty query only loads the index (the popup asks when the search box gets focus).
      if (!query.trim()) return { hits: [], total: 0 };
      // A few more than shown, in case some were deleted since they were indexed.
      const { hits, total } = e.search(query, filters, SHOWN + 5);
      // Jobs deleted or retried since they were indexed drop out here (and from the index).
      const jobIds = [...new Set(hits.map((h) => h.jobId))];
      const [jobs, docRows] = await Promise.all([db.jobs.bulkGet(jobIds), db.searchDocs.bulkGet(jobIds)]);
      const live = new Set(jobs.filter((j) => j?.status === 'done').map((j) => j!.id));
      const stale = [...new Set(hits.map((h) => h.jobId))].filter((id) => !live.has(id));
      for (const id of stale) e.remove(id);
      if (stale.length) {
        await db.searchDocs.bulkDelete(stale);
        saveSoon(e);
      }
      const shown = hits.filter((h) => live.has(h.jobId)).slice(0, SHOWN);
      const docs = new Map(docRows.filter((d) => d !== undefined).map((d) => [d.jobId, d]));
      return {
        total: total - (hits.length - hits.filter((h) => live.has(h.jobId)).length),
        hits: shown.map((h) => {
          const recordIndex = Number(h.recordId.slice(h.recordId.lastIndexOf('#') + 1));
          const text = docs.get(h.jobId)?.records[recordIndex]?.text ?? '';
          return { jobId: h.jobId, recordIndex, url: h.url, title: h.title, provider: h.provider, at: h.at, snippet: snippet(text, h.terms) };
        }),
      };
    },
    /** Writes a pending change now (tests, shutdown). */
    async flush(): Promise<void> {
      if (engine && saveTimer) await save(await engine);
    },
    status: async () => {
      const e = engine ? await engine : undefined;
      return { loaded: Boolean(e), jobs: e?.jobCount ?? 0, ...meta };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
