import { compile, selectAll, selectOne } from 'css-select';
import { type AnyNode, type Document, type Element, isTag, isText } from 'domhandler';
import { getInnerHTML } from 'domutils';
import { parseDocument } from 'htmlparser2';

export type { AnyNode, Document, Element };

/** Elements whose content is never page text (and never a table or a row). */
export const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'canvas']);

/**
 * Parses HTML into a plain node tree (htmlparser2). Nothing is rendered, loaded or run: the scraped
 * page's scripts stay text. The same parser runs in the worker, the pages and Node, Chrome and Firefox.
 */
export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

export const normalizeSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

function collectText(node: AnyNode, out: string[]): void {
  if (isText(node)) out.push(node.data);
  else if (isTag(node)) {
    if (SKIPPED.has(node.name)) return;
    // Line breaks and block ends separate words that markup would otherwise glue together.
    if (node.name === 'br') out.push(' ');
    for (const child of node.children) collectText(child, out);
    if (BLOCKS.has(node.name)) out.push(' ');
  } else if ('children' in node) for (const child of node.children) collectText(child, out);
}
const BLOCKS = new Set(['p', 'div', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'dt', 'dd']);

/** Visible-ish text of a node: scripts and styles left out, whitespace collapsed. */
export function textOf(node: AnyNode): string {
  const out: string[] = [];
  collectText(node, out);
  return normalizeSpace(out.join(''));
}

/** Text directly inside the element (not in child elements). */
export function ownText(el: Element): string {
  let text = '';
  for (const child of el.children) if (isText(child)) text += child.data;
  return normalizeSpace(text);
}

export const innerHtml = (el: AnyNode): string => ('children' in el ? getInnerHTML(el) : '');

export const childElements = (node: AnyNode): Element[] => ('children' in node ? node.children.filter(isTag) : []);

/** A URL from the page made absolute; undefined for empty, script and malformed ones. */
export function resolveUrl(href: string | undefined, base: string): string | undefined {
  const value = href?.trim();
  if (!value || /^(javascript|data|vbscript):/i.test(value)) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

/** The page's base for relative URLs: its <base href> when it has one, else its own URL. */
export function baseUrlOf(doc: Document, pageUrl: string): string {
  const base = selectOne<AnyNode, Element>('base[href]', doc)?.attribs.href;
  return resolveUrl(base, pageUrl) ?? pageUrl;
}

/** The image URL of an <img> (lazy-loading attributes included) or of the first <img> inside. */
export function imageUrl(el: Element, base: string): string | undefined {
  const img = el.name === 'img' ? el : selectOne<AnyNode, Element>('img', el);
  if (!img) return undefined;
  const a = img.attribs;
  const fromSrcset = (a.srcset ?? a['data-srcset'])?.trim().split(/\s+/)[0];
  return resolveUrl(a.src || a['data-src'] || a['data-lazy-src'] || fromSrcset, base);
}

/** The link of an <a> itself, the first link inside it, or the link around it. */
export function linkUrl(el: Element, base: string): string | undefined {
  if (el.name === 'a' && el.attribs.href) return resolveUrl(el.attribs.href, base);
  const inner = selectOne<AnyNode, Element>('a[href]', el);
  if (inner) return resolveUrl(inner.attribs.href, base);
  for (let p = el.parent; p && isTag(p); p = p.parent) if (p.name === 'a' && p.attribs.href) return resolveUrl(p.attribs.href, base);
  return undefined;
}

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

/** css-select with its parse errors turned into a readable message. */
export function select(selector: string, root: AnyNode | AnyNode[]): Element[] {
  try {
    return selectAll<AnyNode, Element>(selector, root);
  } catch (e) {
    throw new SelectorError(`Invalid selector "${selector}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function selectFirst(selector: string, root: AnyNode | AnyNode[]): Element | null {
  try {
    return selectOne<AnyNode, Element>(selector, root);
  } catch (e) {
    throw new SelectorError(`Invalid selector "${selector}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Tag, class and id only ("h3.name", ".price", "a"): selectors that a row's `:scope` cannot change. */
const SIMPLE_SELECTOR = /^(?:[a-z][\w-]*|\*)?(?:[.#][\w-]+)*$/i;
const compiledSelectors = new Map<string, ReturnType<typeof compile<AnyNode, Element>>>();

/**
 * The first element matching `selector` inside `root` (not root itself), as selectFirst. Simple selectors
 * are compiled once and reused: css-select compiles a string query on every call, which was half the
 * time of applying a recipe to many rows.
 */
export function selectFirstIn(selector: string, root: AnyNode): Element | null {
  if (!SIMPLE_SELECTOR.test(selector)) return selectFirst(selector, root);
  let query = compiledSelectors.get(selector);
  if (!query) {
    try {
      query = compile<AnyNode, Element>(selector);
    } catch (e) {
      throw new SelectorError(`Invalid selector "${selector}": ${e instanceof Error ? e.message : String(e)}`);
    }
    if (compiledSelectors.size >= 500) compiledSelectors.clear();
    compiledSelectors.set(selector, query);
  }
  return selectOne<AnyNode, Element>(query, childElements(root));
}
