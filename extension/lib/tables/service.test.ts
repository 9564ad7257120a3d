import { describe, expect, it } from 'vitest';
import { createExtractRepo } from '../db/extract-repo';
import { createJobsRepo } from '../db/jobs-repo';
import { openDb } from '../db/schema';
import { fixture } from '../extract/fixtures';
import { createTablesService } from './service';

let n = 0;
function world() {
  const db = openDb(`tables-${Date.now()}-${n++}`);
  const repo = createJobsRepo(db);
  const extractRepo = createExtractRepo(db);
  let id = 0;
  const tables = createTablesService({ extractRepo, now: () => 1_000, newId: () => `id-${id++}` });
  return { db, repo, extractRepo, tables };
}

const cards = { name: 'Mugs', urls: 'https://shop.example/list/*', rowSelector: 'div.card', fields: [{ name: 'Name', selector: '.title', value: { kind: 'text' } }] };

describe('tables service', () => {
  it('caches detected tables and matching recipe rows per record, and reuses them until something changes', async () => {
    const { repo, extractRepo, tables } = world();
    await repo.saveResult('j', [{ url: 'https://shop.example/list/1', html: fixture('card-grid.html') }, { url: 'https://other.example/', html: fixture('product-table.html') }], 10);
    const recipe = await tables.saveRecipe(undefined, cards);
    expect(recipe).toMatchObject({ id: 'id-0', version: 1, name: 'Mugs' });

    expect(await tables.extractTables(['j'])).toEqual({ computed: 3, cached: 0 });
    const entries = await extractRepo.entriesForJobs(['j']);
    expect(entries.map((e) => [e.recordIndex, e.source]).toSorted()).toEqual([[0, 'auto:1'], [0, 'recipe:id-0:1'], [1, 'auto:1']]);
    expect(entries.find((e) => e.recipeId === 'id-0')!.tables[0]!.rows).toEqual([['Red mug'], ['Blue mug'], ['Green mug'], ['Black mug']]);

    // Reopening: nothing recomputed.
    expect(await tables.extractTables(['j'])).toEqual({ computed: 0, cached: 3 });

    // A changed recipe gets a new version; only its rows are recomputed and the old ones are gone.
    await tables.saveRecipe('id-0', { ...cards, fields: [{ name: 'Price', selector: '.price', value: { kind: 'text' } }] });
    expect(await tables.extractTables(['j'])).toEqual({ computed: 1, cached: 2 });
    const after = await extractRepo.entriesForJobs(['j']);
    expect(after.filter((e) => e.recipeId === 'id-0').map((e) => [e.source, e.tables[0]!.rows[0]])).toEqual([['recipe:id-0:2', ['$9.00']]]);

    // A new result for the job (records merged) recomputes that job's entries.
    await repo.saveResult('j', [{ url: 'https://shop.example/list/1', html: fixture('headerless.html') }], 11);
    expect(await tables.extractTables(['j'])).toEqual({ computed: 2, cached: 0 });
    expect((await extractRepo.entriesForJobs(['j'])).map((e) => e.recordIndex)).toEqual([0, 0]);
  });

  it('stores a recipe problem as an error rather than failing the job', async () => {
    const { repo, extractRepo, tables } = world();
    await repo.saveResult('j', [{ url: 'https://shop.example/list/1', html: '<p>x</p>' }, { url: 'https://shop.example/list/2', markdown: '| a |\n|---|\n| 1 |' }], 1);
    await tables.saveRecipe(undefined, { ...cards, rowSelector: 'div[' });
    await tables.extractTables(['j', 'missing-job']);
    const errors = (await extractRepo.entriesForJobs(['j'])).filter((e) => e.recipeId).map((e) => e.error);
    expect(errors).toEqual([expect.stringMatching(/^Invalid selector/), 'This page has no HTML to apply the recipe to.']);
  });

  it('rejects an invalid draft with a readable message, renames, deletes with its rows', async () => {
    const { repo, extractRepo, tables } = world();
    await expect(tables.saveRecipe(undefined, { ...cards, fields: [] })).rejects.toThrow('fields: Add at least one field.');
    await expect(tables.saveRecipe('nope', cards)).rejects.toThrow('That recipe no longer exists.');
    const r = await tables.saveRecipe(undefined, cards);
    expect(await tables.renameRecipe(r.id, '  Cups ')).toMatchObject({ name: 'Cups', version: 2 });
    await repo.saveResult('j', [{ url: 'https://shop.example/list/1', html: fixture('card-grid.html') }], 1);
    await tables.extractTables(['j']);
    await tables.deleteRecipe(r.id);
    expect(await extractRepo.listRecipes()).toEqual([]);
    expect((await extractRepo.entriesForJobs(['j'])).some((e) => e.recipeId === r.id)).toBe(false);
  });

  it('imports an exported file as new recipes, keeping follow-link references, and refuses other files', async () => {
    const { extractRepo, tables } = world();
    const file = {
      format: 'scrape-queue-recipes',
      version: 1,
      recipes: [
        { id: 'a', name: 'List', urls: '*', rowSelector: 'li', fields: [{ name: 'Go', selector: 'a', value: { kind: 'follow', recipeId: 'b' } }] },
        { id: 'b', name: 'Detail', urls: '*', rowSelector: '', fields: [{ name: 'T', selector: 'h1', value: { kind: 'text' } }] },
      ],
    };
    expect(await tables.importRecipes(JSON.stringify(file))).toEqual({ imported: 2 });
    const byName = new Map((await extractRepo.listRecipes()).map((r) => [r.name, r]));
    expect(byName.get('List')!.fields[0]!.value).toMatchObject({ kind: 'follow', recipeId: byName.get('Detail')!.id });
    await expect(tables.importRecipes('{nope')).rejects.toThrow('That file is not JSON.');
    await expect(tables.importRecipes('{"recipes":[]}')).rejects.toThrow(/^Not a recipes file/);
  });

  it('fills many jobs across batches, skips jobs without a result, and recomputes only the jobs that changed', async () => {
    const { repo, extractRepo, tables } = world();
    const ids = Array.from({ length: 150 }, (_, i) => `j${i}`);
    for (const id of ids) await repo.saveResult(id, [{ url: `https://shop.example/list/${id}`, html: fixture('card-grid.html') }], 1);
    await tables.saveRecipe(undefined, cards);
    expect(await tables.extractTables([...ids, 'no-result', 'j0'])).toEqual({ computed: 300, cached: 0 });
    expect(await tables.extractTables(ids)).toEqual({ computed: 0, cached: 300 });
    // One job in the second batch gets a new result from a page the recipe does not match: its detected
    // tables are recomputed, its recipe rows dropped, every other job's entries stay.
    await repo.saveResult('j120', [{ url: 'https://other.example/', html: fixture('product-table.html') }], 2);
    expect(await tables.extractTables(ids)).toEqual({ computed: 1, cached: 298 });
    const j120 = await extractRepo.entriesForJobs(['j120']);
    expect(j120.map((e) => [e.recordIndex, e.source, e.receivedAt])).toEqual([[0, 'auto:1', 2]]);
    expect((await extractRepo.entriesForJobs(['j119', 'j121'])).map((e) => e.source).toSorted()).toEqual(['auto:1', 'auto:1', 'recipe:id-0:1', 'recipe:id-0:1']);
  });

  it('deleting jobs deletes their cached rows', async () => {
    const { db, repo, tables } = world();
    await repo.saveResult('j', [{ url: 'https://shop.example/list/1', html: fixture('card-grid.html') }], 1);
    await tables.extractTables(['j']);
    expect(await db.extracted.count()).toBe(1);
    await repo.deleteJobs(['j']);
    expect(await db.extracted.count()).toBe(0);
  });
});
