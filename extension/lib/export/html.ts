import type { ScrapeRecord } from '@@/shared/schemas/job';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Only http(s) links survive; anything else (javascript:, data:) becomes plain text. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}

/**
 * An HTML file for one record: the scraped page as stored, or, for records without HTML
 * (LLM answers, text-only providers), a small escaped document with the text and sources.
 */
export function recordToHtml(record: ScrapeRecord): string {
  if (record.html) return record.html;
  const title = record.title ?? record.url;
  const parts = [`<h1>${escapeHtml(title)}</h1>`];
  const text = record.answer?.markdown ?? record.answer?.text ?? record.markdown ?? record.text;
  if (text) parts.push(`<pre style="white-space:pre-wrap">${escapeHtml(text)}</pre>`);
  const sources = record.answer?.sources ?? [];
  if (sources.length) {
    const items = sources.map((s) => {
      const label = escapeHtml(s.title ?? s.url);
      const href = safeHref(s.url);
      return href ? `<li><a href="${escapeHtml(href)}">${label}</a></li>` : `<li>${label}</li>`;
    });
    parts.push(`<h2>Sources</h2><ul>${items.join('')}</ul>`);
  }
  if (record.data !== undefined) parts.push(`<pre>${escapeHtml(JSON.stringify(record.data, null, 2))}</pre>`);
  if (record.error) parts.push(`<p>Error: ${escapeHtml(record.error)}</p>`);
  return page(title, parts.join('\n'));
}
