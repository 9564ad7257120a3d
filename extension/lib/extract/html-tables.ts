import { type Document, type Element, isTag } from 'domhandler';
import { childElements, imageUrl, linkUrl, select, textOf } from './dom';
import { type ExtractedTable, uniqueColumns } from './table';

interface Cell {
  text: string;
  link?: string;
  image?: string;
  header: boolean;
}

/** The <tr>s that belong to this table: through thead/tbody/tfoot, never into a nested table. */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of childElements(table)) {
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of childElements(child)) if (tr.name === 'tr') rows.push(tr);
    }
  }
  return rows;
}

const span = (value: string | undefined): number => {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, 100) : 1;
};

/** Rows of cells with colspan/rowspan laid out on a grid (a spanned cell's text fills every slot it covers). */
function grid(rows: Element[], base: string): Cell[][] {
  const out: Cell[][] = [];
  const carry: { cell: Cell; left: number }[] = [];
  for (const tr of rows) {
    const line: Cell[] = [];
    let col = 0;
    const takeCarried = () => {
      while (carry[col] && carry[col]!.left > 0) {
        line[col] = carry[col]!.cell;
        carry[col]!.left--;
        col++;
      }
    };
    for (const td of childElements(tr)) {
      if (td.name !== 'td' && td.name !== 'th') continue;
      takeCarried();
      const cell: Cell = { text: textOf(td), link: linkUrl(td, base), image: imageUrl(td, base), header: td.name === 'th' };
      const cols = span(td.attribs.colspan);
      const down = span(td.attribs.rowspan);
      for (let i = 0; i < cols; i++) {
        line[col] = cell;
        if (down > 1) carry[col] = { cell, left: down - 1 };
        col++;
      }
    }
    takeCarried();
    if (line.length) out.push(Array.from(line, (c) => c ?? { text: '', header: false }));
  }
  return out;
}

function caption(table: Element, index: number): string {
  const cap = childElements(table).find((c) => c.name === 'caption');
  const name = (cap && textOf(cap)) || table.attribs['aria-label'] || table.attribs.id;
  return name ? `Table: ${name}` : `Table ${index + 1}`;
}

/**
 * Every <table> with data: a header row (thead, or a first row of <th>) names the columns; columns
 * whose cells hold links or images get an extra "… link" / "… image" column.
 */
export function htmlTables(doc: Document, base: string): ExtractedTable[] {
  const tables: ExtractedTable[] = [];
  select('table', doc).forEach((table, index) => {
    const rows = ownRows(table);
    const cells = grid(rows, base);
    if (!cells.length) return;
    const theadRows = childElements(table).filter((c) => c.name === 'thead').flatMap((t) => childElements(t).filter((r) => r.name === 'tr')).length;
    const headerCount = theadRows || (cells[0]!.every((c) => c.header) ? 1 : 0);
    const head = cells.slice(0, headerCount);
    const body = cells.slice(headerCount).filter((r) => r.some((c) => c.text || c.link || c.image));
    // A loop, not Math.max(...): spreading 100,000 rows overflows the worker's stack.
    const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
    if (!body.length || (body.length < 2 && !headerCount) || width < 1) return;
    // A one-column table of big blocks is page layout, not data.
    if (width === 1 && !headerCount) return;

    const names = Array.from({ length: width }, (_, c) => {
      const parts = head.map((r) => r[c]?.text ?? '').filter(Boolean);
      return [...new Set(parts)].join(' ') || `Column ${c + 1}`;
    });
    const columns: string[] = [];
    const pick: ((row: Cell[]) => string)[] = [];
    for (let c = 0; c < width; c++) {
      columns.push(names[c]!);
      pick.push((row) => row[c]?.text ?? '');
      if (body.some((r) => r[c]?.link)) {
        columns.push(`${names[c]} link`);
        pick.push((row) => row[c]?.link ?? '');
      }
      if (body.some((r) => r[c]?.image)) {
        columns.push(`${names[c]} image`);
        pick.push((row) => row[c]?.image ?? '');
      }
    }
    const filled = body.reduce((n, r) => n + r.filter((c) => c.text).length, 0);
    const nested = isTag(table) && select('table', table.children).length > 0;
    tables.push({
      id: `table-${index}`,
      label: caption(table, index),
      kind: 'table',
      columns: uniqueColumns(columns),
      rows: body.map((row) => pick.map((f) => f(row))),
      // Filled cells, a bonus for a real header, a penalty for layout tables holding other tables.
      score: filled * (headerCount ? 1.5 : 1) * (nested ? 0.2 : 1),
    });
  });
  return tables;
}
