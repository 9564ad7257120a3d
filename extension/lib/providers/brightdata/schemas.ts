/**
 * Zod schemas for every Bright Data boundary the adapter crosses (provider-apis.md §1).
 * One schema per boundary; everything else in this folder works on the parsed values.
 */
import { z } from 'zod';
import { numberFields, textFields } from '../kit/fields';

/** `POST /trigger` → 200 and `POST /scrape` → 202 (auto-conversion) both carry a snapshot id. */
export const SnapshotAnswer = z.object({ snapshot_id: z.string().min(1), message: z.string().optional() });
export type SnapshotAnswer = z.infer<typeof SnapshotAnswer>;

/**
 * `GET /progress/{id}`. Status is kept as a free string: the doc pages disagree on the vocabulary
 * (starting/running/ready/failed vs collecting/digesting, plus canceled) — §1 Status [CONFLICT].
 */
export const ProgressAnswer = z.looseObject({ status: z.string().min(1), ...textFields('error_message') });
export type ProgressAnswer = z.infer<typeof ProgressAnswer>;

/** `GET /snapshot/{id}` → 202 while building: `{status, message: "…try again in 10s"}` (§1 Results). */
export const NotReadyAnswer = z.looseObject(textFields('status', 'message'));

/**
 * One output record. Fields depend on the dataset; these are the generic page dataset's
 * (Fetch API, gd_m6gjtfmeh43we6cqc, §1 Results). Unknown fields stay in `data` untouched.
 * `nullish` because dataset outputs use null for missing values.
 */
export const BrightDataRecord = z.looseObject({
  ...textFields('url', 'final_url', 'markdown', 'page_html', 'html2text', 'title', 'error', 'error_code'),
  ...numberFields('status_code'),
  /** With include_errors=true a failed input comes back with its original input (§1 Results). */
  input: z.looseObject(textFields('url', 'keyword')).nullish().catch(undefined),
});
export type BrightDataRecord = z.infer<typeof BrightDataRecord>;

/** 400 JSON error bodies: `{error, code, errors: [[field, reason]]}` (§1 Errors). */
export const ErrorBody = z.object({
  error: z.string(),
  code: z.string().optional(),
  errors: z.array(z.array(z.string())).optional(),
});

/** `GET /snapshots?dataset_id=…&limit=1` (the key check): a list; its items do not matter. */
export const SnapshotList = z.array(z.unknown());
