/** How a spreadsheet should store one cell of an extracted table. */
export type TypedCell = { kind: 'number'; value: number; format?: string } | { kind: 'url'; value: string } | { kind: 'text'; value: string };

const CURRENCY: Record<string, string> = { $: '"$"#,##0.00', '€': '"€"#,##0.00', '£': '"£"#,##0.00' };

/**
 * "12.99", "1,234", "-3", "$9.00" are numbers; "007" (an id with a leading zero), "1.2.3", long digit
 * strings (card numbers, EANs beyond double precision) and dates stay text. http(s) URLs are links.
 */
export function typeCell(text: string): TypedCell {
  const value = text.trim();
  if (/^https?:\/\/\S+$/i.test(value)) return { kind: 'url', value };
  const match = /^([$€£])?\s?(-?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d+)?)$/.exec(value);
  if (match && match[2]!.replace(/\D/g, '').length <= 15) {
    const number = Number(match[2]!.replace(/,/g, ''));
    if (Number.isFinite(number)) return match[1] ? { kind: 'number', value: number, format: CURRENCY[match[1]] } : { kind: 'number', value: number };
  }
  return { kind: 'text', value: text };
}
