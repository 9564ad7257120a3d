/**
 * Submitting to ScraperAPI Async: `POST /jobs` for one URL, `POST /batchjobs` for several, split at
 * the 50,000-URL hard maximum (seed scraperapi-async-overview.txt; provider-apis.md §2 Submit).
 */
import { ProviderError } from '../errors';
import { urlsOf } from '../kit/guards';
import { joinUrl, parseJson } from '../kit/http';
import { readOptions as readJobOptions } from '../kit/read';
import type { CallContext, JobView, ProviderDeps, SubmitResult } from '../types';
import { cancelTasks } from './cancel';
import type { ScraperApiClient } from './client';
import { scraperApiError } from './messages';
import { ScraperApiOptions, type ScraperApiRef, type Task } from './ref';
import { BatchAnswer, JobAnswer } from './schemas';

/** "A single batch job can include up to 50 000 URLs … the maximum allowed" (seed). */
export const BATCH_MAX_URLS = 50_000;
/** Query parameters we add to the relay URL so a stateless webhook parser knows the job's shape. */
export const TASK_COUNT_PARAM = 'sqTasks';
export const FORMAT_PARAM = 'sqFmt';

type ApiParams = Record<string, string | number | boolean>;

function readOptions(job: JobView, ctx: CallContext): { apiParams: ApiParams; format: ScraperApiRef['format'] } {
  const o = readJobOptions(ScraperApiOptions, job.options, 'ScraperAPI');
  const extraMaxCost = ctx.config.extra.maxCost?.trim();
  const configMaxCost = extraMaxCost ? Number(extraMaxCost) : undefined;
  if (configMaxCost !== undefined && !(configMaxCost > 0)) {
    throw new ProviderError('fatal', `ScraperAPI max cost "${extraMaxCost}" in Options is not a positive number`);
  }
  const apiParams: ApiParams = { ...o.apiParams };
  const set = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) apiParams[key] = value;
  };
  set('render', o.render);
  set('country_code', o.countryCode);
  set('premium', o.premium);
  set('ultra_premium', o.ultraPremium);
  set('output_format', o.outputFormat && o.outputFormat !== 'html' ? o.outputFormat : undefined);
  set('max_cost', o.maxCost ?? configMaxCost);
  return { apiParams, format: o.outputFormat ?? 'html' };
}

function callbackFields(ctx: CallContext, taskCount: number, format: string): Record<string, unknown> {
  if (!ctx.webhookUrl) return {};
  const url = new URL(ctx.webhookUrl);
  url.searchParams.set(TASK_COUNT_PARAM, String(taskCount));
  url.searchParams.set(FORMAT_PARAM, format);
  return {
    callback: { type: 'webhook', url: url.toString() },
    // Failed jobs are reported only on request. The flag is spelled `expectsUnsuccessReport` on the
    // callbacks page and `expectUnsuccessReport` on the API-parameters page and in the official skill
    // (§2 Webhooks [CONFLICT — send both]).
    expectUnsuccessReport: true,
    expectsUnsuccessReport: true,
  };
}

const toTask = (ctx: CallContext, a: JobAnswer): Task => ({
  id: a.id,
  url: a.url,
  // statusUrl is documented; if missing, it is `GET /jobs/<id>` (§2 Status & results).
  statusUrl: a.statusUrl ?? joinUrl(ctx.config.baseUrl, `/jobs/${encodeURIComponent(a.id)}`),
  state: 'running',
});

export async function submitScraperApi(
  deps: ProviderDeps,
  client: ScraperApiClient,
  job: JobView,
  ctx: CallContext,
): Promise<SubmitResult> {
  const urls = urlsOf(job, 'ScraperAPI');
  const { backoff } = client;
  const { apiParams, format } = readOptions(job, ctx);
  const params = Object.keys(apiParams).length ? { apiParams } : {};
  const callback = callbackFields(ctx, urls.length, format);
  const post = (path: string, body: Record<string, unknown>) => client.keyed(ctx, 'POST', path, body);

  const tasks: Task[] = [];
  if (urls.length === 1) {
    // `meta` is echoed back in status answers and callbacks (§2 Submit): handy when reading logs.
    const res = await post('/jobs', { url: urls[0], ...params, ...callback, meta: { scrapeQueueJobId: job.id } });
    if (res.status !== 200 && res.status !== 201) throw scraperApiError(deps, res, 'submit', backoff);
    tasks.push(toTask(ctx, parseJson(res, JobAnswer, 'ScraperAPI /jobs')));
  } else {
    for (let start = 0; start < urls.length; start += BATCH_MAX_URLS) {
      const chunk = urls.slice(start, start + BATCH_MAX_URLS);
      const res = await post('/batchjobs', { urls: chunk, ...params, ...callback });
      if (res.status !== 200 && res.status !== 201) {
        const error = scraperApiError(deps, res, 'batch submit', backoff);
        // The scheduler will submit the whole job again: don't leave the earlier chunks running (and billing).
        if (tasks.length) {
          await cancelTasks(deps, client, ctx, tasks).catch(() => {
            deps.logger.error(`ScraperAPI: ${tasks.length} jobs of a failed batch submit may still run`);
          });
        }
        throw error;
      }
      tasks.push(...parseJson(res, BatchAnswer, 'ScraperAPI /batchjobs').map((a) => toTask(ctx, a)));
    }
  }
  backoff.reset();
  const ref: ScraperApiRef = { tasks, format, cursor: 0 };
  return { ref, providerJobIds: tasks.map((t) => t.id), progress: { done: 0, total: tasks.length } };
}
