import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { CSV_COLUMNS, recordsToCsv, recordsToNdjson } from './records';

const records: ScrapeRecord[] = [
  { url: 'https://a.test/', finalUrl: 'https://a.test/home', statusCode: 200, title: 'A, "quoted"', text: 'line 1\nline 2', html: '<p>a</p>' },
  { url: 'https://b.test/', statusCode: 404, error: 'Not found' },
  { url: 'https://llm.test/', answer: { text: 'The answer', markdown: '**The answer**', sources: [] } },
];

describe('recordsToCsv', () => {
  it('writes a header and one row per record that parse back to the same cells', () => {
    const actual = Papa.parse<string[]>(recordsToCsv(records), { skipEmptyLines: true }).data;
    const expected = [
      [...CSV_COLUMNS],
      ['https://a.test/', 'https://a.test/home', '200', 'A, "quoted"', 'line 1\nline 2', '', ''],
      ['https://b.test/', '', '404', '', '', '', 'Not found'],
      ['https://llm.test/', '', '', '', 'The answer', '**The answer**', ''],
    ];
    expect(actual).toEqual(expected);
  });

  it('leaves HTML out', () => {
    expect(recordsToCsv(records)).not.toContain('<p>a</p>');
  });

  it('escapes cells a spreadsheet would run as a formula', () => {
    const actual = recordsToCsv([{ url: 'https://x.test/', title: '=HYPERLINK("http://evil")' }]);
    expect(actual).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('gives only the header for no records', () => {
    expect(recordsToCsv([])).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });
});

describe('recordsToNdjson', () => {
  it('writes one parseable object per line', () => {
    const actual = recordsToNdjson(records).trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(actual).toEqual(records);
  });

  it('keeps newlines inside values on one line', () => {
    expect(recordsToNdjson([records[0]!]).split('\n')).toHaveLength(2);
  });

  it('is empty for no records', () => {
    expect(recordsToNdjson([])).toBe('');
  });
});
