/**
 * The full-text index over cached results: MiniSearch (prefix and typo-tolerant matching, field
 * boosts, filters, and a JSON form that is stored in IndexedDB so a restart needs no rebuild).
 * One index document per record; the job's stored text supplies snippets.
 * @module
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { ProviderId } from '@@/shared/schemas/job';
import { tokenize } from './snippet';
import type { SearchDoc } from './types';

interface IndexedRecord {
  id: string;
  jobId: string;
  provider: ProviderId;
  at: number;
  url: string;
  title: string;
  text: string;
}

const OPTIONS = {
  fields: ['title', 'url', 'text'],
  storeFields: ['jobId', 'provider', 'at', 'url', 'title'],
  tokenize,
  processTerm: (term: string) => term.toLowerCase(),
  searchOptions: {
    // A title that holds the word outranks a body that mentions it.
    boost: { title: 4, url: 1.5 },
    // Only the last word is still being typed: earlier words match whole (and cost far less).
    prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
    combineWith: 'AND' as const,
  },
};

/** Edits allowed per word on the typo retry: 1 for 4–9 letters, 2 from 10, none below 4. */
const TYPOS = (term: string) => (term.length < 4 ? false : term.length < 10 ? 1 : 2);

export interface SearchFilters {
  provider?: ProviderId;
  /** Only results that arrived at or after this time (epoch ms). */
  since?: number;
}

export interface EngineHit {
  recordId: string;
  jobId: string;
  provider: ProviderId;
  at: number;
  url: string;
  title: string;
  score: number;
  terms: string[];
}

export const recordId = (jobId: string, index: number) => `${jobId}#${index}`;

function toRecords(doc: SearchDoc): IndexedRecord[] {
  return doc.records.map((r, i) => ({ id: recordId(doc.jobId, i), jobId: doc.jobId, provider: doc.provider, at: doc.at, ...r }));
}

function toHit(r: SearchResult): EngineHit {
  return {
    recordId: String(r.id),
    jobId: String(r.jobId),
    provider: r.provider,
    at: Number(r.at),
    url: String(r.url),
    title: String(r.title),
    score: r.score,
    terms: r.terms,
  };
}

/** Record counts per job id: stored beside the index so loading it needs no second parse. */
export type JobCounts = [jobId: string, records: number][];

export function createEngine(mini = new MiniSearch<IndexedRecord>(OPTIONS), jobs: JobCounts = []) {
  /** Record ids per job, so a job is removed or replaced as a whole. */
  const byJob = new Map<string, string[]>(jobs.map(([jobId, n]) => [jobId, Array.from({ length: n }, (_, i) => recordId(jobId, i))]));

  const remove = (jobId: string) => {
    const ids = byJob.get(jobId);
    if (!ids) return;
    mini.discardAll(ids);
    byJob.delete(jobId);
  };

  return {
    /** Adds (or replaces) one job's records. */
    put(doc: SearchDoc): void {
      remove(doc.jobId);
      const records = toRecords(doc);
      mini.addAll(records);
      byJob.set(
        doc.jobId,
        records.map((r) => r.id),
      );
    },
    remove,
    has: (jobId: string) => byJob.has(jobId),
    jobIds: () => [...byJob.keys()],
    get jobCount() {
      return byJob.size;
    },
    search(query: string, filters: SearchFilters = {}, limit = 50): { hits: EngineHit[]; total: number } {
      if (!query.trim()) return { hits: [], total: 0 };
      const filter = (r: SearchResult) =>
        (!filters.provider || r.provider === filters.provider) && (filters.since === undefined || Number(r.at) >= filters.since);
      // Exact and prefix matches first. Only when they find nothing are typos allowed, and only for words
      // the index does not hold at all: a rare word is not drowned by every word a letter away from it,
      // and two real words that never occur together are not "corrected".
      let results = mini.search(query, { filter });
      if (results.length === 0) {
        const unknown = new Set(tokenize(query).map((t) => t.toLowerCase()).filter((t) => mini.search(t).length === 0));
        if (unknown.size) {
          results = mini.search(query, {
            filter,
            prefix: (term, i, terms) => i === terms.length - 1 && !unknown.has(term),
            fuzzy: (term) => (unknown.has(term) ? TYPOS(term) : false),
          });
        }
      }
      // One hit per page: a monitored page has a cached copy per check; the best-matching (then newest) stands for it.
      const byUrl = new Map<string, SearchResult>();
      for (const r of results) {
        const seen = byUrl.get(String(r.url));
        if (!seen || (r.score === seen.score && Number(r.at) > Number(seen.at))) byUrl.set(String(r.url), r);
      }
      const unique = [...byUrl.values()];
      return { hits: unique.slice(0, limit).map(toHit), total: unique.length };
    },
    toJSON: (): string => JSON.stringify(mini),
    jobCounts: (): JobCounts => [...byJob].map(([jobId, ids]) => [jobId, ids.length]),
  };
}

export type SearchEngine = ReturnType<typeof createEngine>;

/** Loads a stored index; throws if it is not one (the caller rebuilds). */
export async function loadEngine(json: string, jobs: JobCounts): Promise<SearchEngine> {
  return createEngine(await MiniSearch.loadJSONAsync<IndexedRecord>(json, OPTIONS), jobs);
}
