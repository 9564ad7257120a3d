/**
 * Turns a Bright Data download/webhook body into ScrapeRecords.
 *
 * The body may be a JSON array, a single object (one input: the official Python SDK parses object,
 * array or NDJSON permissively) or NDJSON, because the default format differs between doc pages
 * (provider-apis.md §1 Submit — sync [CONFLICT], and `_parse_records` in sdk-python).
 */
import { z } from 'zod';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { BrightDataRecord } from './schemas';

const RecordList = z.array(BrightDataRecord);

function splitJson(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    // Not one JSON document: try NDJSON, one record per non-empty line.
  }
  return trimmed
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        const value: unknown = JSON.parse(line);
        return value;
      } catch {
        throw new ProviderError('fatal', `Malformed response from Bright Data: line ${i + 1} is not JSON`);
      }
    });
}

/** Parses a records body (array, object or NDJSON); malformed → fatal, like parseJson. */
export function parseRecords(text: string): BrightDataRecord[] {
  const parsed = RecordList.safeParse(splitJson(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderError('fatal', `Malformed record from Bright Data: ${issue?.path.join('.') ?? ''}: ${issue?.message}`);
  }
  return parsed.data;
}

const orUndefined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** Maps one dataset record onto the shared shape; the raw record stays in `data`. */
export function toScrapeRecord(raw: BrightDataRecord): ScrapeRecord {
  const url = raw.url ?? raw.input?.url ?? raw.final_url ?? raw.input?.keyword ?? '';
  const error = raw.error_code ? (raw.error ? `${raw.error_code}: ${raw.error}` : raw.error_code) : orUndefined(raw.error);
  return {
    url,
    finalUrl: orUndefined(raw.final_url),
    statusCode: orUndefined(raw.status_code),
    title: orUndefined(raw.title),
    html: orUndefined(raw.page_html),
    text: orUndefined(raw.html2text),
    markdown: orUndefined(raw.markdown),
    error,
    data: raw,
  };
}

export const recordsFromText = (text: string): ScrapeRecord[] => parseRecords(text).map(toScrapeRecord);
