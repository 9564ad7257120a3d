import Papa from 'papaparse';
import type { ScrapeRecord } from '@@/shared/schemas/job';

/** CSV columns, in order. `text`/`markdown` fall back to an LLM answer's text when the record has one. */
export const CSV_COLUMNS = ['url', 'finalUrl', 'statusCode', 'title', 'text', 'markdown', 'error'] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

export function toCsvRow(record: ScrapeRecord): CsvRow {
  return {
    url: record.url,
    finalUrl: record.finalUrl ?? '',
    statusCode: record.statusCode ?? '',
    title: record.title ?? '',
    text: record.text ?? record.answer?.text ?? '',
    markdown: record.markdown ?? record.answer?.markdown ?? '',
    error: record.error ?? '',
  };
}

/**
 * One row per record after a header line, CRLF line ends (RFC 4180). Cells that a spreadsheet would run as a formula
 * (leading `=`, `+`, `-`, `@`) are escaped by papaparse's `escapeFormulae`.
 *
 * @example recordsToCsv([{ url: 'https://a.test', statusCode: 200 }])
 */
export function recordsToCsv(records: readonly ScrapeRecord[]): string {
  const csv = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: records.map((r) => CSV_COLUMNS.map((c) => toCsvRow(r)[c])) },
    { escapeFormulae: true, newline: '\r\n' },
  );
  // papaparse ends an empty table with a newline but not a full one; always end the file with one.
  return csv.replace(/\r\n$/, '') + '\r\n';
}

/** One JSON object per line, newline-terminated; HTML included as stored. */
export function recordsToNdjson(records: readonly ScrapeRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
