import { z } from 'zod';
import { ProviderId } from '@@/shared/schemas/job';

/** The searchable text of one finished job's records, kept so snippets and rebuilds need no HTML parsing. */
export const SearchDoc = z.object({
  jobId: z.string().min(1),
  provider: ProviderId,
  /** When the result arrived (epoch ms): the date filter and the date shown. */
  at: z.number(),
  records: z.array(z.object({ url: z.string(), title: z.string(), text: z.string() })),
});
export type SearchDoc = z.infer<typeof SearchDoc>;

/** Rows of `searchMeta`: the serialised index and the progress of a rebuild. */
export interface SearchIndexRow {
  key: 'index';
  json: string;
  /** [jobId, record count] of every job in the index. */
  jobs: [string, number][];
  savedAt: number;
  builtAt: number;
  /** How many times the index was rebuilt from scratch in this profile (the restart test reads it). */
  rebuilds: number;
}
export interface SearchProgressRow {
  key: 'progress';
  done: number;
  total: number;
  /** False once the rebuild finished. */
  running: boolean;
}
export type SearchMetaRow = SearchIndexRow | SearchProgressRow;
