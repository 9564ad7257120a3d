import { Dexie } from 'dexie';
import type { CrawlState } from '../crawl/plan';
import type { Recipe } from '../extract/recipe-schema';
import type { ExtractedEntry } from './extract-tables';
import type { ScrapeQueueDB } from './schema';

/**
 * An entry's key names the result it was computed from (receivedAt), so the keys alone tell what is
 * cached and fresh: checking a scope reads no rows.
 */
export const entryKey = (jobId: string, recordIndex: number, source: string, receivedAt: number): string => `${jobId}\u0001${recordIndex}\u0001${source}\u0001${receivedAt}`;

/** Recipes and cached extracted rows (issue 8's tables), on any database instance. */
export function createExtractRepo(db: ScrapeQueueDB) {
  return {
    listRecipes: (): Promise<Recipe[]> => db.recipes.orderBy('updatedAt').reverse().toArray(),
    getRecipe: (id: string) => db.recipes.get(id),
    async putRecipe(recipe: Recipe): Promise<void> {
      await db.recipes.put(recipe);
    },
    /** Deletes the recipe and every row cached from it. */
    async deleteRecipe(id: string): Promise<void> {
      await db.transaction('rw', db.recipes, db.extracted, async () => {
        await db.recipes.delete(id);
        await db.extracted.where('recipeId').equals(id).delete();
      });
    },
    /** Rows cached from a recipe's older versions are dead: it changed. */
    async dropRecipeRows(id: string): Promise<void> {
      await db.extracted.where('recipeId').equals(id).delete();
    },
    entriesForJobs: (jobIds: readonly string[]): Promise<ExtractedEntry[]> => db.extracted.where('jobId').anyOf([...jobIds]).toArray(),
    /** Keys of the jobs' cached entries (an index read: no rows). */
    entryKeysForJobs: (jobIds: readonly string[]): Promise<string[]> => db.extracted.where('jobId').anyOf([...jobIds]).primaryKeys(),
    /** The stored results of many jobs in one read (undefined where a job has none). */
    resultsFor: (jobIds: readonly string[]) => db.results.bulkGet([...jobIds]),
    /** For many jobs at once: writes their fresh entries and drops those no longer wanted, in one transaction. */
    async replaceEntries(jobIds: readonly string[], put: ExtractedEntry[], keep: ReadonlySet<string>): Promise<void> {
      if (!jobIds.length) return;
      await db.transaction('rw', db.extracted, async () => {
        const stale = (await db.extracted.where('jobId').anyOf([...jobIds]).primaryKeys()).filter((k) => !keep.has(k));
        if (stale.length) await db.extracted.bulkDelete(stale);
        if (put.length) await db.extracted.bulkPut(put);
      });
    },
    /** "id:updatedAt:status,…" for the jobs: changes whenever one of them gets a result. */
    jobStamps: async (jobIds: readonly string[]): Promise<string> =>
      (await db.jobs.bulkGet([...jobIds])).map((j) => (j ? `${j.id}:${j.updatedAt}:${j.status}` : '-')).join(','),
    getCrawl: (groupId: string) => db.crawls.get(groupId),
    async putCrawl(state: CrawlState): Promise<void> {
      await db.crawls.put(state);
    },
    /**
     * Read-modify-write of a crawl in one transaction (jobs finishing together must not queue the same
     * page twice). `change` may read results and recipes; it returns the new state and a value, or nothing.
     */
    async updateCrawl<T>(groupId: string, change: (state: CrawlState) => Promise<{ state: CrawlState; result: T } | undefined>): Promise<T | undefined> {
      return db.transaction('rw', db.crawls, db.results, db.recipes, async () => {
        const state = await db.crawls.get(groupId);
        const next = state && (await change(state));
        if (!next) return undefined;
        await db.crawls.put(next.state);
        return next.result;
      });
    },
    /** Ids of every job in a group, oldest first. */
    groupJobIds: async (groupId: string): Promise<string[]> =>
      (await db.jobs.where('[groupId+active]').between([groupId, Dexie.minKey], [groupId, Dexie.maxKey]).toArray())
        .toSorted((a, b) => a.createdAt - b.createdAt)
        .map((j) => j.id),
  };
}

export type ExtractRepo = ReturnType<typeof createExtractRepo>;
