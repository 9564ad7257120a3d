import type { JobStatus } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';

export interface JobFilter {
  status?: JobStatus;
  text: string;
}

/** Rows are read in pages of this size so small scrolls don't re-query. */
const PAGE = 25;

export interface JobWindow {
  /** Matching jobs in total; undefined while counting (a text filter scans every job). */
  count: number | undefined;
  /** Rows the list can lay out now: the count, or while it is pending, the rows already loaded. */
  known: number;
  /** The job at a list index, when it is inside the loaded window. */
  jobAt: (index: number) => Job | undefined;
}

/**
 * The rows to read for list indexes [start, end]: whole pages from the one `start` is in, at least two. While
 * fewer than a page of rows shows, the window changes only when `start` crosses into another page, so a scroll
 * re-reads once per PAGE rows (and a bulk action's re-reads meet fewer scroll-driven ones).
 */
export function rowWindow(start: number, end: number): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(start / PAGE) * PAGE);
  return { offset, limit: Math.max(2 * PAGE, Math.ceil((end + 1 - offset) / PAGE) * PAGE) };
}

/**
 * Live count plus only the rows around [start, end] (newest first), so the popup reads a few dozen
 * rows however many jobs are stored. Both queries re-run when the worker changes the jobs table.
 */
export function useJobWindow(filter: JobFilter, start: number, end: number): JobWindow {
  const { repo } = useServices();
  const query = { status: filter.status, text: filter.text };
  const key = `${filter.status ?? ''}\u0000${filter.text}`;

  const counted = useLiveQuery(async () => ({ key, n: await repo.count(query) }), [repo, key]);

  const { offset, limit } = rowWindow(start, end);
  const page = useLiveQuery(
    async () => ({ key, offset, rows: await repo.list({ ...query, offset, limit }) }),
    [repo, key, offset, limit],
  );

  // Results left over from the previous filter are not used: their indexes mean other jobs.
  const count = counted?.key === key ? counted.n : undefined;
  const current = page?.key === key ? page : undefined;
  return {
    count,
    // Rows can show before the count arrives; the count may still grow the list afterwards.
    known: count ?? (current ? current.offset + current.rows.length : 0),
    jobAt: (index) => (current ? current.rows[index - current.offset] : undefined),
  };
}
