import Papa from 'papaparse';

/** The part of an extracted table that exports need. */
export interface TableData {
  label: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

/** Header + rows, CRLF (RFC 4180); cells a spreadsheet would run as a formula are escaped. */
export function tableToCsv(table: TableData): string {
  const csv = Papa.unparse({ fields: [...table.columns], data: table.rows.map((r) => [...r]) }, { escapeFormulae: true, newline: '\r\n' });
  return csv.replace(/\r\n$/, '') + '\r\n';
}

/** Tab-separated, for pasting into a spreadsheet: tabs and line breaks inside cells become spaces. */
export function tableToTsv(table: TableData): string {
  const clean = (cell: string) => cell.replace(/[\t\r\n]+/g, ' ');
  return [table.columns, ...table.rows].map((row) => row.map(clean).join('\t')).join('\n') + '\n';
}

/** One object per row, keyed by column name. */
export function tableToJson(table: TableData): string {
  const objects = table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? ''])));
  return JSON.stringify(objects, null, 2) + '\n';
}
