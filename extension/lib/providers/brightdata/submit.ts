/**
 * Submitting to Bright Data: sync `/scrape` for "now" jobs of ≤ 20 URLs, async `/trigger` otherwise
 * (seed brightdata-sync-vs-async.txt; provider-apis.md §1 Submit).
 */
import { ProviderError } from '../errors';
import { inputOf } from '../kit/guards';
import { parseJson } from '../kit/http';
import { readOptions } from '../kit/read';
import type { CallContext, JobView, ProviderDeps, SubmitResult } from '../types';
import type { BrightDataClient } from './client';
import { brightDataError } from './messages';
import { recordsFromText } from './records';
import { BrightDataOptions, type BrightDataRef } from './ref';
import { SnapshotAnswer } from './schemas';

/** Generic page dataset (Fetch API, formerly Crawl API) — provider-apis.md §1 Results. */
export const DEFAULT_DATASET_ID = 'gd_m6gjtfmeh43we6cqc';
/** "Max URLs per request: 20" for /scrape (seed). */
export const SYNC_MAX_URLS = 20;
/** Query parameter carrying our job id on the webhook URL: deliveries carry no snapshot id (§1 Webhooks). */
export const WEBHOOK_TAG_PARAM = 'sq_job';

export const datasetIdOf = (ctx: CallContext): string => ctx.config.extra.datasetId?.trim() || DEFAULT_DATASET_ID;
export const webhookTagOf = (jobId: string): string => `job:${jobId}`;

const optionsOf = (job: JobView): BrightDataOptions => readOptions(BrightDataOptions, job.options, 'Bright Data');

function taggedWebhookUrl(webhookUrl: string, jobId: string): string {
  const url = new URL(webhookUrl);
  url.searchParams.set(WEBHOOK_TAG_PARAM, jobId);
  return url.toString();
}

/** Submit-time errors: 404 here means the dataset id is wrong ("Collector not found", §1 Errors). */
function submitError(deps: ProviderDeps, res: { status: number; text: string; headers: Headers }, datasetId: string) {
  if (res.status === 404) {
    const why = res.text.trim() || 'HTTP 404';
    return new ProviderError('fatal', `Bright Data dataset "${datasetId}" not found (${why}): check the dataset ID in Options.`, {
      status: 404,
    });
  }
  return brightDataError(deps, res, 'submit');
}

export async function submitBrightData(
  deps: ProviderDeps,
  client: BrightDataClient,
  job: JobView,
  ctx: CallContext,
): Promise<SubmitResult> {
  const datasetId = datasetIdOf(ctx);
  const { mode } = optionsOf(job);
  const input = inputOf(job, 'Bright Data', 'urls', 'discover');

  if (mode === 'now' && input.kind === 'urls' && input.urls.length <= SYNC_MAX_URLS) {
    const res = await client.request(ctx.config, {
      method: 'POST',
      path: '/datasets/v3/scrape',
      query: { dataset_id: datasetId, format: 'json' },
      body: input.urls.map((url) => ({ url })),
    });
    if (res.status === 202) {
      // Took longer than the 1-minute sync timeout: Bright Data turned it into an async job (seed).
      const { snapshot_id } = parseJson(res, SnapshotAnswer, 'Bright Data /scrape');
      const ref: BrightDataRef = { kind: 'snapshot', snapshotId: snapshot_id, datasetId, autoConverted: true };
      deps.logger.info(`Bright Data /scrape auto-converted to snapshot ${snapshot_id}`);
      return { ref, providerJobIds: [snapshot_id], progress: { done: 0, total: input.urls.length } };
    }
    if (res.status !== 200) throw submitError(deps, res, datasetId);
    const records = recordsFromText(res.text);
    const ref: BrightDataRef = { kind: 'inline', datasetId };
    return { ref, providerJobIds: [], records, progress: { done: input.urls.length, total: input.urls.length } };
  }

  const query: Record<string, string | undefined> = { dataset_id: datasetId, format: 'json', include_errors: 'true' };
  let body: unknown[];
  if (input.kind === 'discover') {
    query.type = 'discover_new';
    query.discover_by = input.discoverBy ?? 'keyword';
    body = [{ keyword: input.keyword }];
  } else {
    body = input.urls.map((url) => ({ url }));
  }
  let webhookTag: string | undefined;
  if (ctx.webhookUrl) {
    // API reference + SDKs call it `endpoint` (newer guides say `webhook`) [CONFLICT]; the payload is
    // gzip unless uncompressed_webhook=true (§1 Webhooks).
    query.endpoint = taggedWebhookUrl(ctx.webhookUrl, job.id);
    query.uncompressed_webhook = 'true';
    webhookTag = webhookTagOf(job.id);
  }
  const res = await client.request(ctx.config, { method: 'POST', path: '/datasets/v3/trigger', query, body });
  if (res.status !== 200) throw submitError(deps, res, datasetId);
  const { snapshot_id } = parseJson(res, SnapshotAnswer, 'Bright Data /trigger');
  const ref: BrightDataRef = { kind: 'snapshot', snapshotId: snapshot_id, datasetId, webhookTag };
  const total = input.kind === 'urls' ? input.urls.length : 0;
  return {
    ref,
    providerJobIds: webhookTag ? [snapshot_id, webhookTag] : [snapshot_id],
    ...(total ? { progress: { done: 0, total } } : {}),
  };
}
