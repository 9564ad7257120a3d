import { describe, expect, it } from 'vitest';
import { detectTables } from './detect';
import { fixture } from './fixtures';
import { tableSize } from './table';

const URL = 'https://shop.example/list/page';
const detect = (name: string) => detectTables({ url: URL, html: fixture(name) });

describe('detectTables on saved pages', () => {
  it('reads a <table> with a header row, caption and links; ignores script and style text', () => {
    const [best, ...rest] = detect('product-table.html');
    expect(rest).toEqual([]);
    expect(best).toMatchObject({ label: 'Table: Products', kind: 'table', columns: ['Name', 'Name link', 'Price', 'SKU'] });
    expect(best!.rows).toHaveLength(4);
    expect(best!.rows[0]).toEqual(['Anvil', 'https://shop.example/products/anvil', '120.00', 'A-1']);
    expect(JSON.stringify(best)).not.toContain('injected');
  });

  it('turns a card grid into rows with title, link, image and price columns (lazy images and one-off badges handled)', () => {
    const [best] = detect('card-grid.html');
    expect(best).toMatchObject({ kind: 'repeated', rowSelector: 'div.grid > div.card', columns: ['Title link', 'Image', 'Title', 'Price'] });
    expect(best!.rows).toEqual([
      ['https://shop.example/p/1', 'https://shop.example/img/1.jpg', 'Red mug', '$9.00'],
      ['https://shop.example/p/2', 'https://shop.example/img/2.jpg', 'Blue mug', '$11.00'],
      ['https://shop.example/p/3', 'https://shop.example/img/3.jpg', 'Green mug', '$12.50'],
      ['https://shop.example/p/4', 'https://shop.example/img/4.jpg', 'Black mug', '$8.75'],
    ]);
    // The two-item menu is below the three-sibling minimum; the lone ad is not a row.
    expect(detect('card-grid.html').some((t) => t.rowSelector?.includes('menu'))).toBe(false);
  });

  it('finds search results, resolving links against <base href>; a select’s options are not rows', () => {
    const tables = detect('search-results.html');
    expect(tables.map((t) => t.label)).toEqual(['Repeated ol > li.result']);
    expect(tables[0]!.columns).toEqual(['Result title', 'Result title link', 'Source', 'Snippet']);
    expect(tables[0]!.rows[2]).toEqual(['Lamp - Wikipedia', 'https://search.example/r?u=3', 'wiki.example/Lamp', 'A lamp is a device.']);
  });

  it('reads a plain list of links and drops javascript: URLs', () => {
    const [list] = detect('link-list.html');
    expect(list!.columns).toEqual(['Item', 'Link text', 'Link']);
    expect(list!.rows.map((r) => r[2])).toEqual(['https://a.example/', 'https://b.example/', 'https://c.example/', '']);
  });

  it('separates nested structures: a data table inside a layout table, cards with inner lists', () => {
    const tables = detect('nested.html');
    const labels = tables.map((t) => `${t.label}: ${tableSize(t)}`);
    expect(labels).toEqual([
      'Repeated section.team > article.person: 3 rows × 4 columns',
      'Table 2: 3 rows × 2 columns',
      'Repeated ul.links > li: 3 rows × 2 columns',
      'Repeated ul.skills > li: 9 rows × 1 column',
    ]);
    expect(tables[1]!.rows).toEqual([['Lyon', '522,250'], ['Nantes', '320,732'], ['Lille', '236,234']]);
    // The outer layout table (one row of two big cells) is not offered.
    expect(tables.some((t) => t.label === 'Table 1')).toBe(false);
  });

  it('copes with malformed markup: unclosed cells and rows, unquoted attributes, rowspan and colspan', () => {
    const [table, items] = detect('broken.html');
    expect(table!.columns).toEqual(['Model', 'Year', 'Notes']);
    expect(table!.rows).toEqual([
      ['Falcon', '1999', 'first'],
      ['Eagle', '2004', 'rare'],
      ['Eagle', '2005', 'rarer'],
      ['Merged cell', 'Merged cell', 'last'],
    ]);
    expect(items!.rows).toEqual([['One', 'uno'], ['Two', 'dos'], ['Three', 'tres']]);
  });

  it('names the columns of a table without a header and skips one-cell layout tables', () => {
    const tables = detect('headerless.html');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(tables[0]!.rows[1]).toEqual(['2026-01-02', 'Closed', '5']);
  });

  it('gives an empty list (not an error) for a page with no table', () => {
    expect(detect('no-table.html')).toEqual([]);
    expect(detectTables({ url: URL, html: '' })).toEqual([]);
    expect(detectTables({ url: URL })).toEqual([]);
  });

  it('reads Markdown pipe tables when the record has Markdown only', () => {
    const [table, ...rest] = detectTables({ url: URL, markdown: fixture('prices.md') });
    expect(rest).toEqual([]);
    expect(table!.columns).toEqual(['Plan', 'Price', 'Details', 'Details link']);
    expect(table!.rows).toEqual([
      ['Free', '0', 'Read more', 'https://plans.example/free'],
      ['Pro', '12.50', 'Most popular', ''],
      ['Team | Org', '40', 'Read more', 'https://plans.example/team'],
    ]);
  });

  it('offers a provider’s structured data (array of objects) as a table', () => {
    const [table] = detectTables({ url: URL, data: [{ name: 'A', price: 1 }, { name: 'B', extra: { x: 1 } }] });
    expect(table).toMatchObject({ label: 'Provider data', columns: ['name', 'price', 'extra'] });
    expect(table!.rows).toEqual([['A', '1', ''], ['B', '', '{"x":1}']]);
  });

  it('lists candidates best first', () => {
    const html = fixture('card-grid.html').replace('</main>', `${fixture('headerless.html')}</main>`);
    const scores = detectTables({ url: URL, html }).map((t) => t.score);
    expect(scores).toEqual(scores.toSorted((a, b) => b - a));
    expect(scores.length).toBeGreaterThan(1);
  });
});
