/**
 * ScraperAPI Async API behind the ProviderAdapter interface. Facts and tolerant choices cite
 * /work/shared/reference/provider-apis.md §2 and the seed scraperapi-async-overview.txt.
 *
 * @example const adapter = createScraperApiAdapter({ fetch, now: Date.now, logger: console });
 */
import { ProviderError } from '../errors';
import { bodyMessage, isOk } from '../kit/http';
import { checkKeyWith } from '../kit/key-check';
import type { AdapterBehaviour, CallContext, KeyCheck, PollPlan, ProviderDeps } from '../types';
import { fetchAccount } from './account';
import { cancelTasks } from './cancel';
import { createScraperApiClient } from './client';
import { JobAnswer } from './schemas';
import { pollScraperApi, readRef } from './status';
import { submitScraperApi } from './submit';
import { parseScraperApiWebhook } from './webhook';
import { TYPICAL_5_TO_30_S } from '../kit/poll-checkpoints';

/**
 * Jobs of 5–30 s: first poll at 15 s, the second ≈ 30 s later, so < 2 polls on average. Jobs may
 * retry for up to 24 h (seed), so the interval grows to 10 min: a finished job is read well inside
 * the 24 h guaranteed retention, and its records are stored from that very status answer.
 */
export const SCRAPERAPI_POLL_PLAN: PollPlan = {
  ...TYPICAL_5_TO_30_S,
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

export const LABEL = 'ScraperAPI';

export function createScraperApiAdapter(deps: ProviderDeps): AdapterBehaviour {
  const client = createScraperApiClient(deps);
  const { backoff } = client;

  /** The key is judged by the Async API itself; credits left come from the main API's /account (account.ts). */
  async function checkKey(ctx: CallContext): Promise<KeyCheck> {
    const verdict = await checkKeyBySubmit(ctx);
    if (!verdict.ok) return verdict;
    // Credits left, where /account tells; otherwise the check says nothing about them.
    const account = await fetchAccount(deps, ctx.config);
    if (account.remainingCredits === undefined) return verdict;
    const details: Record<string, number> = { 'credits left': account.remainingCredits };
    if (account.used !== undefined) details['credits used'] = account.used;
    if (account.limit !== undefined) details['credit limit'] = account.limit;
    if (account.concurrencyLimit !== undefined) details['concurrency limit'] = account.concurrencyLimit;
    return { ...verdict, message: `Key accepted by ScraperAPI: ${account.remainingCredits.toLocaleString('en-US')} credits left.`, details, remainingCredits: account.remainingCredits };
  }

  /**
   * The Async API documents no account endpoint (§2), so the check submits a job with an empty URL:
   * the key is checked first (401), then the input (400) — nothing is scraped or billed. Anything
   * else is reported as what it is.
   */
  async function checkKeyBySubmit(ctx: CallContext): Promise<KeyCheck> {
    const res = await client.keyed(ctx, 'POST', '/jobs', { url: '' });
    const message = bodyMessage(res.text);
    if (res.status === 400 || res.status === 422) return { ok: true, message: 'Key accepted by ScraperAPI.' };
    if (res.status === 401) return { ok: false, message: `Bad API key: ScraperAPI says "${message}".` };
    if (res.status === 403) {
      return { ok: false, message: `Key accepted, but ScraperAPI refuses jobs: "${message}" (out of credits or plan limit).` };
    }
    if (res.status === 429) return { ok: false, message: 'ScraperAPI is rate limiting this key right now; try again in a minute.' };
    if (isOk(res)) {
      // Accepted an empty URL after all: the key works; stop the pointless job.
      const answer = safeJob(res.text);
      if (answer.success) {
        await cancelTasks(deps, client, ctx, [{ id: answer.data.id, url: '', statusUrl: '', state: 'running' }]).catch(() => undefined);
      }
      return { ok: true, message: 'Key accepted by ScraperAPI.' };
    }
    return { ok: false, message: `Could not check the key: HTTP ${res.status}: ${message}` };
  }

  return {
    submit: (job, ctx) => submitScraperApi(deps, client, job, ctx),
    status: (job, ctx) => pollScraperApi(deps, backoff, job, ctx),
    // Finished status answers carry the page, so status() returns the records with 'done'; this is
    // only reached if a caller asks anyway: the records already stored in the ref are the result.
    async result(job, ctx) {
      const summary = await pollScraperApi(deps, backoff, job, ctx);
      if (summary.state === 'running') {
        throw new ProviderError('not-ready', 'ScraperAPI is still working on some URLs', {
          retryAfterMs: SCRAPERAPI_POLL_PLAN.minIntervalMs,
        });
      }
      return summary.records ?? [];
    },
    cancel: (job, ctx) => cancelTasks(deps, client, ctx, readRef(job).tasks),
    parseWebhook: parseScraperApiWebhook,
    checkKey: checkKeyWith(checkKey),
  };
}
