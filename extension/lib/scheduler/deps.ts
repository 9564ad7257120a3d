import type { ProviderId } from '@@/shared/schemas/job';
import type { Job } from '../db/schema';
import type { JobsRepo } from '../db/jobs-repo';
import type { CallContext, Logger, ProviderAdapter } from '../providers/types';

export interface SchedulerSettings {
  pollIntervalScale: number;
  /** Overrides an adapter's concurrency (the user's per-provider cap, an account-reported one). */
  concurrency: Partial<Record<ProviderId, number>>;
  /** Monthly budgets in credits (Options); new submits to a provider wait once its month's spend reaches it. */
  budgets?: Partial<Record<ProviderId, number>>;
}

/** Everything the scheduler touches, passed in so tests use a fake clock, fake adapters and fake-indexeddb. */
export interface SchedulerDeps {
  repo: JobsRepo;
  adapters: Record<ProviderId, ProviderAdapter>;
  now: () => number;
  random: () => number;
  logger: Logger;
  /** Provider config and, when a relay is connected, the webhook URL for this job. */
  context: (job: Job) => Promise<CallContext>;
  settings: () => Promise<SchedulerSettings>;
  /** Called after a job reaches a terminal state (notifications, badge). */
  onJobSettled: (job: Job) => Promise<void>;
}

export const toView = (job: Job) => ({
  id: job.id,
  input: job.input,
  options: job.options,
  ref: job.ref,
  createdAt: job.createdAt,
  submittedAt: job.submittedAt,
});
