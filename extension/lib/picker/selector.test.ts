import { describe, expect, it } from 'vitest';
import { isTag, type Element } from 'domhandler';
import { parseHtml, select, selectFirst } from '../extract/dom';
import { fixture } from '../extract/fixtures';
import { generalize, guessField, relativeSelector, rowOf, type DomAdapter } from './selector';

function adapter(html: string): { dom: DomAdapter<Element>; find: (sel: string) => Element[] } {
  const doc = parseHtml(html);
  const dom: DomAdapter<Element> = {
    parent: (el) => (el.parent && isTag(el.parent) ? el.parent : null),
    tag: (el) => el.name,
    classes: (el) => (el.attribs.class ?? '').split(/\s+/).filter(Boolean),
    selectAll: (selector) => select(selector, doc),
    selectIn: (root, selector) => selectFirst(selector, root),
  };
  return { dom, find: (sel) => select(sel, doc) };
}

describe('generalize', () => {
  it('one picked price finds every price on the page, by the shortest selector', () => {
    const { dom, find } = adapter(fixture('card-grid.html'));
    const picked = find('span.price')[1]!;
    const actual = generalize(dom, [picked]);
    expect(actual?.selector).toBe('span.price');
    expect(actual?.matches).toHaveLength(4);
  });

  it('one picked card finds its siblings; the extra class of one card is not required', () => {
    const { dom, find } = adapter(fixture('card-grid.html'));
    const plain = find('div.card')[0]!;
    expect(generalize(dom, [plain])?.matches).toHaveLength(4);
    const featured = find('div.featured')[0]!;
    expect(generalize(dom, [featured])?.selector).toBe('div.card.featured');
    // A second, plain example refines it to what both share: every card.
    const refined = generalize(dom, [featured, plain]);
    expect(refined?.selector).toBe('div.card');
    expect(refined?.matches).toHaveLength(4);
  });

  it('a second example in another list widens the selector to both lists', () => {
    const { dom, find } = adapter('<ul class="a"><li><b>1</b></li><li><b>2</b></li></ul><ul class="b"><li><b>3</b></li></ul>');
    const [first, , third] = find('b');
    // One example: the items shaped like it in its own list; a second one in the other list: both lists.
    expect(generalize(dom, [first!])).toMatchObject({ selector: 'ul.a > li > b', matches: [first, find('b')[1]] });
    expect(generalize(dom, [first!, third!])).toMatchObject({ selector: 'b', matches: find('b') });
    const onlyA = adapter('<ul class="a"><li class="x">1</li><li class="x">2</li></ul><ol><li>3</li></ol>');
    const picked = onlyA.find('li.x')[0]!;
    expect(generalize(onlyA.dom, [picked])?.selector).toBe('li.x');
  });

  it('examples of different kinds share nothing', () => {
    const { dom, find } = adapter(fixture('card-grid.html'));
    expect(generalize(dom, [find('span.price')[0]!, find('h3')[0]!])).toBeUndefined();
  });
});

describe('fields inside a row', () => {
  it('finds the row of a picked element and the shortest selector relative to it', () => {
    const { dom, find } = adapter(fixture('card-grid.html'));
    const price = find('span.price')[2]!;
    const row = rowOf(dom, 'div.card', price)!;
    expect(row).toBe(find('div.card')[2]);
    expect(relativeSelector(dom, row, price)).toBe('span.price');
    const titleLink = find('h3.title > a')[2]!;
    expect(relativeSelector(dom, row, titleLink)).toBe('h3.title > a');
    expect(relativeSelector(dom, row, row)).toBe('');
    expect(rowOf(dom, 'div[', price)).toBeUndefined();
    expect(guessField(dom, price)).toEqual({ name: 'Price', kind: 'text' });
    expect(guessField(dom, find('img')[0]!)).toEqual({ name: 'Image', kind: 'image' });
  });
});
