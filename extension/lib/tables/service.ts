import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ExtractedEntry } from '../db/extract-tables';
import { entryKey, type ExtractRepo } from '../db/extract-repo';
import { applyRecipe, detectTables, DETECTOR_VERSION, firstIssue, matchesUrl, parseHtml, Recipe, RecipeDraft, RecipeFile } from '../extract';

export interface TablesDeps {
  extractRepo: ExtractRepo;
  now: () => number;
  newId: () => string;
}

export class RecipeError extends Error {
  override readonly name = 'RecipeError';
}

const AUTO = `auto:${DETECTOR_VERSION}`;
const JOB_BATCH = 100;
const recipeSource = (r: Recipe) => `recipe:${r.id}:${r.version}`;
const recipesFor = (recipes: readonly Recipe[], record: ScrapeRecord) =>
  recipes.filter((r) => matchesUrl(r.urls, record.url) || (record.finalUrl !== undefined && matchesUrl(r.urls, record.finalUrl)));

/**
 * Background side of the Table tab: fills the extracted-rows cache for jobs (auto-detected tables and
 * every matching recipe, per record and recipe version) and keeps recipes. Pages only read the cache.
 */
export function createTablesService(deps: TablesDeps) {
  const { extractRepo } = deps;

  /** Computes the entries of one record that are missing or older than its stored result. */
  function entriesFor(jobId: string, index: number, record: ScrapeRecord, receivedAt: number, recipes: readonly Recipe[], have: ReadonlySet<string>) {
    const wanted: string[] = [];
    const fresh: ExtractedEntry[] = [];
    const needs = (source: string) => {
      const key = entryKey(jobId, index, source, receivedAt);
      wanted.push(key);
      return have.has(key) ? undefined : key;
    };
    let doc: ReturnType<typeof parseHtml> | undefined;
    const parsed = () => (doc ??= parseHtml(record.html ?? ''));
    const base = { jobId, recordIndex: index, url: record.url, receivedAt };
    const autoKey = needs(AUTO);
    if (autoKey) fresh.push({ ...base, key: autoKey, source: AUTO, recipeId: '', tables: detectTables(record, record.html ? parsed() : undefined) });
    for (const recipe of recipesFor(recipes, record)) {
      const key = needs(recipeSource(recipe));
      if (!key) continue;
      if (!record.html) {
        fresh.push({ ...base, key, source: recipeSource(recipe), recipeId: recipe.id, tables: [], error: 'This page has no HTML to apply the recipe to.' });
        continue;
      }
      const result = applyRecipe(recipe, { url: record.url, html: record.html }, parsed());
      fresh.push({ ...base, key, source: recipeSource(recipe), recipeId: recipe.id, tables: [result.table], ...(result.error ? { error: result.error } : {}) });
    }
    return { wanted, fresh };
  }

  /**
   * Makes sure every record of these jobs has its entries: one read of their results, one of their
   * cached entries and one write for all of them (per-job transactions cost more than the extraction).
   */
  async function ensureJobs(jobIds: readonly string[], recipes: readonly Recipe[]): Promise<{ computed: number; cached: number }> {
    const stored = await extractRepo.resultsFor(jobIds);
    const withResult = jobIds.filter((_, i) => stored[i]);
    if (!withResult.length) return { computed: 0, cached: 0 };
    const have = new Set(await extractRepo.entryKeysForJobs(withResult));
    const keep = new Set<string>();
    const put: ExtractedEntry[] = [];
    jobIds.forEach((jobId, j) => {
      const result = stored[j];
      if (!result) return;
      result.records.forEach((record, index) => {
        const { wanted, fresh } = entriesFor(jobId, index, record, result.receivedAt, recipes, have);
        for (const key of wanted) keep.add(key);
        for (const entry of fresh) put.push(entry);
      });
    });
    if (put.length || [...have].some((k) => !keep.has(k))) await extractRepo.replaceEntries(withResult, put, keep);
    return { computed: put.length, cached: keep.size - put.length };
  }

  async function saveParsed(draft: RecipeDraft, existing: Recipe | undefined): Promise<Recipe> {
    const now = deps.now();
    const recipe: Recipe = existing
      ? { ...existing, ...draft, version: existing.version + 1, updatedAt: now }
      : { ...draft, id: deps.newId(), version: 1, createdAt: now, updatedAt: now };
    await extractRepo.putRecipe(recipe);
    if (existing) await extractRepo.dropRecipeRows(recipe.id);
    return recipe;
  }

  return {
    /** Makes sure every record of these jobs has its rows cached; returns how many entries were (re)computed. */
    async extractTables(jobIds: readonly string[]): Promise<{ computed: number; cached: number }> {
      const recipes = await extractRepo.listRecipes();
      const total = { computed: 0, cached: 0 };
      const ids = [...new Set(jobIds)];
      // In batches, so a large scope never holds every page's HTML and rows in memory at once.
      for (let i = 0; i < ids.length; i += JOB_BATCH) {
        const n = await ensureJobs(ids.slice(i, i + JOB_BATCH), recipes);
        total.computed += n.computed;
        total.cached += n.cached;
      }
      return total;
    },
    /** Creates (no id) or changes a recipe; a change bumps its version so its cached rows are recomputed. */
    async saveRecipe(id: string | undefined, input: unknown): Promise<Recipe> {
      const parsed = RecipeDraft.safeParse(input);
      if (!parsed.success) throw new RecipeError(firstIssue(parsed.error));
      const existing = id ? await extractRepo.getRecipe(id) : undefined;
      if (id && !existing) throw new RecipeError('That recipe no longer exists.');
      return saveParsed(parsed.data, existing);
    },
    async renameRecipe(id: string, name: string): Promise<Recipe> {
      const existing = await extractRepo.getRecipe(id);
      if (!existing) throw new RecipeError('That recipe no longer exists.');
      const trimmed = name.trim();
      if (!trimmed) throw new RecipeError('Enter a recipe name.');
      const renamed = { ...existing, name: trimmed, version: existing.version + 1, updatedAt: deps.now() };
      await extractRepo.putRecipe(renamed);
      await extractRepo.dropRecipeRows(id);
      return renamed;
    },
    async deleteRecipe(id: string): Promise<{ id: string }> {
      await extractRepo.deleteRecipe(id);
      return { id };
    },
    /** Adds the recipes of an exported file as new recipes ("follow" references inside the file are kept). */
    async importRecipes(json: string): Promise<{ imported: number }> {
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        throw new RecipeError('That file is not JSON.');
      }
      const file = RecipeFile.safeParse(raw);
      if (!file.success) throw new RecipeError(`Not a recipes file: ${firstIssue(file.error)}`);
      const ids = new Map(file.data.recipes.map((r) => [r.id, deps.newId()] as const));
      const now = deps.now();
      for (const r of file.data.recipes) {
        const fields = r.fields.map((f) => (f.value.kind === 'follow' && f.value.recipeId ? { ...f, value: { ...f.value, recipeId: ids.get(f.value.recipeId) ?? f.value.recipeId } } : f));
        await extractRepo.putRecipe(Recipe.parse({ name: r.name, urls: r.urls, rowSelector: r.rowSelector, fields, id: ids.get(r.id) ?? deps.newId(), version: 1, createdAt: now, updatedAt: now }));
      }
      return { imported: file.data.recipes.length };
    },
  };
}

export type TablesService = ReturnType<typeof createTablesService>;
