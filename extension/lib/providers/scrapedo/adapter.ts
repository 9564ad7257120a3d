/**
 * Scrape.do Async API adapter: one Scrape.do job (≤ 1,000 targets, one task per URL) per extension job.
 * Reference: ../../../../shared/reference/provider-apis.md §3 and the seed scrapedo-async-api.txt.
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { urlsOf } from '../kit/guards';
import { isOk, parseJson, type HttpResponse } from '../kit/http';
import { checkKeyWith } from '../kit/key-check';
import { mapLimit } from '../kit/map-limit';
import { readOptions, readRef } from '../kit/read';
import type { AdapterBehaviour, CallContext, JobView, PollPlan, ProviderDeps, StatusResult } from '../types';
import { createScrapeDoClient } from './client';
import { mergeRef, ScrapeDoOptions, ScrapeDoRef } from './ref';
import { Account, CreateJobResponse, JobDetails, TaskDetails } from './schemas';
import { jobState, taskPhase, taskToRecord, type TaskPhase } from './tasks';
import { parseScrapeDoWebhook, tagWebhookUrl } from './webhook';
import { TYPICAL_5_TO_30_S } from '../kit/poll-checkpoints';

export const LABEL = 'Scrape.do';
/** Documented cap (changelog 2026-11-17, reference §3 "Submit"). */
export const SCRAPE_DO_MAX_TARGETS = 1000;
/** Results are kept 3 days after the job is created (changelog, reference §3 "Results"). */
const RETENTION_MS = 3 * 24 * 60 * 60 * 1000;
/** Task results fetched in parallel by result(); small, to stay well under the account's rate limit. */
const RESULT_FETCH_PARALLELISM = 4;

/**
 * Jobs of 5–30 s: a first poll at 15 s catches the short ones, the next (2x → +30 s) the rest: 1.6 status
 * requests on average. Large batches back off to 5 min. With a relay, per-task webhooks usually finish the
 * job first, so the first poll is only a safety net.
 */
export const SCRAPE_DO_POLL_PLAN: PollPlan = {
  ...TYPICAL_5_TO_30_S,
  firstPollDelayWithRelayMs: 120_000,
  // Per job: the account-wide pace is the concurrency cap and the 429 backoff.
  minIntervalMs: 10_000,
  maxIntervalMs: 300_000,
  backoffFactor: 2,
  concurrency: 4,
  retentionMs: RETENTION_MS,
  maxTransientAttempts: 5,
};

type TaskOutcome = { kind: 'task'; task: TaskDetails; fallbackUrl: string } | { kind: 'gone'; url: string };

const refOf = (job: JobView) => readRef(ScrapeDoRef, job.ref, LABEL);
const optionsOf = (job: JobView) => readOptions(ScrapeDoOptions, job.options, LABEL);

export function createScrapeDoAdapter(deps: ProviderDeps): AdapterBehaviour {
  const client = createScrapeDoClient(deps);
  const request = (ctx: CallContext, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    client.request(ctx.config, { method, path, body });
  const jobPath = (ref: ScrapeDoRef) => `/api/v1/jobs/${encodeURIComponent(ref.jobId)}`;

  /** 404 once the retention window has passed means "expired", not a bug (reference §6). */
  const notFound = (job: JobView, res: HttpResponse): ProviderError =>
    deps.now() - job.createdAt >= RETENTION_MS
      ? new ProviderError('expired', 'Scrape.do no longer has this job: results are kept 3 days after creation', {
          status: 404,
        })
      : client.fail(res);

  async function jobDetails(job: JobView, ref: ScrapeDoRef, ctx: CallContext): Promise<JobDetails> {
    const res = await request(ctx, 'GET', jobPath(ref));
    if (res.status === 404) throw notFound(job, res);
    if (!isOk(res)) throw client.fail(res);
    return parseJson(res, JobDetails, 'Scrape.do job status');
  }

  /** What the job details teach us about the tasks, in ref form. */
  function learned(ref: ScrapeDoRef, d: JobDetails): Partial<ScrapeDoRef> {
    const tasks = d.Tasks ?? [];
    const taskIds = d.TaskIDs?.length ? d.TaskIDs : tasks.map((t) => t.TaskID);
    return {
      ...(taskIds.length > 0 && { taskIds }),
      tasks: Object.fromEntries(
        tasks.map((t) => [t.TaskID, { url: t.URL ?? ref.tasks?.[t.TaskID]?.url, status: t.Status }]),
      ),
    };
  }

  async function fetchTask(job: JobView, ref: ScrapeDoRef, taskId: string, index: number, ctx: CallContext) {
    const fallbackUrl = ref.tasks?.[taskId]?.url ?? (job.input.kind === 'urls' ? job.input.urls[index] : undefined) ?? '';
    const res = await request(ctx, 'GET', `${jobPath(ref)}/${encodeURIComponent(taskId)}`);
    // 410 Gone: "Task response content is no longer available" (changelog); 404: the task is gone too.
    if (res.status === 410 || res.status === 404) return { kind: 'gone', url: fallbackUrl } satisfies TaskOutcome;
    if (!isOk(res)) throw client.fail(res);
    return { kind: 'task', task: parseJson(res, TaskDetails, 'Scrape.do task result'), fallbackUrl } satisfies TaskOutcome;
  }

  async function account(ctx: CallContext) {
    const res = await request(ctx, 'GET', '/api/v1/me');
    if (!isOk(res)) throw client.fail(res);
    return parseJson(res, Account, 'Scrape.do account');
  }

  return {
    async submit(job, ctx) {
      const urls = urlsOf(job, LABEL);
      if (urls.length > SCRAPE_DO_MAX_TARGETS) {
        throw new ProviderError('fatal', `Scrape.do takes at most ${SCRAPE_DO_MAX_TARGETS} URLs per job (got ${urls.length})`);
      }
      const opts = optionsOf(job);
      const res = await request(ctx, 'POST', '/api/v1/jobs', {
        Targets: urls,
        ...(opts.super !== undefined && { Super: opts.super }),
        ...(opts.geoCode && { GeoCode: opts.geoCode }),
        // Rendering is switched on by sending a Render object (reference §3 "Submit"; 3P scrape-do-mcp).
        ...(opts.render && { Render: { WaitUntil: 'domcontentloaded' } }),
        ...(opts.output && { Output: opts.output }),
        ...(ctx.webhookUrl && { WebhookURL: tagWebhookUrl(ctx.webhookUrl, urls.length, opts.output === 'markdown') }),
      });
      // 200 vs 201 is not documented (reference §3 "Biggest unknowns"): any 2xx is a created job.
      if (!isOk(res)) throw client.fail(res);
      const created = parseJson(res, CreateJobResponse, 'Scrape.do job creation');
      // One task per target; we assume TaskIDs follow Targets' order. Task answers carry the real URL anyway.
      const ref: ScrapeDoRef = {
        jobId: created.JobID,
        taskIds: created.TaskIDs,
        tasks: Object.fromEntries(created.TaskIDs.map((id, i) => [id, { url: urls[i] }])),
      };
      return {
        ref,
        providerJobIds: [created.JobID],
        progress: { done: 0, total: created.TaskIDs.length },
        // The documented rule (kept 3 days after creation); per-task ExpiresAt from webhooks refines it.
        expiresAt: deps.now() + RETENTION_MS,
      };
    },

    async status(job, ctx): Promise<StatusResult> {
      const ref = refOf(job);
      const d = await jobDetails(job, ref, ctx);
      const tasks = d.Tasks ?? [];
      // Without a Tasks list, fall back to the job-level Status for every task we know of.
      const phases: TaskPhase[] = tasks.length
        ? tasks.map((t) => taskPhase(t.Status))
        : Array.from({ length: Math.max(1, ref.taskIds?.length ?? 0) }, () => taskPhase(d.Status));
      const { state, progress } = jobState(phases, d.Canceled === true);
      return { state, progress, ref: mergeRef(ref, learned(ref, d)) };
    },

    async result(job, ctx): Promise<ScrapeRecord[]> {
      let ref = refOf(job);
      // A ref that came from a webhook may lack the task list: learn it from the job details.
      if (!ref.taskIds?.length) ref = mergeRef(ref, learned(ref, await jobDetails(job, ref, ctx)));
      const taskIds = ref.taskIds ?? [];
      const markdown = optionsOf(job).output === 'markdown';
      const outcomes = await mapLimit(taskIds, RESULT_FETCH_PARALLELISM, (id, i) => fetchTask(job, ref, id, i, ctx));
      if (outcomes.some((o) => o.kind === 'task' && taskPhase(o.task.Status) === 'running')) {
        throw new ProviderError('not-ready', 'Some Scrape.do tasks are still running', { retryAfterMs: 15_000 });
      }
      if (outcomes.length > 0 && outcomes.every((o) => o.kind === 'gone')) {
        throw new ProviderError('expired', 'Scrape.do no longer has these results (410 Gone; kept 3 days after creation)', {
          status: 410,
        });
      }
      return outcomes.map((o) =>
        o.kind === 'gone'
          ? { url: o.url, error: 'Scrape.do no longer has this result (410 Gone)' }
          : taskToRecord(o.task, o.fallbackUrl, markdown),
      );
    },

    async cancel(job, ctx) {
      const ref = refOf(job);
      const res = await request(ctx, 'DELETE', jobPath(ref));
      // 406 = the job already completed (seed "Error Responses"): nothing left to cancel, not an error.
      if (res.status === 406) {
        deps.logger.info('Scrape.do job already finished; nothing to cancel', { jobId: ref.jobId });
        return;
      }
      if (!isOk(res)) throw client.fail(res);
    },

    parseWebhook: (event) => parseScrapeDoWebhook(event, deps.now()),

    checkKey: checkKeyWith(async (ctx) => {
      let me: Account;
      try {
        me = await account(ctx);
      } catch (e) {
        // A rejected token is the check's answer, not a failure to check.
        if (e instanceof ProviderError && e.kind === 'auth') return { ok: false, message: e.message };
        throw e;
      }
      const credits = me.AvaliableCredits ?? me.AvailableCredits;
      const details: Record<string, number> = {};
      if (credits !== undefined) details.credits = credits;
      if (me.FreeConcurrency !== undefined) details.freeConcurrency = me.FreeConcurrency;
      if (me.TotalConcurrency !== undefined) details.totalConcurrency = me.TotalConcurrency;
      if (me.ActiveJobs !== undefined) details.activeJobs = me.ActiveJobs;
      const parts = [
        credits !== undefined && `${credits} credits`,
        me.FreeConcurrency !== undefined && `${me.FreeConcurrency}/${me.TotalConcurrency ?? '?'} async slots free`,
      ].filter(Boolean);
      return {
        ok: true,
        message: `Scrape.do token works${parts.length ? `: ${parts.join(', ')}` : ''}`,
        details,
        ...(credits !== undefined && { remainingCredits: credits }),
      };
    }),

    /**
     * The account's free async concurrency (`FreeConcurrency` from GET /api/v1/me), so the scheduler can
     * avoid queueing more jobs than Scrape.do will run (seed "Best Practices" 4).
     */
    accountConcurrency: async (ctx) => (await account(ctx)).FreeConcurrency,
  };
}
