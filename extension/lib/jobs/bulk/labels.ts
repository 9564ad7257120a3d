import { countLabel } from '@/lib/ui/format';
import type { BulkAction, BulkOutcome } from './types';

/** Words for each bulk action: the button, the progress line, and the report when it is done. */
export const BULK_WORDS: Record<BulkAction, { doing: string; done: string; what: string }> = {
  'retry-failed': { doing: 'Retrying failed jobs', done: 'Retried', what: 'failed job' },
  cancel: { doing: 'Canceling', done: 'Canceled', what: 'job' },
  delete: { doing: 'Deleting', done: 'Deleted', what: 'job' },
  'clear-finished': { doing: 'Clearing finished jobs', done: 'Cleared', what: 'finished job' },
};

/** "Deleted 90,000 jobs in 1.2 s." */
export function outcomeLine(outcome: BulkOutcome): string {
  const words = BULK_WORDS[outcome.action];
  return `${words.done} ${countLabel(outcome.affected, words.what)} in ${(outcome.ms / 1000).toFixed(1)} s.`;
}
