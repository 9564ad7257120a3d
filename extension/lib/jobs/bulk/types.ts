import { z } from 'zod';
import { JobStatus } from '@@/shared/schemas/job';

/** What the popup's bulk bar can do to many jobs at once. */
export const BulkAction = z.enum(['retry-failed', 'cancel', 'delete', 'clear-finished']);
export type BulkAction = z.infer<typeof BulkAction>;

/**
 * "Select all matching": the list's status and text filter at the moment of the click. Jobs created
 * afterwards are not part of it, even if they match.
 */
export const BulkSelection = z.object({
  status: JobStatus.optional(),
  text: z.string().max(2_000).optional(),
  createdUpTo: z.number(),
});
export type BulkSelection = z.infer<typeof BulkSelection>;

export interface BulkOutcome {
  action: BulkAction;
  /** Jobs retried, canceled or deleted. */
  affected: number;
  ms: number;
}

export const TERMINAL_STATUSES: readonly JobStatus[] = ['done', 'failed', 'canceled', 'expired'];

/** The same test as the list's filters (status, lower-cased substring of `search`), plus the creation cut-off. */
export function selectionMatcher(selection: BulkSelection): (job: { status: JobStatus; search: string; createdAt: number }) => boolean {
  const needle = selection.text?.trim().toLowerCase();
  return (job) =>
    job.createdAt <= selection.createdUpTo &&
    (selection.status === undefined || job.status === selection.status) &&
    (!needle || job.search.includes(needle));
}
