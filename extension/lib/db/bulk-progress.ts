import type { BulkAction } from '../jobs/bulk/types';

/** The one bulk action running or last run, written in the same transactions as its job writes. */
export interface BulkProgress {
  id: 'current';
  action: BulkAction;
  state: 'running' | 'done' | 'failed' | 'interrupted';
  /** Jobs looked at so far, of `total` in scope (the progress bar). */
  checked: number;
  total: number;
  /** Jobs the action changed or deleted so far. */
  affected: number;
  startedAt: number;
  finishedAt?: number;
  error?: string;
}
