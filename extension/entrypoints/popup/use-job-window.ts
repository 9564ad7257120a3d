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
 * Live count plus only the rows around [start, end] (newest first), so the popup reads a few dozen
 * rows however many jobs are stored. Both queries re-run when the worker changes the jobs table.
 */
export function useJobWindow(filter: JobFilter, start: number, end: number): JobWindow {
  const { repo } = useServices();
  const query = { status: filter.status, text: filter.text };
  const key = `${filter.status ?? ''}\u0000${filter.text}`;

  const counted = useLiveQuery(async () => ({ key, n: await repo.count(query) }), [repo, key]);

  const offset = Math.max(0, Math.floor(start / PAGE) * PAGE);
  const limit = Math.max(PAGE, Math.ceil((end + 1) / PAGE) * PAGE - offset);
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
