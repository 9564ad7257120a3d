/**
 * ScrapingPros async-collections adapter: each job creates a collection of its URLs and runs it (or re-runs
 * a saved collection), then follows the run's counters.
 * Reference: ../../../../shared/reference/provider-apis.md §4 and the seed scrapingpros-async-endpoints.txt.
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { urlsOf } from '../kit/guards';
import { checkKeyWith } from '../kit/key-check';
import { readOptions, readRef } from '../kit/read';
import type { AdapterBehaviour, CallContext, JobView, PollPlan, ProviderDeps, StatusResult } from '../types';
import { createScrapingProsClient } from './client';
import { createCollections } from './collections';
import { requestFields, ScrapingProsOptions, ScrapingProsRef } from './ref';
import { collectRecords } from './results';
import type { Run } from './schemas';
import { parseScrapingProsWebhook } from './webhook';
import { TYPICAL_5_TO_30_S } from '../kit/poll-checkpoints';

export const LABEL = 'ScrapingPros';

/** Newer docs keep per-job results 24 h; the seed documents no retention. */
const RETENTION_MS = 24 * 60 * 60 * 1000;
/** No documented per-collection limit; our own cap so one job stays a reasonable size. */
export const SCRAPING_PROS_MAX_BATCH = 500;

/**
 * First poll at 15 s then 2x covers 5–30 s runs in 1.6 status requests on average (the seed example polls
 * every 5 s, which would take 1–6). Two requests in flight: the SDK's demo token mentions 30 requests/min.
 * The run.completed callback is only in the newer docs and how to register it is unknown, so with a relay
 * the first poll is only moderately later.
 */
export const SCRAPING_PROS_POLL_PLAN: PollPlan = {
  ...TYPICAL_5_TO_30_S,
  firstPollDelayWithRelayMs: 45_000,
  // Per job: the account-wide pace is the concurrency cap and the 429 backoff.
  minIntervalMs: 10_000,
  maxIntervalMs: 120_000,
  backoffFactor: 2,
  concurrency: 2,
  retentionMs: RETENTION_MS,
  maxTransientAttempts: 5,
};

function progressOf(run: Run) {
  const done = run.success_requests + run.failed_requests + run.timeout_requests;
  return { done: Math.min(done, run.total_requests), total: run.total_requests };
}

const refOf = (job: JobView) => readRef(ScrapingProsRef, job.ref, LABEL);
const optionsOf = (job: JobView) => readOptions(ScrapingProsOptions, job.options, LABEL);

export function createScrapingProsAdapter(deps: ProviderDeps): AdapterBehaviour {
  const client = createScrapingProsClient(deps);

  async function run(job: JobView, ref: ScrapingProsRef, ctx: CallContext): Promise<Run> {
    const found = await client.getRun(ctx, ref.collectionId, ref.runId);
    if (found) return found;
    throw deps.now() - job.createdAt >= RETENTION_MS
      ? new ProviderError('expired', 'ScrapingPros no longer has this run (results are kept 24 h)', { status: 404 })
      : new ProviderError('fatal', 'ScrapingPros does not know this run (was the collection deleted?)', { status: 404 });
  }

  const completedRef = (ref: ScrapingProsRef, r: Run): ScrapingProsRef => ({
    ...ref,
    completed: true,
    failedJobs: (r.failed_jobs ?? []).map((f) => ({ url: f.url, ...(f.error && { error: f.error }) })),
    ...(r.job_ids && { jobIds: r.job_ids }),
  });

  return {
    async submit(job, ctx) {
      const urls = urlsOf(job, LABEL);
      const opts = optionsOf(job);
      let collectionId = opts.collectionId;
      if (!collectionId) {
        const requests = urls.map((url) => ({ url, ...requestFields(opts) }));
        const name = opts.collectionName ?? `Scrape Queue ${new Date(deps.now()).toISOString()}`;
        // Idempotency-Key = job id: if the run call below fails and the scheduler retries submit, the
        // provider hands back the same collection instead of creating a second one (newer docs).
        const created = await client.createCollection(
          ctx,
          { name, requests, ...(ctx.webhookUrl && { callback_url: ctx.webhookUrl }) },
          job.id,
        );
        collectionId = created.id;
      }
      const started = await client.runCollection(ctx, collectionId);
      const ref: ScrapingProsRef = { collectionId, runId: started.run_id };
      return { ref, providerJobIds: [started.run_id], progress: progressOf(started) };
    },

    async status(job, ctx): Promise<StatusResult> {
      const ref = refOf(job);
      const r = await run(job, ref, ctx);
      const progress = progressOf(r);
      if (r.status !== 'completed') return { state: 'running', progress };
      // Completed is 'done' even if every request failed: result() turns failed_jobs into per-URL error
      // records, which say more than one job-level error would.
      return { state: 'done', progress, ref: completedRef(ref, r) };
    },

    async result(job, ctx): Promise<ScrapeRecord[]> {
      let ref = refOf(job);
      if (!ref.completed) {
        // E.g. finished by a webhook, which does not carry failed_jobs: read them from the run.
        const r = await run(job, ref, ctx);
        if (r.status !== 'completed') throw new ProviderError('not-ready', 'ScrapingPros run is still in progress', { retryAfterMs: 15_000 });
        ref = completedRef(ref, r);
      }
      const urls = job.input.kind === 'urls' ? job.input.urls : [];
      return collectRecords({ client, ctx, ref, urls, opts: optionsOf(job), logger: deps.logger });
    },

    // Cancelling a run is not documented (reference §4): no cancel().

    parseWebhook: parseScrapingProsWebhook,

    /** GET /v1/async/collections is the cheapest authenticated call (no credits). */
    checkKey: checkKeyWith(async (ctx) => {
      try {
        const collections = await client.listCollections(ctx);
        return { ok: true, message: 'ScrapingPros key works', details: { collections: collections.length } };
      } catch (e) {
        // A rejected key is the check's answer, not a failure to check.
        if (e instanceof ProviderError && e.kind === 'auth') return { ok: false, message: e.message };
        throw e;
      }
    }),

    collections: createCollections(client),
  };
}
