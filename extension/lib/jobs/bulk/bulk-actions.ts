import { ACTIVE_STATUSES, type JobStatus } from '@@/shared/schemas/job';
import type { BulkWrites } from '../../db/bulk-writes';
import { totalOf, type JobCounts } from '../../db/job-counts';
import type { Job } from '../../db/schema';
import { mapLimit } from '../../providers/kit/map-limit';
import type { SchedulerDeps } from '../../scheduler/deps';
import { createRemoteCancel, needsRemoteCancel } from '../remote-cancel';
import { canceledFields, retriedFields } from '../retry-patch';
import { selectionMatcher, TERMINAL_STATUSES, type BulkAction, type BulkOutcome, type BulkSelection } from './types';

export interface BulkDeps extends Pick<SchedulerDeps, 'adapters' | 'context' | 'logger' | 'now'> {
  writes: BulkWrites;
  counts: () => Promise<JobCounts>;
  /** Sets a canceled job's note when its provider could not be told (status unchanged, so no counter moves). */
  noteJob: (id: string, error: string) => Promise<void>;
  /** Runs the scheduler and refreshes the badge after jobs were re-queued or ended. */
  kick: () => void;
}

export class BulkActionError extends Error {
  override readonly name = 'BulkActionError';
}

/** Providers told about canceled or deleted jobs at a time; the local change never waits for them. */
const REMOTE_CANCEL_LANES = 4;

/** The statuses an action can change, narrowed by the selection's status filter. */
function statusesFor(candidates: readonly JobStatus[], selection: BulkSelection): JobStatus[] {
  return candidates.filter((s) => selection.status === undefined || s === selection.status);
}

/**
 * Retry failed / Cancel / Delete over "all matching", and Clear finished, each in chunked transactions
 * (see bulk-writes.ts) with a progress row the popup shows live. One bulk action runs at a time.
 */
export function createBulkActions(deps: BulkDeps) {
  const cancelRemote = createRemoteCancel(deps);
  let running: BulkAction | undefined;
  // Created at worker start: a progress row still 'running' belongs to a worker that was stopped.
  const startup = deps.writes.markInterrupted(deps.now()).catch((e: unknown) => deps.logger.warn('Could not mark an interrupted bulk action', e));

  /** Tells providers about jobs that were active there, after the local change is stored. */
  function tellProviders(jobs: Job[], note: boolean): void {
    const remote = jobs.filter((job) => needsRemoteCancel(deps, job));
    if (remote.length === 0) return;
    void mapLimit(remote, REMOTE_CANCEL_LANES, async (job) => {
      const problem = await cancelRemote(job);
      if (problem && note) await deps.noteJob(job.id, problem);
    }).catch((e: unknown) => deps.logger.error('Telling providers about canceled jobs failed', e));
  }

  async function perform(action: BulkAction, selection: BulkSelection, counts: JobCounts): Promise<number> {
    const match = selectionMatcher(selection);
    const now = deps.now();
    switch (action) {
      case 'retry-failed': {
        const statuses = statusesFor(['failed'], selection);
        await deps.writes.begin(action, totalOf(counts, statuses), now);
        const retried = await deps.writes.rewriteWhere(statuses, match, (job) => retriedFields(job, now), { dropResults: true });
        return retried.length;
      }
      case 'cancel': {
        const statuses = statusesFor(ACTIVE_STATUSES, selection);
        await deps.writes.begin(action, totalOf(counts, statuses), now);
        const canceled = await deps.writes.rewriteWhere(statuses, match, (job) => canceledFields(job, now), { dropResults: false });
        tellProviders(canceled, true);
        return canceled.length;
      }
      case 'delete': {
        await deps.writes.begin(action, totalOf(counts), now);
        const { deleted, kept } = await deps.writes.deleteWhere(match, (job) => needsRemoteCancel(deps, job));
        tellProviders(kept, false);
        return deleted;
      }
      case 'clear-finished': {
        await deps.writes.begin(action, totalOf(counts), now);
        const { deleted } = await deps.writes.deleteWhere((job) => TERMINAL_STATUSES.includes(job.status) && match(job));
        return deleted;
      }
    }
  }

  return {
    async run(action: BulkAction, selection: BulkSelection): Promise<BulkOutcome> {
      if (running) throw new BulkActionError(`Wait until "${running}" has finished.`);
      running = action;
      const started = deps.now();
      try {
        await startup;
        const affected = await perform(action, selection, await deps.counts());
        await deps.writes.end('done', deps.now());
        deps.kick();
        return { action, affected, ms: deps.now() - started };
      } catch (e) {
        await deps.writes.end('failed', deps.now(), e instanceof Error ? e.message : String(e)).catch(() => undefined);
        // Chunks stored before the failure stay: jobs may have been re-queued or ended.
        deps.kick();
        throw e;
      } finally {
        running = undefined;
      }
    },
  };
}

export type BulkActions = ReturnType<typeof createBulkActions>;
