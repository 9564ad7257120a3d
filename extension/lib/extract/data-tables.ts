import { type ExtractedTable, uniqueColumns } from './table';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Structured data a provider returned (e.g. dataset records): an array of objects, or an object
 * holding one, becomes a table with one column per key.
 */
export function dataTables(data: unknown): ExtractedTable[] {
  const list = Array.isArray(data) ? data : isRecord(data) ? Object.values(data).find((v) => Array.isArray(v) && v.some(isRecord)) : undefined;
  if (!Array.isArray(list)) return [];
  const rows = list.filter(isRecord);
  if (!rows.length) return [];
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    {
      id: 'data-0',
      label: 'Provider data',
      kind: 'data',
      columns: uniqueColumns(keys),
      rows: rows.map((r) => keys.map((k) => cell(r[k]))),
      score: rows.length * keys.length * 2,
    },
  ];
}
