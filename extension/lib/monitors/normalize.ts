/**
 * What counts as "the same line" between two snapshots: whitespace collapsed and volatile tokens
 * (dates, clock times, "5 minutes ago") masked, so a page's timestamp does not drown a real change.
 * Numbers that are not dates or times (prices, counts) are kept: they are what users watch.
 * @module
 */

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?';

/** Order matters: whole date-times before their parts. */
const VOLATILE: readonly RegExp[] = [
  // 2026-12-03T08:04:39.123Z, 2026-12-03 08:04
  /\b\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?/gi,
  /\b\d{4}-\d{2}-\d{2}\b/g,
  // 03/12/2026, 3.12.26
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g,
  // Thursday, 3 December 2026 / Dec 3, 2026 / 3 Dec
  new RegExp(`\\b(?:${DAY},?\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:,?\\s+\\d{4})?\\b`, 'gi'),
  new RegExp(`\\b(?:${DAY},?\\s+)?${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'gi'),
  // 08:04, 8:04:39 pm, 08:04 UTC
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?:\s?(?:utc|gmt|[a-z]{2,4}t))?\b/gi,
  // 5 minutes ago, an hour ago, just now
  /\b(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b/gi,
  /\bjust now\b/gi,
];

export const MASK = '\u2039time\u203a';

/** The comparison key of one line of main text. */
export function normalizeLine(line: string): string {
  let out = line.replace(/\s+/g, ' ').trim();
  for (const pattern of VOLATILE) out = out.replace(pattern, MASK);
  return out;
}

/** Non-empty lines of a text. */
export function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The normalised text a snapshot's fingerprint is taken of. */
export function normalizeText(text: string): string {
  return textLines(text).map(normalizeLine).join('\n');
}

/** SHA-256 (hex) of the normalised text plus rows: equal fingerprints mean the page did not change. */
export async function fingerprint(text: string, rows?: readonly Record<string, string>[]): Promise<string> {
  const input = normalizeText(text) + (rows ? `\n\u0000${JSON.stringify(rows.map((r) => Object.entries(r).map(([k, v]) => [k, normalizeLine(v)])))}` : '');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
