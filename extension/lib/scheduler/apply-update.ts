import type { Job } from '../db/schema';
import { isProviderError } from '../providers/errors';
import type { StatusResult } from '../providers/types';
import { toView, type SchedulerDeps } from './deps';
import { settleJob } from './settle';

/**
 * Applies a state pushed by the provider (a webhook through the relay) to a job, without a status poll.
 * Finished jobs ignore it, so duplicate and out-of-order deliveries are harmless.
 */
export async function applyUpdate(deps: SchedulerDeps, job: Job, update: StatusResult): Promise<void> {
  if (job.active !== 1) return;
  const now = deps.now();
  const learned: Partial<Job> = {
    updatedAt: now,
    ...(update.ref !== undefined ? { ref: update.ref } : {}),
    ...(update.progress ? { progress: update.progress } : {}),
    ...(update.cost ? { cost: update.cost } : {}),
  };
  const current: Job = { ...job, ...learned };
  switch (update.state) {
    case 'done': {
      let records = update.records;
      if (!records) {
        const adapter = deps.adapters[job.provider];
        try {
          records = await adapter.result(toView(current), await deps.context(current));
        } catch (e) {
          // The result is not downloadable yet (or failed): leave it to the regular poll, soon.
          const retry = isProviderError(e) && e.details.retryAfterMs ? e.details.retryAfterMs : 5_000;
          await deps.repo.advance(job, { ...learned, status: 'running', nextPollAt: now + retry });
          return;
        }
      }
      await settleJob(deps, current, 'done', { records, patch: learned });
      return;
    }
    case 'failed':
      await settleJob(deps, current, 'failed', { error: update.error ?? 'The provider reported a failure.', patch: learned });
      return;
    case 'canceled':
      await settleJob(deps, current, 'canceled', { patch: learned });
      return;
    default: {
      // Per-URL webhooks (one per URL of a batch) carry one record each: keep them (merged by URL
      // in one transaction, so webhooks applied at the same time cannot drop each other's records), and
      // finish the job once every URL has one, so a batch needs no status poll either.
      if (update.records?.length) {
        const merged = await deps.repo.mergeRecords(job.id, update.records, deps.now());
        const total = job.input.kind === 'urls' ? job.input.urls.length : 1;
        if (merged.length >= total) {
          await settleJob(deps, current, 'done', { records: merged, patch: learned });
          return;
        }
        learned.progress = { done: merged.length, total };
      }
      await deps.repo.advance(job, { ...learned, status: update.state });
    }
  }
}
