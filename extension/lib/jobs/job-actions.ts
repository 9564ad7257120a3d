import type { Job } from '../db/schema';
import type { SchedulerDeps } from '../scheduler/deps';
import { settleJob } from '../scheduler/settle';
import { createRemoteCancel } from './remote-cancel';
import { retriedFields } from './retry-patch';

export class JobActionError extends Error {
  override readonly name = 'JobActionError';
}

/** Retry, cancel and delete: the user's actions on a stored job. */
export function createJobActions(deps: SchedulerDeps, kick: () => void) {
  async function load(id: string): Promise<Job> {
    const job = await deps.repo.get(id);
    if (!job) throw new JobActionError(`Job ${id} no longer exists.`);
    return job;
  }

  const cancelRemote = createRemoteCancel(deps);

  return {
    async retry(id: string): Promise<void> {
      const job = await load(id);
      if (job.active === 1) throw new JobActionError('The job is still active.');
      await deps.repo.deleteResultOnly(id);
      await deps.repo.update(id, retriedFields(job, deps.now()));
      kick();
    },
    async cancel(id: string): Promise<void> {
      const job = await load(id);
      if (job.active !== 1) return;
      // The new revision makes any step still in flight for this job drop its outcome.
      const rev = (job.rev ?? 0) + 1;
      await deps.repo.update(id, { rev });
      const note = await cancelRemote(job);
      await settleJob(deps, { ...job, rev }, 'canceled', { error: note });
    },
    async remove(ids: string[]): Promise<void> {
      for (const id of ids) {
        const job = await deps.repo.get(id);
        if (job?.active === 1) await cancelRemote(job);
      }
      await deps.repo.deleteJobs(ids);
    },
    /** Wakes jobs waiting for host access (called when access is added); still-missing access sends them back to waiting. */
    async resumeWaitingForAccess(): Promise<void> {
      const now = deps.now();
      for (const job of await deps.repo.activeJobs()) {
        if (job.paused === 'access') await deps.repo.update(job.id, { nextPollAt: now, updatedAt: now });
      }
      kick();
    },
    /** Wakes jobs paused for a missing or rejected key (called when settings change). */
    async resumePaused(): Promise<void> {
      const now = deps.now();
      for (const job of await deps.repo.activeJobs()) {
        if (job.paused) await deps.repo.update(job.id, { nextPollAt: now, updatedAt: now });
      }
      kick();
    },
  };
}

export type JobActions = ReturnType<typeof createJobActions>;
