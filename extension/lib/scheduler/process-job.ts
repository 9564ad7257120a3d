import { isProviderError } from '../providers/errors';
import type { Job } from '../db/schema';
import { pollDelay, retryDelay, type PollState } from './backoff';
import { toView, type SchedulerDeps } from './deps';
import { settleJob } from './settle';
import { budgetBlock } from '../costs/budget';
import { nextMonthStart } from '../costs/periods';

/** While a key is missing or rejected, look again this rarely (a settings change wakes the jobs at once). */
export const AUTH_PAUSE_MS = 30 * 60_000;

/**
 * Moves one job one step: submit a queued job, or poll a submitted/running one.
 * Every outcome, including every error, ends in a database write, so a worker killed
 * between steps resumes from the stored state.
 */
export async function processJob(deps: SchedulerDeps, job: Job): Promise<void> {
  const adapter = deps.adapters[job.provider];
  const now = deps.now();
  if (job.status !== 'queued' && job.expiresAt !== undefined && now >= job.expiresAt) {
    await settleJob(deps, job, 'expired', {
      error: `${adapter.label} keeps results only until ${new Date(job.expiresAt).toISOString()}; the job did not finish in time.`,
    });
    return;
  }
  const ctx = await deps.context(job);
  if (adapter.needsKey && !ctx.config.apiKey.trim()) {
    await deps.repo.advance(job, {
      paused: 'auth',
      error: `No ${adapter.label} API key set. Add it in Options.`,
      nextPollAt: now + AUTH_PAUSE_MS,
      updatedAt: now,
    });
    return;
  }
  const settings = await deps.settings();
  const delayOpts = { random: deps.random, scale: settings.pollIntervalScale, relayConnected: Boolean(ctx.webhookUrl) };
  const budget = settings.budgets?.[job.provider];
  if (job.status === 'queued' && budget !== undefined) {
    // Running jobs finish; only new submits wait for budget (a settings change or the next month wakes them).
    // The month's spend is read only when a budget is set: most submits have none.
    const blocked = budgetBlock(adapter.label, budget, await deps.repo.monthCredits(job.provider, now));
    if (blocked) {
      await deps.repo.advance(job, { paused: 'budget', error: blocked, updatedAt: now, nextPollAt: Math.min(now + AUTH_PAUSE_MS, nextMonthStart(now)) });
      return;
    }
  }
  try {
    if (job.status === 'queued') {
      const submitted = await adapter.submit(toView(job), ctx);
      // The provider job id is stored before anything else is done with it, so a restart never resubmits.
      const patch: Partial<Job> = {
        ref: submitted.ref,
        providerJobIds: submitted.providerJobIds,
        status: 'submitted',
        submittedAt: now,
        updatedAt: now,
        attempts: 0,
        paused: undefined,
        error: undefined,
        expiresAt: Math.min(submitted.expiresAt ?? Infinity, now + adapter.pollPlan.retentionMs),
        nextPollAt: now + pollDelay(adapter.pollPlan, 0, delayOpts),
        ...(submitted.progress ? { progress: submitted.progress } : {}),
        ...(submitted.cost ? { cost: submitted.cost } : {}),
      };
      await deps.repo.advance(job, patch);
      if (submitted.records) await settleJob(deps, { ...job, ...patch }, 'done', { records: submitted.records });
      return;
    }

    const polls = job.polls + 1;
    const status = await adapter.status(toView(job), ctx);
    const learned: Partial<Job> = {
      polls,
      attempts: 0,
      updatedAt: now,
      paused: undefined,
      ...(status.ref !== undefined ? { ref: status.ref } : {}),
      ...(status.progress ? { progress: status.progress } : {}),
      ...(status.cost ? { cost: status.cost } : {}),
      ...(status.expiresAt ? { expiresAt: Math.min(job.expiresAt ?? Infinity, status.expiresAt) } : {}),
    };
    const current: Job = { ...job, ...learned };
    switch (status.state) {
      case 'done': {
        const records = status.records ?? (await adapter.result(toView(current), ctx));
        await settleJob(deps, current, 'done', { records, patch: learned, mergeRecords: status.partial === true });
        return;
      }
      case 'failed':
        await settleJob(deps, current, 'failed', { error: status.error ?? `${adapter.label} reported the job failed.`, patch: learned });
        return;
      case 'canceled':
        await settleJob(deps, current, 'canceled', { patch: learned });
        return;
      default:
        await deps.repo.advance(
          job,
          { ...learned, status: status.state, error: undefined, nextPollAt: now + pollDelay(adapter.pollPlan, polls, delayOpts, pollState(current, now)) },
          status.partial ? status.records : undefined,
          now,
          { mergeRecords: true },
        );
    }
  } catch (e) {
    await handleFailure(deps, job, e, delayOpts);
  }
}

async function handleFailure(
  deps: SchedulerDeps,
  job: Job,
  e: unknown,
  delayOpts: Parameters<typeof pollDelay>[2],
): Promise<void> {
  const adapter = deps.adapters[job.provider];
  const now = deps.now();
  const polled = job.status === 'queued' ? job.polls : job.polls + 1;
  if (!isProviderError(e)) {
    deps.logger.error(`Unexpected error in ${adapter.id} job ${job.id}`, e);
    await settleJob(deps, job, 'failed', { error: `Internal error: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  deps.logger.warn(`${adapter.id} job ${job.id}: ${e.kind}: ${e.message}`);
  switch (e.kind) {
    case 'rate-limit':
      // A rate limit never fails a job: wait at least as long as asked, longer each time.
      await deps.repo.advance(job, {
        polls: polled,
        attempts: job.attempts + 1,
        updatedAt: now,
        nextPollAt: now + retryDelay(job.attempts, e.details.retryAfterMs, deps.random),
      });
      return;
    case 'auth':
      await deps.repo.advance(job, {
        paused: 'auth',
        error: `${adapter.label} rejected the API key (${e.message}). Fix your key in Options; the job resumes then.`,
        updatedAt: now,
        nextPollAt: now + AUTH_PAUSE_MS,
      });
      return;
    case 'not-ready':
      await deps.repo.advance(job, {
        polls: polled,
        updatedAt: now,
        nextPollAt: now + (e.details.retryAfterMs ?? pollDelay(adapter.pollPlan, polled, delayOpts, pollState(job, now))),
      });
      return;
    case 'transient': {
      const attempts = job.attempts + 1;
      if (attempts >= adapter.pollPlan.maxTransientAttempts) {
        await settleJob(deps, job, 'failed', { error: `Gave up after ${attempts} attempts: ${e.message}` });
        return;
      }
      await deps.repo.advance(job, {
        polls: polled,
        attempts,
        updatedAt: now,
        error: `Retrying (${attempts}/${adapter.pollPlan.maxTransientAttempts}): ${e.message}`,
        nextPollAt: now + retryDelay(attempts, e.details.retryAfterMs, deps.random),
      });
      return;
    }
    case 'expired':
      await settleJob(deps, job, 'expired', { error: e.message, patch: { polls: polled } });
      return;
    case 'fatal':
      await settleJob(deps, job, 'failed', { error: e.message, patch: { polls: polled } });
      return;
    case 'access':
      // Not a failure: the job keeps its status until the user grants access (permissions.onAdded resumes it).
      await deps.repo.advance(job, {
        paused: 'access',
        error: e.message,
        updatedAt: now,
        nextPollAt: now + AUTH_PAUSE_MS,
      });
  }
}

/** What the poll plan may use: time since the provider took the job, and its last counters. */
const pollState = (job: Job, now: number): PollState => ({
  elapsedMs: now - (job.submittedAt ?? job.createdAt),
  ...(job.progress ? { progress: job.progress } : {}),
});
