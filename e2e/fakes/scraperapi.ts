/**
 * A loopback fake of ScraperAPI's Async API (/work/shared/reference/provider-apis.md §2): `POST /jobs`,
 * `POST /batchjobs` (≤ 50,000 URLs), keyless `GET {statusUrl}` pointing back at the fake, finished
 * answers with `response: {headers, body, statusCode}` (or `base64EncodedBody`), failed jobs with
 * `failReason`, max_cost 403s (on submit or inside the finished job), out-of-credits 403, 401, 429,
 * `DELETE /jobs/<id>`, callbacks POSTing the status JSON to the webhook when a job ends, and the main
 * API's `GET /account?api_key=` (credits used and the plan's limit) on the same server.
 */
import { randomUUID } from 'node:crypto';
import {
  type FakeWire,
  fakePageHtml,
  injectedReplies,
  postWebhook,
  retryAfterHeaders,
  startFakeServer,
  startWebhookSender,
  textReply,
  type FakeReply,
  type FakeRequest,
} from './server';

export interface FakeScraperApiOptions {
  /** The key the fake accepts (`apiKey` in the JSON body). Default 'sa-test-key'. */
  apiKey?: string;
  /** Clock that decides when jobs finish. Default Date.now. */
  now?: () => number;
  /** How long each job takes. Default 10 000 ms. */
  jobDurationMs?: number;
  /** Per-URL duration override. */
  durationFor?: (url: string) => number | undefined;
  /** URLs whose job ends `failed` with `failReason: failed_due_to_timeout`. */
  failUrls?: string[];
  /** The target's HTTP status per URL (e.g. 403 = target blocked); default 200. */
  targetStatusFor?: (url: string) => number | undefined;
  /** URLs answered as binary (`response.base64EncodedBody`, content-type application/pdf). */
  binaryUrls?: string[];
  /** Credits each request costs (`sa-credit-cost`). Default 1. */
  costFor?: (url: string) => number | undefined;
  /** Where a max_cost overrun shows: 403 on submit (default) or inside the finished job. */
  maxCostPlacement?: 'submit' | 'job';
  /** Every submit answers 403 (out of credits) while true; see also setOutOfCredits. */
  outOfCredits?: boolean;
  /** How often due callbacks are checked (wall clock). Default 25 ms. */
  webhookCheckMs?: number;
  /** Error bodies (undocumented, §2 Errors): plain text (default) or JSON `{error}` / `{message}`. */
  errorBody?: 'text' | 'json-error' | 'json-message';
  /** Leave `statusUrl` out of submit answers (the adapter then builds `/jobs/<id>`). */
  omitStatusUrl?: boolean;
  /** Name status URLs on this origin instead of the fake's own (a provider pointing elsewhere). */
  statusUrlOrigin?: string;
  /** What DELETE answers (undocumented, §2 Cancel): the job JSON (default), 204 with no body, or 200 text. */
  cancelAnswer?: 'job' | 'empty' | 'text';
  /** Leave the `sa-credit-cost` header out of finished jobs (cost then unknown). */
  omitCreditHeader?: boolean;
  /** The plan's credits this cycle for `GET /account` (`requestLimit`). Default 1000. */
  creditLimit?: number;
  /**
   * How `GET /account?api_key=` answers (field shapes undocumented): numbers (default), numeric
   * strings, without `requestLimit` (credits left then unknown), or 404 (no such endpoint here).
   */
  accountAnswer?: 'numbers' | 'strings' | 'no-limit' | 'missing';
}

export interface FakeScraperApiCounts {
  submit: number;
  status: number;
  /** Always 0: results come inside the status answer. Kept so every fake has the same counters. */
  result: number;
  cancel: number;
  other: number;
}

export interface RecordedScraperApiRequest {
  method: string;
  path: string;
  json: unknown;
}

export interface FakeScraperApiJob {
  id: string;
  url: string;
  createdAt: number;
  durationMs: number;
  apiParams: Record<string, unknown>;
  canceled: boolean;
  expired: boolean;
  attempts: number;
  callback?: string;
  reportFailures: boolean;
  callbackDelivered: boolean;
  meta?: unknown;
}

export interface FakeScraperApi {
  baseUrl: string;
  /** Wire-level faults and unknown fields, the same in every fake. */
  wire: FakeWire;
  apiKey: string;
  counts: FakeScraperApiCounts;
  requests: RecordedScraperApiRequest[];
  jobs: Map<string, FakeScraperApiJob>;
  /** The next `n` requests (any endpoint) get 429, with `Retry-After` when given. */
  inject429(n: number, retryAfterSeconds?: number): void;
  /** The next `n` requests (any endpoint) get this status and plain-text body (e.g. 503 for transient tests). */
  injectFailure(n: number, status: number, body?: string): void;
  setOutOfCredits(value: boolean): void;
  /** The job's status URL answers 404 from now on (retention passed). */
  expire(jobId: string): void;
  /** Delivers every due callback now (also runs on a timer). */
  deliverDueWebhooks(): Promise<void>;
  webhookDeliveries: { url: string; status: number; jobId: string }[];
  close(): Promise<void>;
}

const BATCH_MAX = 50_000;

export async function startFakeScraperApi(opts: FakeScraperApiOptions = {}): Promise<FakeScraperApi> {
  const apiKey = opts.apiKey ?? 'sa-test-key';
  const now = opts.now ?? Date.now;
  const counts: FakeScraperApiCounts = { submit: 0, status: 0, result: 0, cancel: 0, other: 0 };
  const requests: RecordedScraperApiRequest[] = [];
  const jobs = new Map<string, FakeScraperApiJob>();
  const webhookDeliveries: { url: string; status: number; jobId: string }[] = [];
  let outOfCredits = opts.outOfCredits ?? false;
  const injected = injectedReplies();
  let baseUrl = '';

  const text = (status: number, message: string): FakeReply =>
    opts.errorBody === 'json-error'
      ? { status, body: { error: message } }
      : opts.errorBody === 'json-message'
        ? { status, body: { message } }
        : textReply(status, message);
  const costOf = (url: string) => opts.costFor?.(url) ?? 1;
  const isDone = (j: FakeScraperApiJob) => now() >= j.createdAt + j.durationMs;
  const statusUrlOf = (id: string) => `${opts.statusUrlOrigin ?? baseUrl}/jobs/${id}`;
  const overCap = (url: string, apiParams: Record<string, unknown>) =>
    typeof apiParams.max_cost === 'number' && costOf(url) > apiParams.max_cost;
  const maxCostMessage = (url: string, apiParams: Record<string, unknown>) =>
    `This request exceeds your max_cost. Cost: ${costOf(url)} credits, max_cost: ${String(apiParams.max_cost)}.`;

  function view(j: FakeScraperApiJob): Record<string, unknown> {
    const base = { id: j.id, attempts: j.attempts, statusUrl: statusUrlOf(j.id), url: j.url, ...(j.meta === undefined ? {} : { meta: j.meta }) };
    if (j.canceled) return { ...base, status: 'cancelled' };
    if (!isDone(j)) return { ...base, status: 'running' };
    if (opts.failUrls?.includes(j.url)) return { ...base, attempts: 50, status: 'failed', failReason: 'failed_due_to_timeout' };
    const statusCode = overCap(j.url, j.apiParams) ? 403 : (opts.targetStatusFor?.(j.url) ?? 200);
    const binary = opts.binaryUrls?.includes(j.url);
    const format = j.apiParams.output_format;
    const headers: Record<string, string> = {
      'content-type': binary ? 'application/pdf' : format === 'markdown' ? 'text/markdown' : 'text/html; charset=utf-8',
      'sa-final-url': j.url,
      'sa-statuscode': String(statusCode),
      ...(!opts.omitCreditHeader && { 'sa-credit-cost': String(statusCode === 403 && overCap(j.url, j.apiParams) ? 0 : costOf(j.url)) }),
    };
    const body =
      statusCode === 403 && overCap(j.url, j.apiParams) ? maxCostMessage(j.url, j.apiParams)
      : format === 'markdown' ? `# Scraped ${j.url}\n\nContent served by the fake provider.`
      : format === 'text' ? `Scraped ${j.url}\nContent served by the fake provider.`
      : fakePageHtml(j.url);
    const response = binary
      ? { headers, base64EncodedBody: Buffer.from(`%PDF-1.4 fake pdf for ${j.url}`).toString('base64'), statusCode }
      : { headers, body, statusCode };
    return { ...base, attempts: Math.max(1, j.attempts), status: 'finished', response };
  }

  /** The main API's account figures: credits used = the cost of every finished job so far. */
  function account(key: string | null): FakeReply {
    if (opts.accountAnswer === 'missing') return text(404, 'Not found');
    if (key !== apiKey) return text(401, 'Unauthorized request, please make sure your API key is valid.');
    const used = [...jobs.values()].filter((j) => !j.canceled && isDone(j) && !opts.failUrls?.includes(j.url)).reduce((n, j) => n + costOf(j.url), 0);
    const limit = opts.creditLimit ?? 1000;
    const figures = { concurrencyLimit: 5, concurrentRequests: 0, failedRequestCount: 0, requestCount: used, requestLimit: limit };
    if (opts.accountAnswer === 'strings') return { status: 200, body: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, String(v)])) };
    if (opts.accountAnswer === 'no-limit') return { status: 200, body: { ...figures, requestLimit: undefined } };
    return { status: 200, body: figures };
  }

  type Submit = { apiParams: Record<string, unknown>; callback?: string; reportFailures: boolean; meta?: unknown };
  function readSubmit(json: Record<string, unknown>): Submit {
    const callback = json.callback as { type?: unknown; url?: unknown } | undefined;
    return {
      apiParams: json.apiParams && typeof json.apiParams === 'object' ? (json.apiParams as Record<string, unknown>) : {},
      callback: callback?.type === 'webhook' && typeof callback.url === 'string' ? callback.url : undefined,
      // The docs spell it both ways (§2 Webhooks [CONFLICT]); the fake honours either.
      reportFailures: json.expectUnsuccessReport === true || json.expectsUnsuccessReport === true,
      meta: json.meta,
    };
  }

  function newJob(url: string, s: Submit): FakeScraperApiJob {
    const job: FakeScraperApiJob = {
      id: randomUUID(),
      url,
      createdAt: now(),
      durationMs: opts.durationFor?.(url) ?? opts.jobDurationMs ?? 10_000,
      apiParams: s.apiParams,
      canceled: false,
      expired: false,
      attempts: 0,
      callback: s.callback,
      reportFailures: s.reportFailures,
      callbackDelivered: false,
      meta: s.meta,
    };
    jobs.set(job.id, job);
    return job;
  }

  const validUrl = (u: unknown): u is string => typeof u === 'string' && /^https?:\/\/\S+$/.test(u);

  function handle(req: FakeRequest): FakeReply {
    const { method, path } = req;
    requests.push({ method, path, json: req.json });
    const jobPath = /^\/jobs\/([^/]+)$/.exec(path);
    const kind: keyof FakeScraperApiCounts =
      method === 'POST' && (path === '/jobs' || path === '/batchjobs') ? 'submit'
      : jobPath && method === 'GET' ? 'status'
      : jobPath && method === 'DELETE' ? 'cancel'
      : 'other';
    counts[kind] += 1;
    const canned = injected.take();
    if (canned) return canned;

    if (kind === 'status') {
      // The status URL is a "personal URL": no key needed (§2).
      const job = jobs.get(decodeURIComponent(jobPath![1]!));
      if (!job || job.expired) return text(404, 'Job not found');
      return { status: 200, body: view(job) };
    }

    if (method === 'GET' && path === '/account') return account(req.query.get('api_key'));

    const json = req.json && typeof req.json === 'object' ? (req.json as Record<string, unknown>) : {};
    const key = json.apiKey ?? req.query.get('apiKey');
    if (key !== apiKey) return text(401, 'Unauthorized request, please make sure your API key is valid.');

    if (kind === 'cancel') {
      const job = jobs.get(decodeURIComponent(jobPath![1]!));
      if (!job) return text(404, 'Job not found');
      if (!isDone(job)) job.canceled = true;
      if (opts.cancelAnswer === 'empty') return { status: 204 };
      if (opts.cancelAnswer === 'text') return textReply(200, 'OK');
      return { status: 200, body: view(job) };
    }
    if (kind !== 'submit') return text(404, 'Not found');
    if (outOfCredits) return text(403, 'You have exhausted the API Credits available in this monthly cycle.');
    const s = readSubmit(json);
    const urls = path === '/jobs' ? [json.url] : json.urls;
    if (!Array.isArray(urls) || urls.length === 0) return text(400, 'urls must be a non-empty array');
    if (urls.length > BATCH_MAX) return text(400, `A batch may contain at most ${BATCH_MAX} URLs`);
    const bad = urls.find((u) => !validUrl(u));
    if (bad !== undefined) return text(400, `Invalid URL: ${String(bad)}`);
    if ((opts.maxCostPlacement ?? 'submit') === 'submit') {
      const capped = (urls as string[]).find((u) => overCap(u, s.apiParams));
      if (capped) return text(403, maxCostMessage(capped, s.apiParams));
    }
    const created = (urls as string[]).map((u) => newJob(u, s));
    const answers = created.map((j) => {
      const { statusUrl, ...rest } = view(j);
      return opts.omitStatusUrl ? rest : { ...rest, statusUrl };
    });
    return { status: 200, body: path === '/jobs' ? answers[0] : answers };
  }

  const server = await startFakeServer(handle);
  baseUrl = server.baseUrl;

  async function deliverOnce(): Promise<void> {
    for (const job of jobs.values()) {
      if (!job.callback || job.callbackDelivered || job.canceled || !isDone(job)) continue;
      const payload = view(job);
      if (payload.status === 'failed' && !job.reportFailures) continue;
      job.callbackDelivered = true;
      const url = job.callback;
      // "tried 3 times, then the job is cancelled" (§2 Webhooks).
      const delivered = await postWebhook(url, () => payload, {
        attempts: 3,
        readAnswer: true,
        onAttempt: (outcome) => webhookDeliveries.push({ url, status: outcome === 'network-error' ? 0 : outcome, jobId: job.id }),
      });
      if (!delivered) job.canceled = true;
    }
  }
  // Deliveries run one after another, so the timer and a test never deliver the same job twice.
  const sender = startWebhookSender(deliverOnce, opts.webhookCheckMs ?? 25, 'queue');

  return {
    baseUrl,
    /** Wire-level faults and unknown fields, the same in every fake. */
    wire: server.wire,
    apiKey,
    counts,
    requests,
    jobs,
    webhookDeliveries,
    inject429(n, retryAfterSeconds) {
      injected.set(n, textReply(429, 'Too many concurrent requests. Please slow down.', retryAfterHeaders(retryAfterSeconds)));
    },
    injectFailure(n, status, body = 'Internal server error') {
      injected.set(n, text(status, body));
    },
    setOutOfCredits(value) {
      outOfCredits = value;
    },
    expire(jobId) {
      const job = jobs.get(jobId);
      if (job) job.expired = true;
    },
    deliverDueWebhooks: sender.deliver,
    async close() {
      sender.stop();
      await server.close();
    },
  };
}
