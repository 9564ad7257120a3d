/**
 * ScrapeLLM async-job adapter: one prompt to one AI scraper (chatgpt, perplexity, …) per job.
 * Reference: ../../../../shared/reference/provider-apis.md §5 and the seed scrapellm-async-mode.txt.
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { inputOf } from '../kit/guards';
import { isOk, joinUrl, parseJson, send } from '../kit/http';
import { checkKeyWith } from '../kit/key-check';
import { readOptions, readRef } from '../kit/read';
import type { AdapterBehaviour, CallContext, JobView, PollPlan, ProviderDeps, StatusResult } from '../types';
import { createScrapeLlmClient } from './client';
import { ScrapeLlmScraper } from './labels';
import { scrapeLlmMessage } from './messages';
import { costOf, resultToRecord } from './records';
import { ScrapeLlmOptions, ScrapeLlmRef } from './ref';
import { JobStatusResponse, SubmitResponse } from './schemas';
import { TYPICAL_5_TO_30_S } from '../kit/poll-checkpoints';

export const LABEL = 'ScrapeLLM';

/** Jobs are kept 24 h from submission, then GET /jobs/{id} is 404 (seed "How long are jobs retained?"). */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * "Most complete in 5–30 seconds", up to ~60 s (seed). The seed suggests polling every 3 s (5–10 polls per
 * job); a first poll at 15 s then 2x (+30 s) needs 1.6 polls on average for 5–30 s jobs, and the 60 s cap
 * keeps long (timeout up to 600 s) jobs from waiting much past their end. No webhooks exist, so the relay
 * changes nothing.
 */
export const SCRAPE_LLM_POLL_PLAN: PollPlan = {
  ...TYPICAL_5_TO_30_S,
  firstPollDelayWithRelayMs: 15_000,
  // Per job: the account-wide pace is the concurrency cap and the 429 backoff.
  minIntervalMs: 10_000,
  maxIntervalMs: 60_000,
  backoffFactor: 2,
  concurrency: 5,
  retentionMs: RETENTION_MS,
  maxTransientAttempts: 5,
};

const refOf = (job: JobView) => readRef(ScrapeLlmRef, job.ref, LABEL);

export function createScrapeLlmAdapter(deps: ProviderDeps): AdapterBehaviour {
  const client = createScrapeLlmClient(deps);
  const submitPath = (scraper: string) => `/scrapers/${encodeURIComponent(scraper)}/jobs`;

  /**
   * GET /jobs/{id} needs no authentication (the UUID is the capability), so the key is not sent: fewer
   * places it can leak to. A 404 means the 24 h retention passed.
   */
  async function fetchStatus(ctx: CallContext, ref: ScrapeLlmRef, job: JobView): Promise<JobStatusResponse> {
    const res = await send(deps, { url: joinUrl(ctx.config.baseUrl, `/jobs/${encodeURIComponent(ref.jobId)}`) });
    if (res.status === 404) {
      // Either way the job cannot continue; the message says which case it looks like.
      const ageMs = deps.now() - (job.submittedAt ?? job.createdAt);
      const message =
        ageMs >= RETENTION_MS
          ? 'ScrapeLLM job expired after 24 h (no longer on the server)'
          : `ScrapeLLM no longer has this job (HTTP 404) ${Math.max(1, Math.round(ageMs / 60_000))} min after submitting; it keeps jobs up to 24 h, so check the API base URL`;
      throw new ProviderError('expired', message, { status: 404 });
    }
    if (!isOk(res)) throw client.fail(res);
    return parseJson(res, JobStatusResponse, 'ScrapeLLM job status');
  }

  function toStatus(ref: ScrapeLlmRef, body: JobStatusResponse): StatusResult {
    const cost = costOf(body.result);
    switch (body.status) {
      case 'done':
        return {
          state: 'done',
          progress: { done: 1, total: 1 },
          ...(body.result && { records: [resultToRecord(ref.scraper, body.result)] }),
          ...(cost && { cost }),
        };
      case 'failed':
        // Credits are restored when every retry failed (seed "Job lifecycle").
        return { state: 'failed', progress: { done: 1, total: 1 }, error: body.error || 'ScrapeLLM job failed after retries' };
      default:
        // `pending` covers both queued and running: the API does not tell them apart.
        return { state: 'running', progress: { done: 0, total: 1 } };
    }
  }

  return {
    async submit(job, ctx) {
      const { prompt, scraper: asked } = inputOf(job, LABEL, 'prompt');
      const scraper = ScrapeLlmScraper.safeParse(asked);
      if (!scraper.success) throw new ProviderError('fatal', `ScrapeLLM has no scraper "${asked}"`);
      const opts = readOptions(ScrapeLlmOptions, job.options, LABEL);
      const country = (opts.country ?? ctx.config.extra.country ?? 'US').toUpperCase();
      const res = await client.request(ctx.config, {
        method: 'POST',
        path: submitPath(scraper.data),
        query: {
          prompt,
          country,
          ...(opts.bypassCache !== undefined && { bypass_cache: String(opts.bypassCache) }),
          ...(opts.timeoutSec !== undefined && { timeout: String(opts.timeoutSec) }),
        },
      });
      if (!isOk(res)) throw client.fail(res);
      const jobId = parseJson(res, SubmitResponse, 'ScrapeLLM job submission');
      const ref: ScrapeLlmRef = { jobId, scraper: scraper.data };
      return { ref, providerJobIds: [jobId], progress: { done: 0, total: 1 } };
    },

    async status(job, ctx) {
      const ref = refOf(job);
      return toStatus(ref, await fetchStatus(ctx, ref, job));
    },

    /** The status answer already carries the result; this is for a scheduler that asks again. */
    async result(job: JobView, ctx: CallContext): Promise<ScrapeRecord[]> {
      const ref = refOf(job);
      const status = toStatus(ref, await fetchStatus(ctx, ref, job));
      if (status.state === 'failed') throw new ProviderError('fatal', status.error ?? 'ScrapeLLM job failed');
      if (status.state !== 'done') throw new ProviderError('not-ready', 'ScrapeLLM job is still pending', { retryAfterMs: 15_000 });
      return status.records ?? [];
    },

    /**
     * No account endpoint is documented, and a real job costs credits. We submit a job without a prompt:
     * a bad key answers 401 before validation, a good key gets the validation error (400/422) and no job
     * is created. A heuristic: if the API ever validated before authenticating, a bad key would look good.
     */
    checkKey: checkKeyWith(async (ctx) => {
      const res = await client.request(ctx.config, { method: 'POST', path: submitPath('chatgpt') });
      if (res.status === 400 || res.status === 422 || isOk(res)) {
        return { ok: true, message: 'ScrapeLLM accepted the key (checked without starting a job)' };
      }
      if (res.status === 429) return { ok: true, message: scrapeLlmMessage(429, res.text) };
      return { ok: false, message: scrapeLlmMessage(res.status, res.text) };
    }),
  };
}
