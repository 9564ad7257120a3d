/**
 * Selector generalization for "Pick on page", over any DOM through a small adapter (the live page in
 * the content script, a parsed document in tests): one or more picked examples → a CSS selector that
 * matches them and the elements shaped like them.
 */
export interface DomAdapter<E> {
  parent(el: E): E | null;
  tag(el: E): string;
  classes(el: E): string[];
  /** Every element in the document matching `selector` (document order). */
  selectAll(selector: string): E[];
  /** The first descendant of `root` matching `selector`. */
  selectIn(root: E, selector: string): E | null;
}

const STOP = new Set(['html', 'body']);

/** Classes that name a thing, not a state, a generated hash or our own highlight. */
export const stableClasses = (classes: readonly string[]): string[] =>
  classes.filter((c) => /^-?[a-z_][\w-]*$/i.test(c) && !/\d{3,}/.test(c) && !/^(active|selected|current|hover|focus|open|is-|js-)/i.test(c) && !c.startsWith('sq-'));

const escape = (s: string) => s.replace(/([^\w-])/g, '\\$1');

interface Step {
  tag: string;
  classes: string[];
}

/** The picked element keeps two classes; its ancestors one (a "featured" card is still a card). */
const stepText = (s: Step, level: number) => s.tag + s.classes.slice(0, level === 0 ? 2 : 1).map((c) => `.${escape(c)}`).join('');

function chain<E>(dom: DomAdapter<E>, el: E, until?: E): Step[] {
  const steps: Step[] = [];
  for (let e: E | null = el; e && e !== until && !STOP.has(dom.tag(e)); e = dom.parent(e)) steps.push({ tag: dom.tag(e), classes: stableClasses(dom.classes(e)) });
  return steps;
}

/** Steps shared by every example, level by level from the element up; stops where the tags differ. */
function commonChain<E>(dom: DomAdapter<E>, examples: readonly E[]): Step[] {
  const chains = examples.map((e) => chain(dom, e));
  const out: Step[] = [];
  for (let level = 0; ; level++) {
    const steps = chains.map((c) => c[level]);
    const first = steps[0];
    if (!first || steps.some((s) => !s || s.tag !== first.tag)) break;
    out.push({ tag: first.tag, classes: first.classes.filter((c) => steps.every((s) => s!.classes.includes(c))) });
  }
  return out;
}

const join = (steps: Step[], k: number) =>
  steps
    .slice(0, k)
    .map(stepText)
    .reverse()
    .join(' > ');

export interface Generalized<E> {
  selector: string;
  matches: E[];
}

/**
 * The shortest selector (fewest levels) that still matches exactly what the full common path
 * matches; with one example that is "elements shaped like it", with two the shape they share.
 * undefined when the examples share nothing (then start over from the latest click).
 */
export function generalize<E>(dom: DomAdapter<E>, examples: readonly E[]): Generalized<E> | undefined {
  const steps = commonChain(dom, examples);
  if (!steps.length) return undefined;
  const full = dom.selectAll(join(steps, steps.length));
  const fullSet = new Set(full);
  for (let k = 1; k <= steps.length; k++) {
    const selector = join(steps, k);
    const matches = dom.selectAll(selector);
    if (matches.length === full.length && matches.every((m) => fullSet.has(m)) && examples.every((e) => fullSet.has(e))) return { selector, matches };
  }
  return { selector: join(steps, steps.length), matches: full };
}

/**
 * A selector for `el` inside its row: the shortest path suffix whose first match in the row is `el`
 * ("" when `el` is the row itself).
 */
export function relativeSelector<E>(dom: DomAdapter<E>, row: E, el: E): string {
  if (el === row) return '';
  const steps = chain(dom, el, row);
  for (let k = 1; k <= steps.length; k++) {
    const selector = join(steps, k);
    if (dom.selectIn(row, selector) === el) return selector;
  }
  return join(steps, steps.length);
}

/** The row (element matching the row selector) that contains `el`, if any. */
export function rowOf<E>(dom: DomAdapter<E>, rowSelector: string, el: E): E | undefined {
  let rows: Set<E>;
  try {
    rows = new Set(dom.selectAll(rowSelector));
  } catch {
    return undefined;
  }
  for (let e: E | null = el; e; e = dom.parent(e)) if (rows.has(e)) return e;
  return undefined;
}

/** A field name and Value guessed from the element: "price" from class="price", Image URL for an <img>. */
export function guessField<E>(dom: DomAdapter<E>, el: E): { name: string; kind: 'text' | 'link' | 'image' } {
  const tag = dom.tag(el);
  const cls = stableClasses(dom.classes(el))[0];
  const name = cls ? cls.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) : tag === 'img' ? 'Image' : tag === 'a' ? 'Link' : 'Text';
  return { name, kind: tag === 'img' ? 'image' : 'text' };
}
