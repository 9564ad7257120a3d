import type { ScrapeRecord } from '@@/shared/schemas/job';
import { mainText } from './main-text';

/** Longest text kept per record for search and snapshots: enough for any article, bounded for memory. */
export const MAX_TEXT_CHARS = 200_000;

/** Cell text of a structured value: strings as they are, anything else as JSON. */
const cell = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

function dataText(data: unknown): string {
  if (Array.isArray(data)) return data.map((item) => dataText(item)).join('\n');
  if (data && typeof data === 'object') {
    return Object.entries(data)
      .map(([k, v]) => `${k}: ${cell(v)}`)
      .join('\n');
  }
  return cell(data);
}

/**
 * The title and main text of a record without a DOM: an LLM answer, the page's main text from its HTML,
 * the provider's Markdown or text, or its structured data.
 */
export function recordMainText(record: ScrapeRecord): { title: string; text: string } {
  let title = record.title ?? '';
  let text = '';
  if (record.answer) text = record.answer.text;
  else if (record.html) {
    const page = mainText(record.html);
    title ||= page.title;
    text = page.text;
  } else if (record.markdown) text = record.markdown;
  else if (record.text) text = record.text;
  else if (record.data !== undefined) text = dataText(record.data);
  return { title: title.trim(), text: text.slice(0, MAX_TEXT_CHARS) };
}
