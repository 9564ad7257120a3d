import type ExcelJS from 'exceljs';
import type { TableData } from './table';
import { typeCell } from './table-cells';

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetNames(labels: readonly string[]): string[] {
  const used = new Set<string>();
  return labels.map((label, i) => {
    const base = label.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 28) || `Table ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * An .xlsx workbook with one sheet per table: header row bold and frozen, numbers stored as numbers
 * (currency keeps its symbol as a number format), http(s) URLs as hyperlinks. `exceljs` is passed in
 * so pages load the library only when someone downloads a workbook.
 */
export async function tablesToXlsx(Excel: typeof ExcelJS, tables: readonly TableData[]): Promise<Uint8Array> {
  const workbook = new Excel.Workbook();
  workbook.creator = 'Scrape Queue';
  const names = sheetNames(tables.map((t) => t.label));
  tables.forEach((table, t) => {
    const sheet = workbook.addWorksheet(names[t], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow([]);
      row.forEach((text, c) => {
        const cell = added.getCell(c + 1);
        const typed = typeCell(text);
        if (typed.kind === 'number') {
          cell.value = typed.value;
          if (typed.format) cell.numFmt = typed.format;
        } else if (typed.kind === 'url') cell.value = { text: typed.value, hyperlink: typed.value };
        else cell.value = typed.value;
      });
    }
    sheet.columns.forEach((column, c) => {
      const longest = Math.max(table.columns[c]?.length ?? 0, ...table.rows.slice(0, 200).map((r) => r[c]?.length ?? 0));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
