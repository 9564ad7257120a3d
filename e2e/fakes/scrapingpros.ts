/**
 * A loopback fake of ScrapingPros' async collections (shared/reference/provider-apis.md §4): Bearer auth,
 * collection CRUD with Idempotency-Key, runs with live counters and `failed_jobs`, the seed behaviour
 * (no per-URL results: 404) or the newer per-job results (`perJobResults: true`), /v1/sync/scrape, the
 * run.completed callback when a collection has a `callback_url`, injectable 429/5xx. Time from `opts.now`.
 * @module
 */
import {
  corsPreflight as preflight,
  fakePageHtml,
  hasBearer,
  injectedError,
  injectedReplies,
  postWebhook,
  startFakeServer,
  startWebhookSender,
  type FakeReply,
  type FakeRequest,
} from './server';

export interface FakeScrapingProsOptions {
  /** The key the fake accepts (default "test-key"). */
  apiKey?: string;
  /** How long a run takes; request i of n finishes at (i+1)/n of it (default 10 s). */
  jobDurationMs?: number;
  /** Clock (default Date.now). */
  now?: () => number;
  /** Newer docs: job_ids, GET …/runs/{id}/jobs and …/jobs/{job_id}/result. Default false (seed: 404). */
  perJobResults?: boolean;
  /** Collection list: a bare array (seed, default) or paged `{items}`. */
  listShape?: 'array' | 'items';
  /** Run jobs list (newer docs, item shape undocumented): `{items, total}` (default), a bare array, or `{jobs}`. */
  jobsShape?: 'items' | 'array' | 'jobs';
  /** The id field of a run job: `job_id` (default) or `id`. */
  jobIdField?: 'job_id' | 'id';
  /** The status-code field of a job result: `statusCode` (default) or `status_code`. */
  statusCodeField?: 'statusCode' | 'status_code';
  /** URLs matching this fail (default /fail/). */
  failUrl?: RegExp;
  /** URLs matching this time out (default /timeout/). */
  timeoutUrl?: RegExp;
  /** Retry-After seconds sent with injected 429s (default: none). */
  retryAfterSec?: number;
  /** Poll interval of the callback sender, real ms (default 50). */
  webhookTickMs?: number;
}

export type ScrapingProsRequestKind =
  | 'submit'
  | 'run'
  | 'status'
  | 'jobs'
  | 'result'
  | 'sync'
  | 'list'
  | 'get'
  | 'update'
  | 'other';

interface FakeCollection {
  id: string;
  name: string;
  requests: { url: string; [k: string]: unknown }[];
  callback_url?: string;
}
interface FakeRun {
  run_id: string;
  collection_id: string;
  startedAt: number;
  jobs: { job_id: string; url: string; outcome: 'success' | 'failed' | 'timeout'; finishesAt: number }[];
  callbackSent: boolean;
}

export interface CallbackDelivery {
  url: string;
  body: unknown;
  status: number | 'network-error';
}

export async function startFakeScrapingPros(opts: FakeScrapingProsOptions = {}) {
  const apiKey = opts.apiKey ?? 'test-key';
  const now = opts.now ?? Date.now;
  const duration = opts.jobDurationMs ?? 10_000;
  const failUrl = opts.failUrl ?? /fail/;
  const timeoutUrl = opts.timeoutUrl ?? /timeout/;
  const collections = new Map<string, FakeCollection>();
  const idempotency = new Map<string, string>();
  const runs = new Map<string, FakeRun>();
  const counts: Record<ScrapingProsRequestKind, number> = {
    submit: 0,
    run: 0,
    status: 0,
    jobs: 0,
    result: 0,
    sync: 0,
    list: 0,
    get: 0,
    update: 0,
    other: 0,
  };
  const callbacks: CallbackDelivery[] = [];
  /** Bodies of every PUT, to check what a rename sent. */
  const updates: unknown[] = [];
  const injected = injectedReplies();

  const detail = (status: number, message: string, headers?: Record<string, string>): FakeReply => ({
    status,
    headers,
    body: { detail: message },
  });

  const finished = (r: FakeRun) => r.jobs.filter((j) => now() >= j.finishesAt);
  const runBody = (r: FakeRun) => {
    const done = finished(r);
    const completed = done.length === r.jobs.length;
    return {
      run_id: r.run_id,
      status: completed ? 'completed' : 'in_progress',
      total_requests: r.jobs.length,
      success_requests: done.filter((j) => j.outcome === 'success').length,
      failed_requests: done.filter((j) => j.outcome === 'failed').length,
      timeout_requests: done.filter((j) => j.outcome === 'timeout').length,
      collection_id: r.collection_id,
      ...(completed && {
        failed_jobs: done
          .filter((j) => j.outcome !== 'success')
          .map((j) => ({
            job_id: j.job_id,
            url: j.url,
            status: j.outcome,
            error: j.outcome === 'timeout' ? 'Request timed out' : 'Connection timeout',
          })),
      }),
      ...(opts.perJobResults && { job_ids: r.jobs.map((j) => j.job_id) }),
    };
  };

  function kindOf(req: FakeRequest, parts: string[]): ScrapingProsRequestKind {
    if (parts[1] === 'sync' && parts[2] === 'scrape') return 'sync';
    if (parts[1] !== 'async' || parts[2] !== 'collections') return 'other';
    const n = parts.length;
    if (n === 3) return req.method === 'POST' ? 'submit' : 'list';
    if (n === 4) return req.method === 'PUT' ? 'update' : 'get';
    if (n === 5 && parts[4] === 'run') return 'run';
    if (n === 6 && parts[4] === 'runs') return 'status';
    if (n === 7 && parts[6] === 'jobs') return 'jobs';
    if (n === 9 && parts[8] === 'result') return 'result';
    return 'other';
  }

  function handle(req: FakeRequest): FakeReply {
    // CORS preflight from extension pages: answer it without counting it as an API call.
    if (req.method === 'OPTIONS') return preflight;
    const parts = req.path.split('/').filter(Boolean); // v1, async, collections, {id}, runs, {run}, jobs, {job}, result
    const kind = kindOf(req, parts);
    counts[kind]++;
    const canned = injected.take();
    if (canned) return canned;
    if (!hasBearer(req, apiKey)) return detail(401, 'Invalid or missing API key');
    const body = (req.json ?? {}) as { name?: unknown; requests?: unknown; callback_url?: unknown; url?: unknown };

    if (kind === 'sync') {
      if (typeof body.url !== 'string') return detail(400, 'url is required');
      if (failUrl.test(body.url)) return detail(400, 'Target site returned an error');
      const html = fakePageHtml(body.url);
      return { body: { html, markdown: `# Scraped ${body.url}`, statusCode: 200 } };
    }
    if (kind === 'list') {
      const list = [...collections.values()].map((c) => ({ name: c.name, id: c.id }));
      return { body: opts.listShape === 'items' ? { items: list, total: list.length } : list };
    }
    if (kind === 'submit') {
      const key = req.headers['idempotency-key'];
      const known = typeof key === 'string' ? idempotency.get(key) : undefined;
      if (known) return { status: 201, body: { id: known, name: collections.get(known)?.name, message: 'Collection created successfully.' } };
      if (typeof body.name !== 'string' || !body.name) return detail(400, 'name is required');
      const requests = Array.isArray(body.requests) ? (body.requests as FakeCollection['requests']) : [];
      const c: FakeCollection = {
        id: crypto.randomUUID(),
        name: body.name,
        requests,
        ...(typeof body.callback_url === 'string' && { callback_url: body.callback_url }),
      };
      collections.set(c.id, c);
      if (typeof key === 'string') idempotency.set(key, c.id);
      return { status: 201, body: { id: c.id, name: c.name, message: 'Collection created successfully.' } };
    }
    const c = collections.get(parts[3] ?? '');
    if (!c) return detail(404, 'Collection not found');
    if (kind === 'get') return { body: { id: c.id, name: c.name } };
    if (kind === 'update') {
      updates.push(req.json);
      if (typeof body.name === 'string') c.name = body.name;
      if (Array.isArray(body.requests)) c.requests = body.requests as FakeCollection['requests'];
      return { body: { id: c.id, name: c.name, message: 'Collection updated successfully.' } };
    }
    if (kind === 'run') {
      const startedAt = now();
      const n = c.requests.length;
      const r: FakeRun = {
        run_id: crypto.randomUUID(),
        collection_id: c.id,
        startedAt,
        callbackSent: false,
        jobs: c.requests.map((rq, i) => ({
          job_id: crypto.randomUUID(),
          url: rq.url,
          outcome: timeoutUrl.test(rq.url) ? 'timeout' : failUrl.test(rq.url) ? 'failed' : 'success',
          finishesAt: startedAt + Math.round((duration * (i + 1)) / Math.max(1, n)),
        })),
      };
      runs.set(r.run_id, r);
      return { status: 201, body: runBody(r) };
    }
    const r = runs.get(parts[5] ?? '');
    if (!r || r.collection_id !== c.id) return detail(404, 'Run not found');
    if (kind === 'status') return { body: runBody(r) };
    if (!opts.perJobResults) return detail(404, 'Not Found');
    if (kind === 'jobs') {
      const items = r.jobs.map((j) => ({
        [opts.jobIdField ?? 'job_id']: j.job_id,
        url: j.url,
        status: now() < j.finishesAt ? 'pending' : j.outcome === 'success' ? 'completed' : j.outcome,
      }));
      const shape = opts.jobsShape ?? 'items';
      return { body: shape === 'array' ? items : shape === 'jobs' ? { jobs: items } : { items, total: items.length } };
    }
    if (kind === 'result') {
      const j = r.jobs.find((x) => x.job_id === parts[7]);
      if (!j || j.outcome !== 'success' || now() < j.finishesAt) return detail(404, 'Result not available');
      return {
        body: {
          html: fakePageHtml(j.url),
          [opts.statusCodeField ?? 'statusCode']: 200,
          timings: { queue_wait_ms: 12, proxy_ms: 340 },
          potentiallyBlockedByCaptcha: false,
        },
      };
    }
    return detail(404, 'Not Found');
  }

  /** Sends run.completed for every finished run of a collection with a callback_url. */
  async function deliverCallbacks(): Promise<void> {
    for (const r of runs.values()) {
      const url = collections.get(r.collection_id)?.callback_url;
      if (!url || r.callbackSent || finished(r).length < r.jobs.length) continue;
      r.callbackSent = true;
      const b = runBody(r);
      const body = {
        event: 'run.completed',
        run_id: r.run_id,
        collection_id: r.collection_id,
        status: b.status,
        total_requests: b.total_requests,
        success_requests: b.success_requests,
        failed_requests: b.failed_requests,
        job_ids: r.jobs.map((j) => j.job_id),
        results_url: `/v1/async/collections/${r.collection_id}/runs/${r.run_id}/jobs`,
        timestamp: new Date(now()).toISOString(),
      };
      await postWebhook(url, () => body, { onAttempt: (status) => callbacks.push({ url, body, status }) });
    }
  }

  const server = await startFakeServer(handle);
  const sender = startWebhookSender(deliverCallbacks, opts.webhookTickMs ?? 50, 'skip');

  return {
    baseUrl: server.baseUrl,
    /** Wire-level faults and unknown fields, the same in every fake. */
    wire: server.wire,
    apiKey,
    counts,
    collections,
    runs,
    /** Every run.completed POST the fake made. */
    callbacks,
    /** Bodies of PUT …/collections/{id}. */
    updates,
    deliverCallbacks,
    /** The next `count` requests (after counting) answer `status` (429 or 5xx) before auth is checked. */
    injectError(status: number, count = 1) {
      const messages = { tooMany: 'Too many requests', otherwise: 'Service unavailable, retry in a few seconds' };
      injected.set(count, () => injectedError(status, opts.retryAfterSec, detail, messages));
    },
    async close() {
      sender.stop();
      await server.close();
    },
  };
}

export type FakeScrapingPros = Awaited<ReturnType<typeof startFakeScrapingPros>>;
