/**
 * ScraperAPI Async API behind the ProviderAdapter interface. Facts and tolerant choices cite
 * /work/shared/reference/provider-apis.md §2 and the seed scraperapi-async-overview.txt.
 *
 * @example const adapter = createScraperApiAdapter({ fetch, now: Date.now, logger: console });
 */
import { PROVIDERS } from '../catalog';
import { ProviderError, isProviderError } from '../errors';
import { bodyMessage, joinUrl, send } from '../kit/http';
import type { CallContext, KeyCheck, PollPlan, ProviderAdapter, ProviderDeps } from '../types';
import { cancelTasks } from './cancel';
import { createBackoff } from './messages';
import { JobAnswer } from './schemas';
import { pollScraperApi, readRef } from './status';
import { submitScraperApi } from './submit';
import { parseScraperApiWebhook } from './webhook';

/**
 * Jobs of 5–30 s: first poll at 15 s, the second ≈ 30 s later, so < 2 polls on average. Jobs may
 * retry for up to 24 h (seed), so the interval grows to 10 min: a finished job is read well inside
 * the 24 h guaranteed retention, and its records are stored from that very status answer.
 */
export const SCRAPERAPI_POLL_PLAN: PollPlan = {
  firstPollDelayMs: 15_000,
  // With the relay, the callback should arrive first; polling is the fallback.
  firstPollDelayWithRelayMs: 120_000,
  minIntervalMs: 10_000,
  maxIntervalMs: 10 * 60_000,
  backoffFactor: 2,
  // No async concurrency limit is documented; 429 means "too many concurrent submissions" (§2 Errors).
  concurrency: 4,
  // "Results are stored for up to 72 hours (24 hours guaranteed)" (seed).
  retentionMs: 72 * 60 * 60_000,
  maxTransientAttempts: 5,
};

const safeJob = (text: string) => {
  try {
    return JobAnswer.safeParse(JSON.parse(text));
  } catch {
    return JobAnswer.safeParse(undefined);
  }
};

export function createScraperApiAdapter(deps: ProviderDeps): ProviderAdapter {
  const info = PROVIDERS.scraperapi;
  const backoff = createBackoff();

  /**
   * The Async API documents no account endpoint (§2), so the check submits a job with an empty URL:
   * the key is checked first (401), then the input (400) — nothing is scraped or billed. Anything
   * else is reported as what it is.
   */
  async function checkKey(ctx: CallContext): Promise<KeyCheck> {
    try {
      const res = await send(deps, {
        method: 'POST',
        url: joinUrl(ctx.config.baseUrl, '/jobs'),
        body: { apiKey: ctx.config.apiKey, url: '' },
        keyedFor: ctx.config,
      });
      const message = bodyMessage(res.text);
      if (res.status === 400 || res.status === 422) return { ok: true, message: 'Key accepted by ScraperAPI.' };
      if (res.status === 401) return { ok: false, message: `Bad API key: ScraperAPI says "${message}".` };
      if (res.status === 403) {
        return { ok: false, message: `Key accepted, but ScraperAPI refuses jobs: "${message}" (out of credits or plan limit).` };
      }
      if (res.status === 429) return { ok: false, message: 'ScraperAPI is rate limiting this key right now; try again in a minute.' };
      if (res.status === 200 || res.status === 201) {
        // Accepted an empty URL after all: the key works; stop the pointless job.
        const answer = safeJob(res.text);
        if (answer.success) {
          await cancelTasks(deps, ctx, [{ id: answer.data.id, url: '', statusUrl: '', state: 'running' }]).catch(() => undefined);
        }
        return { ok: true, message: 'Key accepted by ScraperAPI.' };
      }
      return { ok: false, message: `Could not check the key: HTTP ${res.status}: ${message}` };
    } catch (e) {
      if (isProviderError(e)) return { ok: false, message: `Could not check the key: ${e.message}` };
      throw e;
    }
  }

  return {
    id: 'scraperapi',
    label: info.label,
    defaultBaseUrl: info.defaultBaseUrl,
    needsKey: true,
    // The adapter splits into 50,000-URL batch requests itself (seed), so one job may hold more.
    capabilities: { inputKinds: ['urls'], cancel: true, webhook: true, maxBatch: 200_000 },
    pollPlan: SCRAPERAPI_POLL_PLAN,
    submit: (job, ctx) => submitScraperApi(deps, backoff, job, ctx),
    status: (job) => pollScraperApi(deps, backoff, job),
    // Finished status answers carry the page, so status() returns the records with 'done'; this is
    // only reached if a caller asks anyway: the records already stored in the ref are the result.
    async result(job) {
      const summary = await pollScraperApi(deps, backoff, job);
      if (summary.state === 'running') {
        throw new ProviderError('not-ready', 'ScraperAPI is still working on some URLs', {
          retryAfterMs: SCRAPERAPI_POLL_PLAN.minIntervalMs,
        });
      }
      return summary.records ?? [];
    },
    cancel: (job, ctx) => cancelTasks(deps, ctx, readRef(job).tasks),
    parseWebhook: parseScraperApiWebhook,
    checkKey,
  };
}
