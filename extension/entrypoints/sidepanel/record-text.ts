import TurndownService from 'turndown';
import type { ScrapeRecord } from '@@/shared/schemas/job';

let turndown: TurndownService | undefined;

/** HTML → Markdown in this page's DOM. Turndown parses into an inert document: nothing loads or runs. */
export function htmlToMarkdown(html: string): string {
  turndown ??= new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' }).remove([
    'head',
    'title',
    'script',
    'style',
    'noscript',
    'template',
    'iframe',
  ]);
  return turndown.turndown(html);
}

function sourcesText(record: ScrapeRecord): string {
  const sources = record.answer?.sources ?? [];
  if (!sources.length) return '';
  const lines = sources.map((s, i) => `${i + 1}. ${s.title ? `${s.title} — ` : ''}${s.url}`);
  return `\n\nSources:\n${lines.join('\n')}`;
}

/**
 * The readable text of a record, best source first: an LLM answer, the provider's Markdown,
 * Markdown made from the HTML, then plain text.
 */
export function recordText(record: ScrapeRecord): string {
  if (record.answer) return (record.answer.markdown ?? record.answer.text) + sourcesText(record);
  if (record.markdown) return record.markdown;
  if (record.html) return htmlToMarkdown(record.html);
  if (record.text) return record.text;
  return '';
}

/** The record as JSON, with the HTML replaced by its size (it is on the Source tab). */
export function recordJson(record: ScrapeRecord): string {
  const { html, ...rest } = record;
  const shown = html === undefined ? rest : { ...rest, html: `(${html.length.toLocaleString('en-US')} characters, see Source)` };
  return JSON.stringify(shown, null, 2);
}
