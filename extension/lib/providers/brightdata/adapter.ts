/**
 * Bright Data Web Scraper API (datasets v3) behind the ProviderAdapter interface.
 * Facts and tolerant choices cite /work/shared/reference/provider-apis.md §1 and the seed
 * brightdata-sync-vs-async.txt.
 *
 * @example const adapter = createBrightDataAdapter({ fetch, now: Date.now, logger: console });
 */
import { checkKeyWith } from '../kit/key-check';
import type { AdapterBehaviour, CallContext, KeyCheck, PollPlan, ProviderDeps } from '../types';
import { createBrightDataClient } from './client';
import { brightDataMessage } from './messages';
import { createRateLimitBudget } from './rate-limit';
import { cancelSnapshot, downloadSnapshot, progressOf } from './snapshot';
import { datasetIdOf, submitBrightData } from './submit';
import { parseBrightDataWebhook } from './webhook';
import { TYPICAL_5_TO_30_S } from '../kit/poll-checkpoints';

/**
 * Jobs of 5–30 s: a first poll at 15 s catches the short ones, the second (≈ 45 s with 2× growth)
 * the rest, so < 2 progress calls on average. The official JS SDK polls every 10–30 s (§1 Status).
 */
export const BRIGHTDATA_POLL_PLAN: PollPlan = {
  ...TYPICAL_5_TO_30_S,
  // The webhook should arrive first; polling is only the fallback for a lost delivery.
  firstPollDelayWithRelayMs: 120_000,
  minIntervalMs: 10_000,
  maxIntervalMs: 5 * 60_000,
  backoffFactor: 2,
  // Async concurrency limit is 100 (seed), but every in-flight request can earn a 429 and the
  // 429 budget (rate-limit.ts) relies on few requests in flight: 10 + 5 − 1 < 25.
  concurrency: 5,
  // "downloadable for 30 days after the job completes" (§1 Results, limits.md).
  retentionMs: 30 * 24 * 60 * 60_000,
  maxTransientAttempts: 5,
};

export const LABEL = 'Bright Data';

export function createBrightDataAdapter(deps: ProviderDeps): AdapterBehaviour {
  const client = createBrightDataClient(deps, createRateLimitBudget(deps.now));

  async function checkKey(ctx: CallContext): Promise<KeyCheck> {
    const datasetId = datasetIdOf(ctx);
    // Cheapest authenticated call that also proves the dataset id: list at most one snapshot.
    const res = await client.request(ctx.config, {
      path: '/datasets/v3/snapshots',
      query: { dataset_id: datasetId, limit: '1' },
    });
    const message = brightDataMessage(res.text);
    if (res.status === 200) return { ok: true, message: `Key accepted; dataset ${datasetId} found.` };
    if (res.status === 401 || res.status === 403) return { ok: false, message: `Bad API key: Bright Data says "${message}".` };
    if (res.status === 404) {
      return { ok: false, message: `Key accepted, but dataset "${datasetId}" was not found ("${message}"). Check the dataset ID.` };
    }
    return { ok: false, message: `Could not check the key: HTTP ${res.status}: ${message}` };
  }

  return {
    submit: (job, ctx) => submitBrightData(deps, client, job, ctx),
    status: (job, ctx) => progressOf(deps, client, job, ctx.config),
    result: (job, ctx) => downloadSnapshot(deps, client, job, ctx.config),
    cancel: (job, ctx) => cancelSnapshot(deps, client, job, ctx.config),
    parseWebhook: parseBrightDataWebhook,
    checkKey: checkKeyWith(checkKey),
  };
}
