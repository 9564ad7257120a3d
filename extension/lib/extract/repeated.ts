import { type AnyNode, type Document, type Element, isTag } from 'domhandler';
import { childElements, imageUrl, ownText, resolveUrl, SKIPPED } from './dom';
import { type ExtractedTable, uniqueColumns } from './table';

/** Elements that are never the rows of a repeated structure (tables have their own detector). */
const NOT_ROWS = new Set([...SKIPPED, 'br', 'hr', 'option', 'optgroup', 'input', 'meta', 'link', 'source', 'track', 'param', 'wbr', 'tr', 'td', 'th', 'col', 'colgroup', 'tbody', 'thead', 'tfoot', 'caption']);
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);
const MIN_ROWS = 3;

/** Class names that describe a thing rather than a state or a generated hash. */
export const stableClasses = (el: Element): string[] =>
  (el.attribs.class ?? '')
    .split(/\s+/)
    .filter((c) => /^-?[a-z_][\w-]*$/i.test(c) && !/\d{3,}/.test(c) && !/^(active|selected|current|hover|focus|open|is-|js-)/i.test(c));

/** "div.card" for a row or a step in a path. */
export const stepOf = (el: Element): string => {
  const cls = stableClasses(el)[0];
  return cls ? `${el.name}.${cls}` : el.name;
};

const cssEscape = (s: string) => s.replace(/([^\w-])/g, '\\$1');
const stepSelector = (el: Element, classes: string[]) => el.name + classes.map((c) => `.${cssEscape(c)}`).join('');

/** Siblings of one parent that look alike: same tag and a class in common (or no classes at all). */
function groupsOf(parent: AnyNode): Element[][] {
  const byTag = new Map<string, Element[]>();
  for (const child of childElements(parent)) {
    if (NOT_ROWS.has(child.name)) continue;
    const list = byTag.get(child.name) ?? [];
    list.push(child);
    byTag.set(child.name, list);
  }
  const groups: Element[][] = [];
  for (const list of byTag.values()) {
    if (list.length < MIN_ROWS) continue;
    const classSets = list.map((el) => new Set(stableClasses(el)));
    const shared = [...classSets[0]!].filter((c) => classSets.every((s) => s.has(c)));
    if (shared.length || classSets.every((s) => s.size === 0)) {
      groups.push(list);
      continue;
    }
    // Mixed siblings (cards and ads under one parent): split by their first class.
    const byClass = new Map<string, Element[]>();
    for (const el of list) {
      const key = stableClasses(el)[0] ?? '';
      const sub = byClass.get(key) ?? [];
      sub.push(el);
      byClass.set(key, sub);
    }
    for (const sub of byClass.values()) if (sub.length >= MIN_ROWS) groups.push(sub);
  }
  return groups;
}

interface Feature {
  key: string;
  label: string;
  value: string;
}

const TAG_LABELS: Record<string, string> = { a: 'Link text', img: 'Image', p: 'Text', span: 'Text', div: 'Text', li: 'Item', h1: 'Heading', h2: 'Heading', h3: 'Heading', h4: 'Heading', h5: 'Heading', h6: 'Heading', time: 'Time', strong: 'Text', b: 'Text', em: 'Text', small: 'Text', i: 'Text', u: 'Text', cite: 'Source', label: 'Label', dt: 'Term', dd: 'Description', button: 'Button' };
const GENERIC = new Set(Object.values(TAG_LABELS).concat('Link'));

function labelFor(path: Element[], row: Element): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const cls = stableClasses(path[i]!)[0];
    if (cls) return cls.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  }
  const last = path.at(-1) ?? row;
  return TAG_LABELS[last.name] ?? last.name.replace(/^\w/, (c) => c.toUpperCase());
}

/** Text, link and image values inside one row, keyed by their path from the row ("h3.name>a"). */
function features(row: Element, base: string): Feature[] {
  const out: Feature[] = [];
  const counts = new Map<string, number>();
  const add = (key: string, label: string, value: string | undefined) => {
    if (!value) return;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    out.push({ key: n === 1 ? key : `${key}#${n}`, label, value });
  };
  const walk = (el: Element, path: Element[], key: string) => {
    if (SKIPPED.has(el.name)) return;
    const label = labelFor(path, row);
    add(key, label, ownText(el));
    if (el.name === 'a') add(`${key}@href`, `${label === 'Link text' ? 'Link' : label + ' link'}`, resolveUrl(el.attribs.href, base));
    if (el.name === 'img') add(`${key}@src`, label === 'Image' ? 'Image' : `${label} image`, imageUrl(el, base));
    for (const child of el.children) if (isTag(child)) walk(child, [...path, child], key ? `${key}>${stepOf(child)}` : stepOf(child));
  };
  walk(row, [], '');
  return out;
}

/** "div.grid > div.card": the rows' parent step and the classes every row shares. */
function groupSelector(rows: Element[]): string {
  const first = rows[0]!;
  const parent = first.parent && isTag(first.parent) ? first.parent : undefined;
  const shared = stableClasses(first).filter((c) => rows.every((r) => stableClasses(r).includes(c)));
  const rowStep = stepSelector(first, shared.slice(0, 2));
  return parent ? `${stepSelector(parent, stableClasses(parent).slice(0, 1))} > ${rowStep}` : rowStep;
}

function toTable(rows: Element[], base: string, index: number, rowSelector: string): ExtractedTable | undefined {
  const perRow = rows.map((r) => new Map(features(r, base).map((f) => [f.key, f])));
  const order: string[] = [];
  const labels = new Map<string, string>();
  const present = new Map<string, number>();
  for (const row of perRow) {
    for (const [key, f] of row) {
      if (!present.has(key)) {
        order.push(key);
        labels.set(key, f.label);
      }
      present.set(key, (present.get(key) ?? 0) + 1);
    }
  }
  // A column must be there in at least half the rows: one-off badges would make a sparse table.
  const frequent = order.filter((k) => (present.get(k) ?? 0) * 2 >= rows.length && (present.get(k) ?? 0) >= 2);
  // The same link twice (image link and title link to one product) is one column, under the better name.
  const keys: string[] = [];
  const byValues = new Map<string, string>();
  for (const key of frequent) {
    const values = perRow.map((row) => row.get(key)?.value ?? '').join('\u0001');
    const kept = byValues.get(values);
    if (kept === undefined) {
      byValues.set(values, key);
      keys.push(key);
    } else if (GENERIC.has(labels.get(kept) ?? '') && !GENERIC.has(labels.get(key) ?? '')) labels.set(kept, labels.get(key) ?? kept);
  }
  if (!keys.length) return undefined;
  const textRows = perRow.filter((row) => keys.some((k) => row.get(k)?.value)).length;
  if (textRows < MIN_ROWS) return undefined;
  const filled = perRow.reduce((n, row) => n + keys.filter((k) => row.get(k)?.value).length, 0);
  return {
    id: `repeated-${index}`,
    label: `Repeated ${rowSelector}`,
    kind: 'repeated',
    columns: uniqueColumns(keys.map((k) => labels.get(k) ?? k)),
    rows: perRow.map((row) => keys.map((k) => row.get(k)?.value ?? '')),
    // Many filled cells over few columns beats a wide sparse table; lone-column lists (menus) rank last.
    score: filled * (keys.length === 1 ? 0.3 : 1),
    rowSelector,
  };
}

/**
 * Three or more sibling elements with the same shape (product cards, search results, list items):
 * each becomes a row, and the texts, links and images found at the same place in them become columns.
 */
export function repeatedStructures(doc: Document, base: string): ExtractedTable[] {
  // Groups with the same row selector (the skills list of every person) are one candidate.
  const bySelector = new Map<string, Element[]>();
  const visit = (node: AnyNode) => {
    if (isTag(node) && SKIPPED.has(node.name)) return;
    // Rows of a <table> are the table detector's; lists inside its cells are still visited.
    const groups = isTag(node) && TABLE_PARTS.has(node.name) ? [] : groupsOf(node);
    for (const group of groups) {
      const key = groupSelector(group);
      // Appended in place: copying the list per group is quadratic over a long page.
      const rows = bySelector.get(key) ?? [];
      for (const el of group) rows.push(el);
      bySelector.set(key, rows);
    }
    if ('children' in node) for (const child of node.children) if (isTag(child)) visit(child);
  };
  visit(doc);
  const found: ExtractedTable[] = [];
  for (const [selector, rows] of bySelector) {
    const table = toTable(rows, base, found.length, selector);
    if (table) found.push(table);
  }
  return found;
}
