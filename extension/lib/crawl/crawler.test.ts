import { describe, expect, it } from 'vitest';
import type { ProviderId } from '@@/shared/schemas/job';
import { createExtractRepo } from '../db/extract-repo';
import { createJobsRepo } from '../db/jobs-repo';
import { openDb, type Job } from '../db/schema';
import { newJob } from '../jobs/build-jobs';
import { createTablesService } from '../tables/service';
import { createCrawler } from './crawler';

let n = 0;
const listing = (links: string[]) => `<ul>${links.map((l) => `<li><a href="${l}">x</a></li>`).join('')}</ul>`;

async function world() {
  const db = openDb(`crawl-${Date.now()}-${n++}`);
  const repo = createJobsRepo(db);
  const extractRepo = createExtractRepo(db);
  const tables = createTablesService({ extractRepo, now: () => 1, newId: () => `r${n++}` });
  const queued: { urls: string[]; provider: ProviderId; groupId: string }[] = [];
  const add = async (url: string, groupId: string, status: Job['status'] = 'done') => {
    const job = { ...newJob({ provider: 'scrapedo', input: { kind: 'urls', urls: [url] }, options: { maxCost: 1 }, groupId }, 1, 0, `job-${n++}`), status, active: status === 'done' ? (0 as const) : (1 as const) };
    await repo.addJobs([job]);
    return job;
  };
  const crawler = createCrawler({
    repo,
    extractRepo,
    now: () => 2,
    queue: async (urls, provider, _options, groupId) => {
      queued.push({ urls, provider, groupId });
      return Promise.all(urls.map(async (u) => (await add(u, groupId, 'queued')).id));
    },
  });
  return { repo, extractRepo, tables, crawler, queued, add };
}

describe('crawler', () => {
  it('queues each distinct followed page once, on the same provider in the same group, and finishes', async () => {
    const { repo, extractRepo, tables, crawler, queued, add } = await world();
    const root = await add('https://shop.test/list', 'g');
    await repo.saveResult(root.id, [{ url: 'https://shop.test/list', html: listing(['/item/a', '/item/b', '/item/a', '/item/c', '/item/b#x']) }], 1);
    const recipe = await tables.saveRecipe(undefined, { name: 'L', urls: '*', rowSelector: 'li', fields: [{ name: 'Go', selector: 'a', value: { kind: 'follow' } }] });

    const started = await crawler.start(root.id, recipe.id);
    expect(queued).toEqual([{ urls: ['https://shop.test/item/a', 'https://shop.test/item/b', 'https://shop.test/item/c'], provider: 'scrapedo', groupId: 'g' }]);
    expect(started).toMatchObject({ status: 'running', found: 3, queued: 3, cap: 100, done: 0 });

    // The detail pages all finish before any is read (jobs settle concurrently); their own links are
    // beyond Max depth 1, so nothing more is queued, and the crawl is done only once all three were read.
    const followed = (await extractRepo.groupJobIds('g')).filter((j) => j !== root.id);
    for (const id of followed) {
      await repo.update(id, { status: 'done', active: 0 });
      await repo.saveResult(id, [{ url: (await repo.get(id))!.label, html: listing(['/item/z']) }], 2);
    }
    for (const [i, id] of followed.entries()) {
      const job = (await repo.get(id))!;
      await crawler.onJobSettled(job);
      await crawler.onJobSettled(job);
      expect((await extractRepo.getCrawl('g'))!.status).toBe(i < 2 ? 'running' : 'done');
    }
    expect(queued).toHaveLength(1);
    expect(await extractRepo.getCrawl('g')).toMatchObject({ status: 'done', done: 3, found: 3, queued: 3 });
  });

  it('refuses a recipe without follow fields; ignores jobs of groups without a crawl', async () => {
    const { tables, crawler, add } = await world();
    const root = await add('https://shop.test/list', 'g2');
    const plain = await tables.saveRecipe(undefined, { name: 'P', urls: '*', fields: [{ name: 'T', selector: 'h1', value: { kind: 'text' } }] });
    await expect(crawler.start(root.id, plain.id)).rejects.toThrow('no “Follow link” or “Next page” field');
    await expect(crawler.onJobSettled(root)).resolves.toBeUndefined();
  });
});
