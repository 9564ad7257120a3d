import type { FollowLink } from '../extract/recipe';
import type { Recipe } from '../extract/recipe-schema';
import { normalizeUrl, sameSite } from './normalize';

/** Where a page sits in the crawl: how deep, and which recipe to apply to it (none: only read tables). */
export interface PageInfo {
  depth: number;
  recipeId?: string;
}

export interface CrawlState {
  groupId: string;
  recipeId: string;
  status: 'running' | 'done' | 'capped' | 'stopped';
  /** Followed pages queued at most (the "Follow link"/"Next page" fields' Max pages). */
  cap: number;
  /** Root page URLs (their sites are "same site"). */
  roots: string[];
  /** Every normalized URL seen (roots included) → its place in the crawl. */
  pages: Record<string, PageInfo>;
  /** Distinct followed URLs found, queued or not. */
  found: number;
  /** Followed pages queued. */
  queued: number;
  /** Followed pages whose jobs finished. */
  done: number;
  /** Jobs whose results were already read (each is read once). */
  processed: string[];
  startedAt: number;
  updatedAt: number;
}

/** The cap of a recipe's crawl: the largest Max pages of its Follow link / Next page fields. */
export function crawlCap(recipe: Pick<Recipe, 'fields'>): number | undefined {
  const caps = recipe.fields.flatMap((f) => (f.value.kind === 'follow' || f.value.kind === 'next' ? [f.value.maxPages] : []));
  return caps.length ? Math.max(...caps) : undefined;
}

export interface PageLinks {
  page: PageInfo;
  recipe: Pick<Recipe, 'id' | 'fields'>;
  follow: FollowLink[];
  next: string[];
}

/**
 * Pure step of a crawl: the links found on one page → the URLs to queue now (normalized, new to the
 * crawl, same-site unless the field allows others, within Max depth and the cap) and the new state.
 */
export function planLinks(state: CrawlState, found: PageLinks): { state: CrawlState; queue: string[] } {
  const candidates: { url: string; info: PageInfo }[] = [];
  for (const link of found.follow) {
    const field = found.recipe.fields[link.field]?.value;
    if (field?.kind !== 'follow' || found.page.depth + 1 > field.maxDepth) continue;
    const url = normalizeUrl(link.url);
    if (url && (field.allowOtherSites || sameSite(url, state.roots))) candidates.push({ url, info: { depth: found.page.depth + 1, ...(field.recipeId ? { recipeId: field.recipeId } : {}) } });
  }
  for (const link of found.next) {
    const url = normalizeUrl(link);
    // The next page of a listing is the same kind of page: same depth, same recipe.
    if (url && sameSite(url, state.roots)) candidates.push({ url, info: { depth: found.page.depth, recipeId: found.recipe.id } });
  }
  const pages = { ...state.pages };
  const queue: string[] = [];
  let { found: total, queued } = state;
  for (const c of candidates) {
    if (pages[c.url]) continue;
    pages[c.url] = c.info;
    total++;
    if (queued < state.cap) {
      queue.push(c.url);
      queued++;
    }
  }
  const capped = total > queued && queued >= state.cap;
  return { state: { ...state, pages, found: total, queued, status: capped ? 'capped' : state.status }, queue };
}
