import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { applyRecipe } from './recipe';
import { RecipeDraft, RecipeFile, firstIssue } from './recipe-schema';

const page = (name: string, url = 'https://shop.example/list/page') => ({ url, html: fixture(name) });

describe('applyRecipe', () => {
  it('takes text, link, image, attribute and HTML values relative to each row', () => {
    const recipe = RecipeDraft.parse({
      name: 'Mugs',
      urls: 'https://shop.example/*',
      rowSelector: '.grid .card',
      fields: [
        { name: 'Name', selector: '.title', value: { kind: 'text' } },
        { name: 'Price', selector: '.price', value: { kind: 'text' } },
        { name: 'URL', selector: 'h3 a', value: { kind: 'link' } },
        { name: 'Photo', selector: 'img', value: { kind: 'image' } },
        { name: 'Alt', selector: 'img', value: { kind: 'attr', name: 'ALT' } },
        { name: 'Badge', selector: '.badge', value: { kind: 'html' } },
      ],
    });
    const { table, follow, next, error } = applyRecipe(recipe, page('card-grid.html'));
    expect(error).toBeUndefined();
    expect(table.columns).toEqual(['Name', 'Price', 'URL', 'Photo', 'Alt', 'Badge']);
    expect(table.rows).toEqual([
      ['Red mug', '$9.00', 'https://shop.example/p/1', 'https://shop.example/img/1.jpg', '', ''],
      ['Blue mug', '$11.00', 'https://shop.example/p/2', 'https://shop.example/img/2.jpg', '', 'New'],
      ['Green mug', '$12.50', 'https://shop.example/p/3', 'https://shop.example/img/3.jpg', '', ''],
      ['Black mug', '$8.75', 'https://shop.example/p/4', 'https://shop.example/img/4.jpg', '', ''],
    ]);
    expect(follow).toEqual([]);
    expect(next).toEqual([]);
  });

  it('collects Follow link URLs and the Next page link (which is not a column)', () => {
    const recipe = RecipeDraft.parse({
      name: 'Results',
      urls: '*',
      rowSelector: 'li.result',
      fields: [
        { name: 'Title', selector: 'a', value: { kind: 'text' } },
        { name: 'Open', selector: 'a.result-title', value: { kind: 'follow' } },
        { name: 'More', selector: 'a[rel=next]', value: { kind: 'next' } },
      ],
    });
    const result = applyRecipe(recipe, page('search-results.html'));
    expect(result.table.columns).toEqual(['Title', 'Open']);
    expect(result.follow.map((f) => f.url)).toEqual(['https://search.example/r?u=1', 'https://search.example/r?u=2', 'https://search.example/r?u=3']);
    expect(result.follow[0]!.field).toBe(1);
    expect(result.next).toEqual(['https://search.example/?p=2']);
    expect(recipe.fields[1]!.value).toEqual({ kind: 'follow', maxDepth: 1, maxPages: 100, allowOtherSites: false });
  });

  it('makes one row of the whole page when there is no row selector (detail pages)', () => {
    const recipe = RecipeDraft.parse({ name: 'Detail', urls: '*', fields: [{ name: 'Heading', selector: 'h1', value: { kind: 'text' } }, { name: 'Caption', selector: 'caption', value: { kind: 'text' } }] });
    expect(applyRecipe(recipe, page('product-table.html')).table.rows).toEqual([['Price list', 'Products']]);
  });

  it('works on malformed markup', () => {
    const recipe = RecipeDraft.parse({ name: 'Items', urls: '*', rowSelector: 'div.item', fields: [{ name: 'En', selector: 'b', value: { kind: 'text' } }, { name: 'Es', selector: 'i', value: { kind: 'text' } }] });
    expect(applyRecipe(recipe, page('broken.html')).table.rows).toEqual([['One', 'uno'], ['Two', 'dos'], ['Three', 'tres']]);
  });

  it('reports a bad selector as a readable error with no rows, instead of throwing', () => {
    const recipe = RecipeDraft.parse({ name: 'Bad', urls: '*', rowSelector: 'div[', fields: [{ name: 'X', selector: '', value: { kind: 'text' } }] });
    const result = applyRecipe(recipe, page('card-grid.html'));
    expect(result.table.rows).toEqual([]);
    expect(result.error).toMatch(/^Invalid selector "div\["/);
  });

  it('gives no rows (and no error) on a page where the rows are absent', () => {
    const recipe = RecipeDraft.parse({ name: 'Cards', urls: '*', rowSelector: '.card', fields: [{ name: 'T', selector: '', value: { kind: 'text' } }] });
    const result = applyRecipe(recipe, page('no-table.html'));
    expect(result).toMatchObject({ follow: [], next: [] });
    expect(result.table.rows).toEqual([]);
    expect(result.error).toBeUndefined();
  });
});

describe('recipe schema', () => {
  it('says what is missing in one line', () => {
    const parsed = RecipeDraft.safeParse({ name: 'X', urls: '*', fields: [{ name: ' ', selector: 'a', value: { kind: 'text' } }] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(firstIssue(parsed.error)).toBe('fields.0.name: Every field needs a name.');
  });

  it('accepts an exported file and rejects anything else', () => {
    const file = { format: 'scrape-queue-recipes', version: 1, recipes: [{ name: 'A', urls: '*', rowSelector: 'li', fields: [{ name: 'T', selector: '', value: { kind: 'text' } }] }] };
    expect(RecipeFile.parse(file).recipes).toHaveLength(1);
    expect(RecipeFile.safeParse({ recipes: [] }).success).toBe(false);
  });
});
