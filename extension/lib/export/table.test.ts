import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableToCsv, tableToJson, tableToTsv, type TableData } from './table';
import { typeCell } from './table-cells';
import { sheetNames, tablesToXlsx } from './xlsx';

const products: TableData = {
  label: 'Table: Products',
  columns: ['Name', 'Price', 'Link', 'Note'],
  rows: [
    ['Anvil', '120.00', 'https://shop.example/anvil', 'heavy, "cast"'],
    ['Bucket', '$8.50', 'https://shop.example/bucket', '=1+1'],
    ['Chisel', '1,234', '', 'line\nbreak\tand tab'],
  ],
};

describe('table CSV, TSV and JSON', () => {
  it('CSV parses back to the same cells, with formulas escaped', () => {
    const parsed = Papa.parse<string[]>(tableToCsv(products), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...products.columns]);
    expect(parsed[1]).toEqual([...products.rows[0]!]);
    expect(parsed[2]![3]).toBe("'=1+1");
    expect(parsed).toHaveLength(4);
  });

  it('TSV keeps one line per row for pasting', () => {
    const lines = tableToTsv(products).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]!.split('\t')).toEqual(['Chisel', '1,234', '', 'line break and tab']);
  });

  it('JSON has one object per row keyed by column', () => {
    expect((JSON.parse(tableToJson(products)) as unknown[])[0]).toEqual({ Name: 'Anvil', Price: '120.00', Link: 'https://shop.example/anvil', Note: 'heavy, "cast"' });
  });
});

describe('typeCell', () => {
  it.each([
    ['12.99', { kind: 'number', value: 12.99 }],
    ['-3', { kind: 'number', value: -3 }],
    ['1,234,567.5', { kind: 'number', value: 1234567.5 }],
    ['$9.00', { kind: 'number', value: 9, format: '"$"#,##0.00' }],
    ['007', { kind: 'text', value: '007' }],
    ['1.2.3', { kind: 'text', value: '1.2.3' }],
    ['4111111111111111111', { kind: 'text', value: '4111111111111111111' }],
    ['2026-01-01', { kind: 'text', value: '2026-01-01' }],
    ['https://a.test/x?y=1', { kind: 'url', value: 'https://a.test/x?y=1' }],
    ['javascript:alert(1)', { kind: 'text', value: 'javascript:alert(1)' }],
  ])('%s', (input, expected) => {
    expect(typeCell(input)).toEqual(expected);
  });
});

describe('tablesToXlsx', () => {
  it('writes one sheet per table with a frozen bold header, numbers as numbers and URLs as hyperlinks', async () => {
    const other: TableData = { label: 'Table: Products', columns: ['A'], rows: [['x']] };
    const bytes = await tablesToXlsx(ExcelJS, [products, other]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Table Products', 'Table Products 2']);
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Price', 'Link', 'Note']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('B2').value).toBe(120);
    expect(sheet.getCell('B3').value).toBe(8.5);
    expect(sheet.getCell('B3').numFmt).toBe('"$"#,##0.00');
    expect(sheet.getCell('B4').value).toBe(1234);
    expect(sheet.getCell('C2').value).toEqual({ text: 'https://shop.example/anvil', hyperlink: 'https://shop.example/anvil' });
    expect(sheet.getCell('D3').value).toBe('=1+1');
    expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.rowCount).toBe(4);
  });

  it('names sheets within Excel’s rules', () => {
    expect(sheetNames(['a/b:c', 'x'.repeat(40), 'A/B:C', ''])).toEqual(['a b c', 'x'.repeat(28), 'A B C 2', 'Table 4']);
  });
});
