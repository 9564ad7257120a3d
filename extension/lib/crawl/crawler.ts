import type { ProviderId } from '@@/shared/schemas/job';
import type { ExtractRepo } from '../db/extract-repo';
import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import { applyRecipe } from '../extract/recipe';
import type { Recipe } from '../extract/recipe-schema';
import { normalizeUrl } from './normalize';
import { crawlCap, planLinks, type CrawlState, type PageInfo } from './plan';

export interface CrawlDeps {
  repo: JobsRepo;
  extractRepo: ExtractRepo;
  /** Queues URLs on the provider, in this group; returns the new job ids. */
  queue: (urls: string[], provider: ProviderId, options: Record<string, unknown>, groupId: string) => Promise<string[]>;
  now: () => number;
}

export class CrawlError extends Error {
  override readonly name = 'CrawlError';
}

/**
 * Follow-link crawls, one per group: started from a recipe with "Follow link" / "Next page" fields on a
 * job's group, then driven by finished jobs (onJobSettled). State lives in Dexie (the worker may stop).
 */
export function createCrawler(deps: CrawlDeps) {
  const { repo, extractRepo } = deps;

  /** Reads one finished job's pages, plans their links in one transaction, then queues what it reserved. */
  async function processJob(job: Job): Promise<void> {
    if (!job.groupId) return;
    const reserved = await extractRepo.updateCrawl(job.groupId, async (state) => {
      // A capped crawl still counts its pages as they finish (planLinks queues nothing past the cap).
      if ((state.status !== 'running' && state.status !== 'capped') || state.processed.includes(job.id)) return undefined;
      const stored = await repo.getResult(job.id);
      let next: CrawlState = { ...state, processed: [...state.processed, job.id], updatedAt: deps.now() };
      const queue: string[] = [];
      const recipes = new Map<string, Recipe | undefined>();
      const recipeOf = async (id: string | undefined) => {
        if (!id) return undefined;
        if (!recipes.has(id)) recipes.set(id, await extractRepo.getRecipe(id));
        return recipes.get(id);
      };
      const urls = job.input.kind === 'urls' ? job.input.urls : [];
      const followed = urls.filter((u) => (state.pages[normalizeUrl(u) ?? '']?.depth ?? 0) > 0).length;
      next = { ...next, done: next.done + followed };
      for (const record of stored?.records ?? []) {
        const page: PageInfo = state.pages[normalizeUrl(record.url) ?? ''] ?? state.pages[normalizeUrl(record.finalUrl ?? '') ?? ''] ?? { depth: 0, recipeId: state.recipeId };
        const recipe = await recipeOf(page.recipeId);
        if (!recipe || !record.html) continue;
        const { follow, next: nextLinks } = applyRecipe(recipe, { url: record.finalUrl ?? record.url, html: record.html });
        const planned = planLinks(next, { page, recipe, follow, next: nextLinks });
        next = planned.state;
        queue.push(...planned.queue);
      }
      return { state: next, result: queue };
    });
    if (reserved?.length) await deps.queue(reserved, job.provider, job.options, job.groupId);
    await finishIfIdle(job.groupId);
  }

  /** Done once no job of the group is active and every finished one was read (jobs settle concurrently). */
  async function finishIfIdle(groupId: string): Promise<void> {
    if ((await repo.countActiveInGroup(groupId)) > 0) return;
    const ids = await extractRepo.groupJobIds(groupId);
    await extractRepo.updateCrawl(groupId, async (state) =>
      state.status === 'running' && ids.every((id) => state.processed.includes(id)) ? { state: { ...state, status: 'done', updatedAt: deps.now() }, result: undefined } : undefined,
    );
  }

  return {
    /** Starts a crawl over the job's group with the recipe, reading every finished page of the group now. */
    async start(jobId: string, recipeId: string): Promise<CrawlState> {
      const job = await repo.get(jobId);
      if (!job?.groupId) throw new CrawlError('That job is gone.');
      const recipe = await extractRepo.getRecipe(recipeId);
      const cap = recipe && crawlCap(recipe);
      if (!recipe || cap === undefined) throw new CrawlError('This recipe has no “Follow link” or “Next page” field.');
      const groupIds = await extractRepo.groupJobIds(job.groupId);
      const jobs = (await Promise.all(groupIds.map((id) => repo.get(id)))).filter((j): j is Job => j !== undefined);
      const roots = jobs.flatMap((j) => (j.input.kind === 'urls' ? j.input.urls : []));
      const now = deps.now();
      const state: CrawlState = {
        groupId: job.groupId,
        recipeId,
        status: 'running',
        cap,
        roots,
        pages: Object.fromEntries(roots.flatMap((u) => { const n = normalizeUrl(u); return n ? [[n, { depth: 0, recipeId }]] : []; })),
        found: 0,
        queued: 0,
        done: 0,
        // Failed or canceled roots have nothing to follow; running ones are read when they finish.
        processed: jobs.filter((j) => j.status !== 'done' && j.active === 0).map((j) => j.id),
        startedAt: now,
        updatedAt: now,
      };
      await extractRepo.putCrawl(state);
      for (const j of jobs) if (j.status === 'done') await processJob(j);
      await finishIfIdle(job.groupId);
      return (await extractRepo.getCrawl(job.groupId)) ?? state;
    },
    async stop(groupId: string): Promise<void> {
      await extractRepo.updateCrawl(groupId, async (state) => (state.status === 'running' ? { state: { ...state, status: 'stopped', updatedAt: deps.now() }, result: undefined } : undefined));
    },
    /** Scheduler hook: a job of a crawling group finished. */
    async onJobSettled(job: Job): Promise<void> {
      if (!job.groupId || !(await extractRepo.getCrawl(job.groupId))) return;
      if (job.status === 'done') await processJob(job);
      else {
        // A failed followed page still counts as handled.
        await extractRepo.updateCrawl(job.groupId, async (state) =>
          state.processed.includes(job.id) ? undefined : { state: { ...state, processed: [...state.processed, job.id], done: state.done + (job.input.kind === 'urls' ? job.input.urls.length : 0) }, result: undefined },
        );
        await finishIfIdle(job.groupId);
      }
    },
  };
}

export type Crawler = ReturnType<typeof createCrawler>;
