import Papa from 'papaparse';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { exportedJob } from './json';
import { CSV_COLUMNS, toCsvRow } from './records';

export type ExportFormat = 'csv' | 'ndjson' | 'json';

export const EXPORT_TYPES: Record<ExportFormat, { mime: string; extension: string; label: string }> = {
  csv: { mime: 'text/csv', extension: 'csv', label: 'CSV' },
  ndjson: { mime: 'application/x-ndjson', extension: 'ndjson', label: 'NDJSON' },
  json: { mime: 'application/json', extension: 'json', label: 'JSON' },
};

export interface ExportItem {
  job: Job;
  records: readonly ScrapeRecord[];
}

/** CSV of many jobs: the job's columns, then one row per record (a job without records gets one row). */
export const JOBS_CSV_COLUMNS = ['jobId', 'jobStatus', 'provider', 'createdAt', 'finishedAt', 'jobError', ...CSV_COLUMNS] as const;

function csvRows(item: ExportItem): (string | number)[][] {
  const { job } = item;
  const jobCells = [
    job.id,
    job.status,
    job.provider,
    new Date(job.createdAt).toISOString(),
    job.finishedAt === undefined ? '' : new Date(job.finishedAt).toISOString(),
    job.error ?? '',
  ];
  if (item.records.length === 0) return [[...jobCells, ...CSV_COLUMNS.map(() => '')]];
  return item.records.map((record) => {
    const row = toCsvRow(record);
    return [...jobCells, ...CSV_COLUMNS.map((c) => row[c])];
  });
}

export interface ChunkPlace {
  /** The first chunk of the file (CSV header, JSON opening bracket). */
  start: boolean;
  /** Jobs written by earlier chunks (a JSON comma goes between items). */
  written: number;
  /** The last chunk (JSON closing bracket). */
  end: boolean;
}

/** The text of one chunk of an export, so a file of 100,000 jobs is written piece by piece. */
export function exportChunk(format: ExportFormat, items: readonly ExportItem[], place: ChunkPlace): string {
  switch (format) {
    case 'ndjson':
      return items.map((item) => JSON.stringify(exportedJob(item.job, item.records)) + '\n').join('');
    case 'json': {
      const body = items.map((item) => JSON.stringify(exportedJob(item.job, item.records))).join(',\n');
      const open = place.start ? '[' : '';
      const joint = body ? (place.written > 0 ? ',\n' : '\n') : '';
      const close = place.end ? (place.written > 0 || body ? '\n]\n' : ']\n') : '';
      return `${open}${joint}${body}${close}`;
    }
    case 'csv': {
      const data = items.flatMap(csvRows);
      if (!place.start && data.length === 0) return '';
      const csv = Papa.unparse(place.start ? { fields: [...JOBS_CSV_COLUMNS], data } : data, { escapeFormulae: true, newline: '\r\n' });
      return csv.replace(/\r\n$/, '') + '\r\n';
    }
  }
}
