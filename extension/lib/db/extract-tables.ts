import type { EntityTable } from 'dexie';
import type { ExtractedTable } from '../extract/table';
import type { Recipe } from '../extract/recipe-schema';
import type { CrawlState } from '../crawl/plan';

/**
 * Rows extracted from one record by one source (auto-detection at a detector version, or a recipe at
 * a recipe version). Derived data: recomputed when the record, the detector or the recipe changes.
 */
export interface ExtractedEntry {
  /** `${jobId}\u0001${recordIndex}\u0001${source}` */
  key: string;
  jobId: string;
  recordIndex: number;
  url: string;
  /** "auto:<detector version>" or "recipe:<id>:<version>". */
  source: string;
  /** The recipe's id, '' for auto-detection (indexed, to drop a recipe's rows when it changes). */
  recipeId: string;
  /** The stored result's receivedAt these rows were computed from. */
  receivedAt: number;
  tables: ExtractedTable[];
  /** A recipe problem (invalid selector) shown instead of rows. */
  error?: string;
}

export type ExtractTables = {
  recipes: EntityTable<Recipe, 'id'>;
  extracted: EntityTable<ExtractedEntry, 'key'>;
  crawls: EntityTable<CrawlState, 'groupId'>;
};

/** Issue 8's Dexie version 4: only the tables it adds. */
export const EXTRACT_STORES = {
  recipes: 'id, updatedAt',
  extracted: 'key, jobId, recipeId',
  crawls: 'groupId',
} as const;
