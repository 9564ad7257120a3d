import { describe, expect, it } from 'vitest';
import { mergeTables, PAGE_URL } from './merge';
import type { ExtractedTable } from './table';

const table = (id: string, kind: ExtractedTable['kind'], columns: string[], rows: string[][], score = 1): ExtractedTable => ({ id, label: id, kind, columns, rows, score });

describe('mergeTables', () => {
  it('merges the same recipe or the same detected shape across pages, each row led by its page URL', () => {
    const actual = mergeTables([
      { url: 'https://a.test/1', tables: [table('recipe-r', 'recipe', ['Name'], [['x'], ['y']], 100), table('t', 'table', ['A', 'B'], [['1', '2']])] },
      { url: 'https://a.test/2', tables: [table('recipe-r', 'recipe', ['Name'], [['z']], 100), table('t', 'table', ['A', 'C'], [['3', '4']])] },
    ]);
    expect(actual.map((t) => [t.columns, t.rows])).toEqual([
      [[PAGE_URL, 'Name'], [['https://a.test/1', 'x'], ['https://a.test/1', 'y'], ['https://a.test/2', 'z']]],
      [[PAGE_URL, 'A', 'B'], [['https://a.test/1', '1', '2']]],
      [[PAGE_URL, 'A', 'C'], [['https://a.test/2', '3', '4']]],
    ]);
  });

  it('is empty for no pages', () => {
    expect(mergeTables([])).toEqual([]);
  });
});
