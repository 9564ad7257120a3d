import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ExtractedEntry } from '../db/extract-tables';
import { entryKey, type ExtractRepo } from '../db/extract-repo';
import type { JobsRepo } from '../db/jobs-repo';
import { applyRecipe, detectTables, DETECTOR_VERSION, firstIssue, matchesUrl, parseHtml, Recipe, RecipeDraft, RecipeFile } from '../extract';

export interface TablesDeps {
  repo: JobsRepo;
  extractRepo: ExtractRepo;
  now: () => number;
  newId: () => string;
}

export class RecipeError extends Error {
  override readonly name = 'RecipeError';
}

const AUTO = `auto:${DETECTOR_VERSION}`;
const recipeSource = (r: Recipe) => `recipe:${r.id}:${r.version}`;
const recipesFor = (recipes: readonly Recipe[], record: ScrapeRecord) =>
  recipes.filter((r) => matchesUrl(r.urls, record.url) || (record.finalUrl !== undefined && matchesUrl(r.urls, record.finalUrl)));

/**
 * Background side of the Table tab: fills the extracted-rows cache for jobs (auto-detected tables and
 * every matching recipe, per record and recipe version) and keeps recipes. Pages only read the cache.
 */
export function createTablesService(deps: TablesDeps) {
  const { repo, extractRepo } = deps;

  /** Computes the entries of one record that are missing or older than its stored result. */
  function entriesFor(jobId: string, index: number, record: ScrapeRecord, receivedAt: number, recipes: readonly Recipe[], have: Map<string, ExtractedEntry>) {
    const wanted: string[] = [];
    const fresh: ExtractedEntry[] = [];
    const needs = (source: string) => {
      const key = entryKey(jobId, index, source);
      wanted.push(key);
      return have.get(key)?.receivedAt === receivedAt ? undefined : key;
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

  async function ensureJob(jobId: string, recipes: readonly Recipe[]): Promise<{ computed: number; cached: number }> {
    const stored = await repo.getResult(jobId);
    if (!stored) return { computed: 0, cached: 0 };
    const have = new Map((await extractRepo.entriesForJobs([jobId])).map((e) => [e.key, e]));
    const keep = new Set<string>();
    const put: ExtractedEntry[] = [];
    stored.records.forEach((record, index) => {
      const { wanted, fresh } = entriesFor(jobId, index, record, stored.receivedAt, recipes, have);
      for (const key of wanted) keep.add(key);
      put.push(...fresh);
    });
    const dropped = [...have.keys()].some((k) => !keep.has(k));
    if (put.length || dropped) await extractRepo.replaceJobEntries(jobId, put, keep);
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
      for (const jobId of new Set(jobIds)) {
        const n = await ensureJob(jobId, recipes);
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
