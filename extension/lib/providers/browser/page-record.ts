import type { ScrapeRecord } from '@@/shared/schemas/job';

export interface FetchedPage {
  url: string;
  finalUrl: string;
  statusCode: number;
  contentType: string;
  body: string;
  truncated: boolean;
  timings: Record<string, number>;
}

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

/** Turns a fetched response into a record: HTML kept as HTML, JSON parsed into `data`, anything else as text. */
export function pageRecord(page: FetchedPage): ScrapeRecord {
  const record: ScrapeRecord = {
    url: page.url,
    finalUrl: page.finalUrl,
    statusCode: page.statusCode,
    headers: { 'content-type': page.contentType },
    timings: page.timings,
  };
  if (page.statusCode >= 400) record.error = `The site answered HTTP ${page.statusCode}`;
  if (page.truncated) record.error = [record.error, 'Page cut at 20 MB'].filter(Boolean).join('; ');
  if (/json/i.test(page.contentType)) {
    try {
      record.data = JSON.parse(page.body);
    } catch {
      record.text = page.body;
    }
    return record;
  }
  if (/html|xml/i.test(page.contentType) || /^\s*</.test(page.body)) {
    record.html = page.body;
    const title = TITLE.exec(page.body)?.[1]?.trim();
    if (title) record.title = title;
    return record;
  }
  record.text = page.body;
  return record;
}
