import type { Job, StoredResult } from '@/lib/db/schema';
import { selectionMatcher, TERMINAL_STATUSES, type BulkSelection } from '@/lib/jobs/bulk/types';
import { EXPORT_TYPES, exportChunk, type ExportFormat } from './jobs-export';

export interface ExportSource {
  pageWithResults(after: string | undefined, limit: number): Promise<{ jobs: Job[]; results: Map<string, StoredResult> }>;
}

type Page = Awaited<ReturnType<ExportSource['pageWithResults']>>;

/** Jobs read per step (two range reads). */
const EXPORT_CHUNK = 2_000;
/** Jobs serialized per slice; the page gets a turn once a slice pushes the time since the last turn over a frame budget. */
const SLICE = 200;
/** Main-thread time the export may take between turns given to the page (rendering, scrolling). */
const FRAME_BUDGET_MS = 8;

/**
 * A turn for the page without setTimeout's 4 ms clamp on nested timers (hundreds of yields would cost
 * seconds): scheduler.yield where the browser has it (Chromium 129+), else a MessageChannel task.
 */
function nextTask(): Promise<void> {
  const yielder = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof yielder?.yield === 'function') return yielder.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.addEventListener(
      'message',
      () => {
        channel.port1.close();
        resolve();
      },
      { once: true },
    );
    channel.port1.start();
    channel.port2.postMessage(null);
  });
}

/**
 * Writes the finished jobs of a selection (and their records) to a Blob chunk by chunk: each chunk's
 * text becomes one Blob part (Chrome keeps large blobs on disk), so no single string holds the file.
 * The next chunk is read while this one is serialized, so IndexedDB and the page's thread work at once.
 * Jobs come in primary-key order, which is creation order for time-ordered ids.
 */
export async function exportFinishedJobs(
  source: ExportSource,
  selection: BulkSelection,
  format: ExportFormat,
  opts: {
    onProgress?: (checked: number, exported: number) => void;
    chunk?: number;
    slice?: number;
    yieldToPage?: () => Promise<void>;
    now?: () => number;
  } = {},
): Promise<{ blob: Blob; jobs: number }> {
  const { onProgress = () => {}, chunk = EXPORT_CHUNK, slice: sliceSize = SLICE, yieldToPage = nextTask, now = () => performance.now() } = opts;
  const match = selectionMatcher(selection);
  const parts: Blob[] = [];
  let written = 0;
  let checked = 0;
  let start = true;
  let turnAt = now();
  let next: Promise<Page> | undefined = source.pageWithResults(undefined, chunk);
  while (next) {
    const page: Page = await next;
    const end = page.jobs.length < chunk;
    const after = page.jobs.at(-1)?.id;
    next = end ? undefined : source.pageWithResults(after, chunk);
    // A failed read-ahead surfaces when awaited above; until then it must not count as unhandled.
    next?.catch(() => undefined);
    const items = page.jobs
      .filter((job) => TERMINAL_STATUSES.includes(job.status) && match(job))
      .map((job) => ({ job, records: page.results.get(job.id)?.records ?? [] }));
    const texts: string[] = [];
    for (let i = 0; i === 0 || i < items.length; i += sliceSize) {
      const slice = items.slice(i, i + sliceSize);
      const text = exportChunk(format, slice, { start, written, end: end && i + sliceSize >= items.length });
      if (text) texts.push(text);
      start = false;
      written += slice.length;
      if (now() - turnAt >= FRAME_BUDGET_MS) {
        await yieldToPage();
        turnAt = now();
      }
    }
    if (texts.length) parts.push(new Blob(texts));
    checked += page.jobs.length;
    onProgress(checked, written);
  }
  return { blob: new Blob(parts, { type: EXPORT_TYPES[format].mime }), jobs: written };
}
