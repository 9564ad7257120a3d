/** Words as the index sees them: letters and digits, everything else separates. */
export const WORD = /[\p{L}\p{N}]+/gu;

export const tokenize = (text: string): string[] => text.match(WORD) ?? [];

export interface SnippetPart {
  text: string;
  hit?: boolean;
}

const BEFORE = 60;
const LENGTH = 220;

/**
 * A short window of `text` around the first matched word, the matched words marked.
 * `terms` are index terms (lower case) the engine matched, including prefix and typo matches.
 */
export function snippet(text: string, terms: readonly string[]): SnippetPart[] {
  const wanted = new Set(terms.map((t) => t.toLowerCase()));
  let first = -1;
  for (const m of text.matchAll(WORD)) {
    if (wanted.has(m[0].toLowerCase())) {
      first = m.index;
      break;
    }
  }
  let start = first < 0 ? 0 : Math.max(0, first - BEFORE);
  // Start at a word boundary.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  const end = Math.min(text.length, start + LENGTH);
  const window = text.slice(start, end).replace(/\s+/g, ' ');
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '… ' });
  let last = 0;
  for (const m of window.matchAll(WORD)) {
    if (!wanted.has(m[0].toLowerCase())) continue;
    if (m.index > last) parts.push({ text: window.slice(last, m.index) });
    parts.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last) });
  if (end < text.length) parts.push({ text: ' …' });
  return parts;
}
