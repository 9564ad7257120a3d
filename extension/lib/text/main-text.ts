/**
 * The readable main text of an HTML page, without a DOM (the service worker has none).
 * htmlparser2 tokenises and decodes entities; this module only decides what counts as text.
 * @module
 */
import { Parser } from 'htmlparser2';

/** Never text: code, styles, metadata and embedded documents. */
const SKIP = new Set(['title', 'script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object', 'canvas', 'select']);
/** Page chrome around the content: left out when the page marks its main content. */
const CHROME = new Set(['nav', 'header', 'footer', 'aside']);
/** Elements that start a new line. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tr', 'ul', 'body', 'html', 'nav', 'header', 'footer', 'aside', 'option', 'caption',
]);
/** Cells of a row stay on one line, separated by a tab. */
const CELL = new Set(['td', 'th']);

export interface MainText {
  title: string;
  /** Non-empty lines, whitespace collapsed. */
  text: string;
}

const collapse = (s: string) => s.replace(/[ \t\f\v\u00a0\u200b]+/g, ' ').trim();

function toLines(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.split('\t').map(collapse).filter(Boolean).join('\t'))
    .filter(Boolean)
    .join('\n');
}

/**
 * Text of `<main>`/`<article>`/`[role=main]` when the page has one (without nav, header, footer, aside
 * inside it), otherwise of the whole body without those page-chrome elements.
 */
export function mainText(html: string): MainText {
  let skipDepth = 0;
  let chromeDepth = 0;
  let mainDepth = 0;
  let sawMain = false;
  let inTitle = false;
  let title = '';
  let firstH1 = '';
  let h1Depth = 0;
  const all: string[] = [];
  const main: string[] = [];
  const stack: { name: string; skip: boolean; chrome: boolean; main: boolean; h1: boolean }[] = [];

  const emit = (s: string) => {
    if (chromeDepth === 0) all.push(s);
    if (mainDepth > 0 && chromeDepth === 0) main.push(s);
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const isMain = name === 'main' || name === 'article' || attrs.role === 'main';
        const entry = { name, skip: SKIP.has(name), chrome: CHROME.has(name), main: isMain, h1: name === 'h1' };
        stack.push(entry);
        if (name === 'title') inTitle = true;
        if (entry.skip) skipDepth++;
        if (entry.chrome) chromeDepth++;
        if (entry.main) {
          mainDepth++;
          sawMain = true;
        }
        if (entry.h1) h1Depth++;
        if (skipDepth === 0) {
          if (CELL.has(name)) emit('\t');
          else if (BLOCK.has(name)) emit('\n');
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipDepth > 0) return;
        if (h1Depth > 0 && firstH1.length < 300) firstH1 += text;
        emit(text.replace(/\s+/g, ' '));
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        // Tolerate unbalanced markup: close back to the nearest open element of that name.
        const at = stack.findLastIndex((e) => e.name === name);
        if (at < 0) return;
        for (const entry of stack.splice(at)) {
          if (entry.skip) skipDepth--;
          if (entry.chrome) chromeDepth--;
          if (entry.main) mainDepth--;
          if (entry.h1) h1Depth--;
        }
        if (skipDepth === 0 && BLOCK.has(name)) emit('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  const body = toLines((sawMain ? main : all).join(''));
  return { title: collapse(title) || collapse(firstH1), text: body || toLines(all.join('')) };
}
