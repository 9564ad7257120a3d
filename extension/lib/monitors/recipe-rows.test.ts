import { describe, expect, it } from 'vitest';
import { createRecipeRows } from './recipe-rows';
import { diffRows } from './row-diff';

const recipe = {
  id: 'r', name: 'Prices', urls: 'https://shop.test/list*', rowSelector: 'li', version: 1, createdAt: 1, updatedAt: 1,
  fields: [
    { name: 'Name', selector: '.name', value: { kind: 'text' } },
    { name: 'Price', selector: '.price', value: { kind: 'text' } },
  ],
};
const page = (items: [string, string][]) => `<ul>${items.map(([n, p]) => `<li><span class="name">${n}</span> <span class="price">${p}</span></li>`).join('')}</ul>`;

describe('recipe rows for the row diff', () => {
  it('applies the first saved recipe whose URL pattern matches, giving rows a row diff can compare', async () => {
    const rowsFor = createRecipeRows(async () => [{ not: 'a recipe' }, recipe]);
    const before = await rowsFor({ url: 'https://shop.test/list', html: page([['Tea', '4'], ['Milk', '1']]) });
    const after = await rowsFor({ url: 'https://shop.test/list', html: page([['Tea', '5'], ['Juice', '2']]) });
    expect(before).toEqual([{ Name: 'Tea', Price: '4' }, { Name: 'Milk', Price: '1' }]);
    const diff = diffRows(before!, after!);
    expect(diff.changed).toEqual([{ key: 'Tea', before: { Name: 'Tea', Price: '4' }, after: { Name: 'Tea', Price: '5' }, cells: ['Price'] }]);
    expect(diff.added).toEqual([{ Name: 'Juice', Price: '2' }]);
    expect(diff.removed).toEqual([{ Name: 'Milk', Price: '1' }]);
  });

  it('gives no rows when no recipe matches the URL or the record has no HTML', async () => {
    const rowsFor = createRecipeRows(async () => [recipe]);
    expect(await rowsFor({ url: 'https://other.test/', html: page([['Tea', '4']]) })).toBeUndefined();
    expect(await rowsFor({ url: 'https://shop.test/list', text: 'no html' })).toBeUndefined();
  });
});
