import Papa from 'papaparse';

const WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const BARE_HOST = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}(?::\d+)?(?:[/?#]\S*)?$/i;

/** True for cells like "https://a.test/x", "ftp://…" (reported later as unsupported) or "www.a.test". */
export function looksLikeUrl(cell: string): boolean {
  return WITH_SCHEME.test(cell) || BARE_HOST.test(cell);
}

/** Every cell of a CSV that looks like a URL, in reading order; other cells (names, prices) are ignored. */
export function urlsFromCsv(csv: string): string[] {
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
  return parsed.data.flatMap((row) => row.map((cell) => String(cell).trim()).filter(looksLikeUrl));
}

/**
 * Turns an imported .txt or .csv file into text for the URL box, one URL per line for CSV.
 * Plain text is passed on unchanged: the background's parser reports every invalid line.
 */
export function textFromUrlFile(name: string, content: string): string {
  return /\.csv$/i.test(name) ? urlsFromCsv(content).join('\n') : content;
}
