import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type AnyNode, isTag } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseHtml, selectFirst, selectFirstIn, SelectorError } from './dom';
import { fixture } from './fixtures';

const pages = readdirSync(path.join(import.meta.dirname, 'fixtures')).filter((f) => f.endsWith('.html'));

function everyNode(node: AnyNode, out: AnyNode[] = []): AnyNode[] {
  out.push(node);
  if ('children' in node) for (const child of node.children) if (isTag(child)) everyNode(child, out);
  return out;
}

describe('selectFirstIn', () => {
  it('finds what selectFirst finds below every element of every fixture page, for compiled and fallback selectors', () => {
    const selectors = ['a', 'img', 'span', '.price', 'h3.name', 'div', '*', 'td', 'li', 'p', 'a.more', '#main', 'div > a', 'a[href]', 'li:first-child'];
    let found = 0;
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) {
      const doc = parseHtml(fixture(page));
      for (const root of everyNode(doc)) {
        for (const selector of selectors) {
          const expected = selectFirst(selector, root);
          expect(selectFirstIn(selector, root)).toBe(expected);
          if (expected) found++;
        }
      }
    }
    // The comparison is not vacuous: hundreds of lookups find an element.
    expect(found).toBeGreaterThan(300);
  });

  it('reports a bad selector as a SelectorError', () => {
    expect(() => selectFirstIn('div[', parseHtml('<div></div>'))).toThrow(SelectorError);
  });
});
