/**
 * Measurements of issue 8's tables run inside the worker of the e2e build (npm run bench -- tables):
 * each figure beside a floor measured on the same pages in the same run. Not part of production builds.
 * @module
 */
import { addJobsCounted } from '../db/counted-writes';
import { createExtractRepo } from '../db/extract-repo';
import type { Job, ScrapeQueueDB, StoredResult } from '../db/schema';
import { applyRecipe, detectTables, parseHtml, type RecipeDraft } from '../extract';
import { DEFAULT_PROVIDER } from '../providers/registry';
import { createTablesService } from './service';

const now = () => performance.now();

/** The 4-field recipe of the bench: name, price, link and image of each product card. */
export const BENCH_RECIPE: RecipeDraft = {
  name: 'Bench cards',
  urls: 'https://bench.example/list/*',
  rowSelector: 'div.card',
  fields: [
    { name: 'Name', selector: 'h3.name', value: { kind: 'text' } },
    { name: 'Price', selector: 'span.price', value: { kind: 'text' } },
    { name: 'Link', selector: 'a', value: { kind: 'link' } },
    { name: 'Image', selector: 'img', value: { kind: 'image' } },
  ],
};

function listingHtml(page: number, cards: number): string {
  const items: string[] = [];
  for (let c = 0; c < cards; c++) {
    const n = page * cards + c;
    items.push(
      `<div class="card"><a href="/item/${n}"><img src="/img/${n}.jpg" alt=""></a><h3 class="name">Product ${n}</h3>` +
        `<span class="price">$${(n % 997) + 0.5}</span><p class="blurb">A short description of product ${n}, with <b>bold</b> words.</p></div>`,
    );
  }
  return (
    `<!doctype html><html><head><title>Listing ${page}</title><script>window.x = 1</script></head><body>` +
    `<nav><a href="/">Home</a> <a href="/list/">All</a> <a href="/help">Help</a></nav><main><h1>Listing ${page}</h1>` +
    `<div class="grid">${items.join('')}</div></main><footer><p>© bench</p><p>Terms · Privacy</p></footer></body></html>`
  );
}

function doneJob(id: string, url: string, at: number): Job {
  return {
    id, provider: DEFAULT_PROVIDER, input: { kind: 'urls', urls: [url] }, label: url, search: url, options: {},
    status: 'done', active: 0, providerJobIds: [], createdAt: at, updatedAt: at, finishedAt: at, nextPollAt: 0, polls: 1, attempts: 0,
  };
}

async function store(db: ScrapeQueueDB, jobs: Job[], results: StoredResult[]): Promise<void> {
  // Counted, like every job write, so the popup's per-status counters stay right after a bench seed.
  await db.transaction('rw', db.jobs, db.results, db.jobCounts, async () => {
    await addJobsCounted(db, jobs);
    await db.results.bulkAdd(results);
  });
}

/** Stores `count` finished jobs, each a product listing of `cards` cards; returns their ids. */
export async function seedListings(db: ScrapeQueueDB, count: number, cards: number): Promise<{ ids: string[]; bytes: number }> {
  const at = Date.now();
  const ids: string[] = [];
  let bytes = 0;
  for (let start = 0; start < count; start += 250) {
    const jobs: Job[] = [];
    const results: StoredResult[] = [];
    for (let i = start; i < Math.min(count, start + 250); i++) {
      const url = `https://bench.example/list/${i}`;
      const html = listingHtml(i, cards);
      bytes += html.length;
      jobs.push(doneJob(`bench-list-${i}`, url, at - i));
      results.push({ jobId: `bench-list-${i}`, receivedAt: at - i, records: [{ url, statusCode: 200, html }] });
      ids.push(`bench-list-${i}`);
    }
    await store(db, jobs, results);
  }
  return { ids, bytes };
}

/**
 * The Table tab's background work over cached pages, as the tab asks for it (extractTables): detection
 * with no recipe, then a 4-field recipe added (detection stays cached), then a reopen (all cached).
 * Floors: a raw read of the same result rows, and that read plus parsing every page (no extraction
 * can do less). Also the pure functions alone on pages parsed beforehand.
 */
export async function benchExtract(db: ScrapeQueueDB, ids: string[]) {
  let t = now();
  const stored = await db.results.bulkGet(ids);
  const readMs = now() - t;
  t = now();
  const docs = stored.map((s) => parseHtml(s?.records[0]?.html ?? ''));
  const parseMs = now() - t;

  t = now();
  let detectedRows = 0;
  stored.forEach((s, i) => {
    const record = s?.records[0];
    if (record) detectedRows += detectTables(record, docs[i])[0]?.rows.length ?? 0;
  });
  const detectOnlyMs = now() - t;
  const recipe = { ...BENCH_RECIPE, id: 'bench', version: 1, createdAt: 0, updatedAt: 0 };
  t = now();
  let recipeRows = 0;
  stored.forEach((s, i) => {
    const record = s?.records[0];
    if (record?.html) recipeRows += applyRecipe(recipe, { url: record.url, html: record.html }, docs[i]).table.rows.length;
  });
  const applyOnlyMs = now() - t;

  await db.extracted.clear();
  await db.recipes.clear();
  let id = 0;
  const tables = createTablesService({ extractRepo: createExtractRepo(db), now: Date.now, newId: () => `bench-recipe-${id++}` });
  t = now();
  const detect = await tables.extractTables(ids);
  const detectMs = now() - t;
  await tables.saveRecipe(undefined, BENCH_RECIPE);
  t = now();
  const withRecipe = await tables.extractTables(ids);
  const recipeMs = now() - t;
  t = now();
  const reopen = await tables.extractTables(ids);
  const reopenMs = now() - t;
  if (detect.computed !== ids.length || withRecipe.computed !== ids.length || reopen.computed !== 0) {
    throw new Error(`unexpected work: detect ${detect.computed}, recipe ${withRecipe.computed}, reopen ${reopen.computed} computed of ${ids.length}`);
  }
  return { pages: ids.length, readMs, parseMs, detectOnlyMs, applyOnlyMs, detectedRows, recipeRows, detectMs, recipeMs, reopenMs };
}

/** Stores one finished job whose page holds a `rows`-row table (3 columns); returns its id. */
export async function seedBigTable(db: ScrapeQueueDB, id: string, rows: number): Promise<{ id: string; bytes: number }> {
  const body: string[] = [];
  for (let r = 0; r < rows; r++) body.push(`<tr><td>Item ${r}</td><td>${(r % 9_973) + 0.25}</td><td>SKU-${r}</td></tr>`);
  const html = `<!doctype html><html><head><title>Big</title></head><body><table><thead><tr><th>Name</th><th>Price</th><th>SKU</th></tr></thead><tbody>${body.join('')}</tbody></table></body></html>`;
  const url = `https://bench.example/big/${id}`;
  const at = Date.now();
  await store(db, [doneJob(id, url, at)], [{ jobId: id, receivedAt: at, records: [{ url, statusCode: 200, html }] }]);
  return { id, bytes: html.length };
}
