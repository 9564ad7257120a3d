/**
 * The ScrapingPros HTTP calls the adapter and the collections helpers share. Every answer is parsed with
 * its schema here, at the edge; 404s the callers must tell apart come back as `undefined`.
 * @module
 */
import { createApiClient } from '../kit/client';
import { isOk, parseJson, type HttpResponse } from '../kit/http';
import type { CallContext, ProviderDeps } from '../types';
import { scrapingProsMessage } from './messages';
import {
  Collection,
  CollectionList,
  CollectionSaved,
  JobResult,
  Run,
  RunJobs,
  SyncScrapeResponse,
  type CollectionRequest,
} from './schemas';

const collectionPath = (id: string) => `/v1/async/collections/${encodeURIComponent(id)}`;
const runPath = (collectionId: string, runId: string) => `${collectionPath(collectionId)}/runs/${encodeURIComponent(runId)}`;

export interface CollectionBody {
  name: string;
  requests?: CollectionRequest[];
  /** Newer docs send a signed run.completed callback when the collection has one (how it is set: unknown). */
  callback_url?: string;
}

export function createScrapingProsClient(deps: ProviderDeps) {
  const api = createApiClient(deps, { auth: (config) => ({ authorization: `Bearer ${config.apiKey}` }), message: scrapingProsMessage });
  const request = (
    ctx: CallContext,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => api.request(ctx.config, { method, path, body, headers });
  const fail = api.fail;
  const ok = <T>(res: HttpResponse, parse: (res: HttpResponse) => T): T => {
    if (!isOk(res)) throw fail(res);
    return parse(res);
  };

  return {
    fail,
    /** POST /v1/async/collections with an Idempotency-Key (newer docs), so a retried submit reuses the collection. */
    async createCollection(ctx: CallContext, body: CollectionBody, idempotencyKey: string) {
      const res = await request(ctx, 'POST', '/v1/async/collections', body, { 'idempotency-key': idempotencyKey });
      return ok(res, (r) => parseJson(r, CollectionSaved, 'ScrapingPros collection creation'));
    },
    /** POST …/{id}/run, no body → 201 with the run's counters (seed). */
    async runCollection(ctx: CallContext, collectionId: string) {
      const res = await request(ctx, 'POST', `${collectionPath(collectionId)}/run`);
      return ok(res, (r) => parseJson(r, Run, 'ScrapingPros run start'));
    },
    /** GET …/{id}/runs/{run_id}; undefined on 404. */
    async getRun(ctx: CallContext, collectionId: string, runId: string) {
      const res = await request(ctx, 'GET', runPath(collectionId, runId));
      if (res.status === 404) return undefined;
      return ok(res, (r) => parseJson(r, Run, 'ScrapingPros run status'));
    },
    /** GET …/runs/{run_id}/jobs (newer docs); undefined on 404, i.e. the seed API without per-job results. */
    async listRunJobs(ctx: CallContext, collectionId: string, runId: string) {
      const res = await request(ctx, 'GET', `${runPath(collectionId, runId)}/jobs`);
      if (res.status === 404) return undefined;
      return ok(res, (r) => parseJson(r, RunJobs, 'ScrapingPros run jobs'));
    },
    /** GET …/runs/{run_id}/jobs/{job_id}/result (newer docs, kept 24 h); undefined on 404. */
    async getJobResult(ctx: CallContext, collectionId: string, runId: string, jobId: string) {
      const res = await request(ctx, 'GET', `${runPath(collectionId, runId)}/jobs/${encodeURIComponent(jobId)}/result`);
      if (res.status === 404) return undefined;
      return ok(res, (r) => parseJson(r, JobResult, 'ScrapingPros job result'));
    },
    /** POST /v1/sync/scrape: one URL, answered with its content (costs credits per call). */
    async syncScrape(ctx: CallContext, body: CollectionRequest) {
      const res = await request(ctx, 'POST', '/v1/sync/scrape', body);
      return ok(res, (r) => parseJson(r, SyncScrapeResponse, 'ScrapingPros sync scrape'));
    },
    async listCollections(ctx: CallContext) {
      const res = await request(ctx, 'GET', '/v1/async/collections');
      return ok(res, (r) => parseJson(r, CollectionList, 'ScrapingPros collection list'));
    },
    async getCollection(ctx: CallContext, id: string) {
      const res = await request(ctx, 'GET', collectionPath(id));
      return ok(res, (r) => parseJson(r, Collection, 'ScrapingPros collection'));
    },
    async updateCollection(ctx: CallContext, id: string, body: CollectionBody) {
      const res = await request(ctx, 'PUT', collectionPath(id), body);
      return ok(res, (r) => parseJson(r, CollectionSaved, 'ScrapingPros collection update'));
    },
  };
}

export type ScrapingProsClient = ReturnType<typeof createScrapingProsClient>;
