import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A downloaded CSV as rows of cells (header first). */
export async function csvRows(download: Download): Promise<string[][]> {
  const text = readFileSync(await download.path(), 'utf8');
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

/** A downloaded .xlsx read back with exceljs: per sheet, its name and rows of cell values (header first). */
export async function xlsxSheets(download: Download): Promise<{ name: string; frozen: boolean; rows: ExcelJS.CellValue[][] }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(await download.path()).buffer as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
    return { name: sheet.name, frozen: sheet.views.some((v) => v.state === 'frozen' && v.ySplit === 1), rows };
  });
}
