import type { Job, StoredResult } from '@/lib/db/schema';
import { selectionMatcher, TERMINAL_STATUSES, type BulkSelection } from '@/lib/jobs/bulk/types';
import { EXPORT_TYPES, exportChunk, type ExportFormat } from './jobs-export';

export interface ExportSource {
  pageWithResults(after: string | undefined, limit: number): Promise<{ jobs: Job[]; results: Map<string, StoredResult> }>;
}

/** Jobs read per step (two range reads). */
const EXPORT_CHUNK = 2_000;
/** Jobs serialized between yields to the page, so a frame never waits long for the export. */
const SLICE = 200;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Writes the finished jobs of a selection (and their records) to a Blob chunk by chunk: each chunk's
 * text becomes a Blob part at once (Chrome keeps large blobs on disk), so no single string holds the file.
 * Jobs come in primary-key order, which is creation order for time-ordered ids.
 */
export async function exportFinishedJobs(
  source: ExportSource,
  selection: BulkSelection,
  format: ExportFormat,
  opts: { onProgress?: (checked: number, exported: number) => void; chunk?: number; slice?: number; yieldToPage?: () => Promise<void> } = {},
): Promise<{ blob: Blob; jobs: number }> {
  const { onProgress = () => {}, chunk = EXPORT_CHUNK, slice: sliceSize = SLICE, yieldToPage = nextTask } = opts;
  const match = selectionMatcher(selection);
  const parts: Blob[] = [];
  let after: string | undefined;
  let written = 0;
  let checked = 0;
  let start = true;
  for (;;) {
    const page = await source.pageWithResults(after, chunk);
    const items = page.jobs
      .filter((job) => TERMINAL_STATUSES.includes(job.status) && match(job))
      .map((job) => ({ job, records: page.results.get(job.id)?.records ?? [] }));
    const end = page.jobs.length < chunk;
    for (let i = 0; i === 0 || i < items.length; i += sliceSize) {
      const slice = items.slice(i, i + sliceSize);
      const text = exportChunk(format, slice, { start, written, end: end && i + sliceSize >= items.length });
      if (text) parts.push(new Blob([text]));
      start = false;
      written += slice.length;
      await yieldToPage();
    }
    checked += page.jobs.length;
    onProgress(checked, written);
    if (end) break;
    after = page.jobs.at(-1)?.id;
  }
  return { blob: new Blob(parts, { type: EXPORT_TYPES[format].mime }), jobs: written };
}
