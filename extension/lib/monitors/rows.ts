import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Row } from './types';

/** Rows a recipe (issue 8) extracts from a record, or undefined when none applies. */
export type RecipeRows = (record: ScrapeRecord) => Promise<Row[] | undefined>;

const MAX_ROWS = 5_000;
const cell = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** A provider's structured answer as rows, when it is a list of objects (dataset records, JSON APIs). */
export function dataRows(record: ScrapeRecord): Row[] | undefined {
  const data = record.data;
  if (!Array.isArray(data) || data.length === 0) return undefined;
  if (!data.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return undefined;
  return data.slice(0, MAX_ROWS).map((item: object) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, cell(v)])));
}

/** Rows for a snapshot: the recipe's when one applies, else the record's own structured data. */
export function createRowsFor(recipeRows?: RecipeRows): (record: ScrapeRecord) => Promise<Row[] | undefined> {
  return async (record) => (await recipeRows?.(record).catch(() => undefined)) ?? dataRows(record);
}
