/**
 * Turning a completed run into records. Two API generations exist (reference §4 [CONFLICT]):
 * - newer docs: GET …/runs/{run_id}/jobs and …/jobs/{job_id}/result give each URL's HTML (kept 24 h);
 * - seed: "the run never returns the HTML of successful requests and individual results cannot be retrieved".
 * We try the newer endpoints and fall back to the seed behaviour on 404. Without per-job HTML, successful
 * URLs get content only if the user opted in to `fetchHtml` (one /v1/sync/scrape call per URL, extra cost).
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { mapLimit } from '../kit/map-limit';
import type { CallContext, Logger } from '../types';
import type { ScrapingProsClient } from './client';
import { requestFields, type ScrapingProsOptions, type ScrapingProsRef } from './ref';
import type { JobResult, RunJob } from './schemas';

/** Parallel calls while collecting; small because the SDK's demo token allows 30 requests a minute. */
const PARALLELISM = 2;

function contentRecord(url: string, r: JobResult): ScrapeRecord {
  const statusCode = r.statusCode ?? r.status_code;
  return {
    url,
    ...(r.html && { html: r.html }),
    ...(r.markdown && { markdown: r.markdown }),
    ...(statusCode != null && { statusCode }),
    ...(r.timings && { timings: r.timings }),
    ...(r.potentiallyBlockedByCaptcha && { error: 'Possibly blocked by a CAPTCHA (ScrapingPros flag)' }),
  };
}

const FAILED = new Set(['failed', 'timeout', 'timed_out', 'error']);

export interface CollectArgs {
  client: ScrapingProsClient;
  ctx: CallContext;
  ref: ScrapingProsRef;
  /** The URLs the job asked for, in order (records follow this order in the seed fallback). */
  urls: readonly string[];
  opts: ScrapingProsOptions;
  logger: Logger;
}

export async function collectRecords(args: CollectArgs): Promise<ScrapeRecord[]> {
  const { client, ctx, ref, urls, opts, logger } = args;
  const failed = new Map((ref.failedJobs ?? []).map((f) => [f.url, f.error ?? 'failed']));

  /** Opt-in content for a successful URL the run cannot give us. Auth problems stop the job; others stay per URL. */
  const fetchHtml = async (url: string): Promise<ScrapeRecord> => {
    if (!opts.fetchHtml) return { url };
    try {
      return contentRecord(url, await client.syncScrape(ctx, { url, ...requestFields(opts) }));
    } catch (e) {
      if (e instanceof ProviderError && e.kind !== 'auth') return { url, error: `HTML fetch failed: ${e.message}` };
      throw e;
    }
  };

  const jobs = await client.listRunJobs(ctx, ref.collectionId, ref.runId);
  if (jobs && jobs.length > 0) {
    return mapLimit(jobs, PARALLELISM, async (job: RunJob, i) => {
      const url = job.url ?? urls[i] ?? '';
      const error = failed.get(url) ?? (FAILED.has(job.status?.toLowerCase() ?? '') ? (job.error ?? job.status ?? 'failed') : undefined);
      if (error) return { url, error };
      const result = job.jobId ? await client.getJobResult(ctx, ref.collectionId, ref.runId, job.jobId) : undefined;
      return result ? contentRecord(url, result) : fetchHtml(url);
    });
  }
  logger.info('ScrapingPros run has no per-job results (seed API); records list URLs and failures only', {
    runId: ref.runId,
    fetchHtml: opts.fetchHtml === true,
  });
  return mapLimit(urls, PARALLELISM, (url) => {
    const error = failed.get(url);
    return error ? Promise.resolve({ url, error }) : fetchHtml(url);
  });
}
