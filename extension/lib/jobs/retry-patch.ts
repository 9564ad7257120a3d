import type { Job } from '../db/schema';

/**
 * A finished job back to queued, from scratch: a new revision (so a scheduler step still in flight drops its
 * outcome), no provider state, polls or errors; batch progress back to 0 of its total.
 */
export function retriedFields(job: Job, now: number): Partial<Job> {
  return {
    rev: (job.rev ?? 0) + 1,
    status: 'queued',
    active: 1,
    ref: undefined,
    providerJobIds: [],
    polls: 0,
    attempts: 0,
    error: undefined,
    paused: undefined,
    expiresAt: undefined,
    finishedAt: undefined,
    submittedAt: undefined,
    recordCount: undefined,
    // The last run's cost belongs to that run's ledger entry; this run reports its own.
    cost: undefined,
    progress: job.progress ? { done: 0, total: job.progress.total } : undefined,
    nextPollAt: now,
    updatedAt: now,
  };
}

/** An active job canceled by the user (the same fields settleJob writes), with a new revision. */
export function canceledFields(job: Job, now: number): Partial<Job> {
  return {
    rev: (job.rev ?? 0) + 1,
    status: 'canceled',
    active: 0,
    finishedAt: now,
    updatedAt: now,
    nextPollAt: 0,
    paused: undefined,
    error: undefined,
  };
}
