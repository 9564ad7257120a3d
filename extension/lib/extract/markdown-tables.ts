import { type ExtractedTable, uniqueColumns } from './table';

/** Splits "| a | b \| c |" into cells, honouring escaped pipes. */
function cells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

const isDelimiter = (line: string) => /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(line) && line.includes('-');

/** Markdown links and images in a cell become their text; the first URL goes to a "… link" column. */
function cellValue(raw: string): { text: string; link?: string } {
  const link = /!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/.exec(raw);
  const text = raw.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]{1,3}([^*_`]+)[*_`]{1,3}/g, '$1').trim();
  return link ? { text, link: link[2] } : { text };
}

/** GitHub-flavoured pipe tables in Markdown (for results that came as Markdown only). */
export function markdownTables(markdown: string): ExtractedTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: ExtractedTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const headLine = lines[i]!;
    if (!headLine.includes('|') || !isDelimiter(lines[i + 1]!)) continue;
    const head = cells(headLine);
    const body: { text: string; link?: string }[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.includes('|') && lines[j]!.trim(); j++) body.push(cells(lines[j]!).map(cellValue));
    i = j;
    if (!body.length) continue;
    const width = head.length;
    const columns: string[] = [];
    const pick: ((row: { text: string; link?: string }[]) => string)[] = [];
    for (let c = 0; c < width; c++) {
      columns.push(cellValue(head[c] ?? '').text);
      pick.push((row) => row[c]?.text ?? '');
      if (body.some((r) => r[c]?.link)) {
        columns.push(`${cellValue(head[c] ?? '').text || `Column ${c + 1}`} link`);
        pick.push((row) => row[c]?.link ?? '');
      }
    }
    const index = tables.length;
    tables.push({
      id: `markdown-${index}`,
      label: `Markdown table ${index + 1}`,
      kind: 'markdown',
      columns: uniqueColumns(columns),
      rows: body.map((row) => pick.map((f) => f(row))),
      score: body.length * width * 1.5,
    });
  }
  return tables;
}
