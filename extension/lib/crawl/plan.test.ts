import { describe, expect, it } from 'vitest';
import { RecipeDraft } from '../extract/recipe-schema';
import { normalizeUrl, sameSite } from './normalize';
import { crawlCap, planLinks, type CrawlState } from './plan';

const recipe = {
  id: 'r',
  ...RecipeDraft.parse({
    name: 'List',
    urls: '*',
    rowSelector: 'li',
    fields: [
      { name: 'Title', selector: 'a', value: { kind: 'text' } },
      { name: 'Go', selector: 'a', value: { kind: 'follow', maxPages: 3, recipeId: 'detail' } },
      { name: 'More', selector: 'a.next', value: { kind: 'next', maxPages: 2 } },
    ],
  }),
};
const state = (patch: Partial<CrawlState> = {}): CrawlState => ({
  groupId: 'g', recipeId: 'r', status: 'running', cap: 3, roots: ['https://shop.test/list'], pages: { 'https://shop.test/list': { depth: 0, recipeId: 'r' } },
  found: 0, queued: 0, done: 0, processed: [], startedAt: 0, updatedAt: 0, ...patch,
});
const follow = (...urls: string[]) => urls.map((url) => ({ url, field: 1 }));

describe('planLinks', () => {
  it('normalizes, deduplicates and keeps the crawl on the site', () => {
    const { state: next, queue } = planLinks(state({ cap: 100 }), {
      page: { depth: 0, recipeId: 'r' },
      recipe,
      follow: follow('https://shop.test/a', 'https://SHOP.test/a#reviews', 'https://www.shop.test/b', 'https://other.test/c', 'https://shop.test/list', 'mailto:x@y.z'),
      next: [],
    });
    expect(queue).toEqual(['https://shop.test/a', 'https://www.shop.test/b']);
    expect(next).toMatchObject({ found: 2, queued: 2, status: 'running' });
    expect(next.pages['https://shop.test/a']).toEqual({ depth: 1, recipeId: 'detail' });
  });

  it('stops at Max pages and says so, and respects Max depth', () => {
    const { state: next, queue } = planLinks(state({ cap: 2 }), { page: { depth: 0 }, recipe, follow: follow('https://shop.test/1', 'https://shop.test/2', 'https://shop.test/3'), next: [] });
    expect(queue).toEqual(['https://shop.test/1', 'https://shop.test/2']);
    expect(next).toMatchObject({ found: 3, queued: 2, status: 'capped' });
    expect(planLinks(state(), { page: { depth: 1 }, recipe, follow: follow('https://shop.test/deeper'), next: [] }).queue).toEqual([]);
  });

  it('queues the next page at the same depth with the same recipe', () => {
    const { state: next, queue } = planLinks(state(), { page: { depth: 0, recipeId: 'r' }, recipe, follow: [], next: ['https://shop.test/list?p=2'] });
    expect(queue).toEqual(['https://shop.test/list?p=2']);
    expect(next.pages['https://shop.test/list?p=2']).toEqual({ depth: 0, recipeId: 'r' });
  });

  it('helpers', () => {
    expect(crawlCap(recipe)).toBe(3);
    expect(crawlCap({ fields: [] })).toBeUndefined();
    expect(normalizeUrl('https://a.test:443/x?#y')).toBe('https://a.test/x');
    expect(normalizeUrl('javascript:alert(1)')).toBeUndefined();
    expect(sameSite('http://127.0.0.1:9/x', ['http://127.0.0.1:8/'])).toBe(true);
  });
});
