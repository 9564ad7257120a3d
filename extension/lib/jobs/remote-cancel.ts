import type { Job } from '../db/schema';
import { toView, type SchedulerDeps } from '../scheduler/deps';

/** True when the provider holds the job and can be asked to stop it. */
export const needsRemoteCancel = (deps: Pick<SchedulerDeps, 'adapters'>, job: Job): boolean =>
  job.status !== 'queued' && job.active === 1 && Boolean(deps.adapters[job.provider].cancel);

/**
 * Asks the provider to stop a job where it can. Resolves to a note for the job when the provider could not
 * be told (the local job is canceled either way), undefined otherwise.
 */
export function createRemoteCancel(deps: Pick<SchedulerDeps, 'adapters' | 'context' | 'logger'>) {
  return async (job: Job): Promise<string | undefined> => {
    const adapter = deps.adapters[job.provider];
    if (job.status === 'queued' || !adapter.cancel) return undefined;
    try {
      await adapter.cancel(toView(job), await deps.context(job));
      return undefined;
    } catch (e) {
      deps.logger.warn(`Cancel of ${job.id} at ${adapter.id} failed`, e);
      return `Canceled here; ${adapter.label} could not be told: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
}
