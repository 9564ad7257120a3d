import type ExcelJS from 'exceljs';
import { useState } from 'preact/hooks';
import type { ExtractedTable } from '@/lib/extract';
import { tableToCsv, tableToJson, tableToTsv } from '@/lib/export/table';
import { tablesToXlsx } from '@/lib/export/xlsx';
import { downloadBlob, downloadText, fileStem } from '@/lib/ui/download';

export interface TableExportsProps {
  /** The table shown: what CSV, JSON and Copy export. */
  table: ExtractedTable;
  /** Every table of the scope: the XLSX gets one sheet each (the shown one first). */
  tables: readonly ExtractedTable[];
  /** File name stem (page URL or job label). */
  stem: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** exceljs is big: loaded the first time someone downloads a workbook. Its browser build is CommonJS. */
async function loadExcel(): Promise<typeof ExcelJS> {
  const mod: { default?: typeof ExcelJS } & Partial<typeof ExcelJS> = await import('exceljs');
  const lib = mod.Workbook ? mod : mod.default;
  if (!lib?.Workbook) throw new Error('The spreadsheet library did not load.');
  return lib as typeof ExcelJS;
}

/** "Download table (CSV/XLSX/JSON)" and "Copy table" (TSV) for the shown table. */
export function TableExports({ table, tables, stem }: TableExportsProps) {
  const [state, setState] = useState('');
  const name = `${fileStem(stem)}-${fileStem(table.label)}`;
  const run = async (work: () => Promise<string | void>) => {
    try {
      setState((await work()) ?? '');
    } catch (e) {
      setState(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const xlsx = async () => {
    setState('Writing workbook…');
    const ordered = [table, ...tables.filter((t) => t !== table)];
    const bytes = await tablesToXlsx(await loadExcel(), ordered);
    downloadBlob(`${name}.xlsx`, new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  };
  return (
    <div class="row table-exports">
      <button type="button" onClick={() => void run(async () => downloadText(`${name}.csv`, tableToCsv(table), 'text/csv'))}>
        Download table (CSV)
      </button>
      <button type="button" onClick={() => void run(xlsx)}>
        Download table (XLSX)
      </button>
      <button type="button" onClick={() => void run(async () => downloadText(`${name}.json`, tableToJson(table), 'application/json'))}>
        Download table (JSON)
      </button>
      <button
        type="button"
        onClick={() =>
          void run(async () => {
            await navigator.clipboard.writeText(tableToTsv(table));
            return `Copied ${table.rows.length.toLocaleString('en-US')} rows`;
          })
        }
      >
        Copy table
      </button>
      <span role="status" class="muted copy-state">
        {state}
      </span>
    </div>
  );
}
