/**
 * A loopback fake of ScrapeLLM's async jobs (shared/reference/provider-apis.md §5): X-API-Key (or
 * ?api_key=) on submit, 202 with a job id, unauthenticated GET /jobs/{id} (pending → done | failed),
 * 404 `{detail}` after retention, injectable 429/5xx. Time comes from `opts.now`.
 * @module
 */
import { corsPreflight as preflight, injectedError, injectedReplies, startFakeServer, type FakeReply, type FakeRequest } from './server';

export const SCRAPE_LLM_SCRAPERS = ['chatgpt', 'perplexity', 'grok', 'copilot', 'gemini', 'google_ai_mode', 'amazon_rufus'];

export interface FakeScrapeLlmOptions {
  /** The key the fake accepts (default "test-key"). */
  apiKey?: string;
  /** How long after submission a job is done (default 10 s). */
  jobDurationMs?: number;
  /** Clock (default Date.now). */
  now?: () => number;
  /** Jobs are 404 this long after submission (default 24 h). */
  retentionMs?: number;
  /** Prompts matching this end `failed` (default /fail/). */
  failPrompt?: RegExp;
  /** Shape of the undocumented 202 body (default `{job_id}`). */
  submitShape?: 'job_id' | 'id' | 'nested';
  /** `links` as objects `{url, title}` (default) or plain strings. */
  linksAs?: 'objects' | 'strings';
  /** HTTP status of an accepted submit: 202 as documented (default) or a plain 200. */
  submitStatus?: 200 | 202;
  /** `credits_used` as a number (default), a numeric string, or left out. */
  creditsAs?: 'number' | 'string' | 'absent';
  /** Retry-After seconds sent with injected 429s (default: none, as documented). */
  retryAfterSec?: number;
}

export type ScrapeLlmRequestKind = 'submit' | 'status' | 'other';

interface FakeJob {
  job_id: string;
  scraper: string;
  prompt: string;
  country: string;
  createdAt: number;
  query: URLSearchParams;
}

export async function startFakeScrapeLlm(opts: FakeScrapeLlmOptions = {}) {
  const apiKey = opts.apiKey ?? 'test-key';
  const now = opts.now ?? Date.now;
  const duration = opts.jobDurationMs ?? 10_000;
  const retention = opts.retentionMs ?? 24 * 3600_000;
  const failPrompt = opts.failPrompt ?? /fail/;
  const jobs = new Map<string, FakeJob>();
  /** `statusWithKey` counts status requests that carried a key: the adapter should send none. */
  const counts = { submit: 0, status: 0, other: 0, statusWithKey: 0 };
  const injected = injectedReplies();

  const detail = (status: number, message: string, headers?: Record<string, string>): FakeReply => ({
    status,
    headers,
    body: { detail: message },
  });

  function result(job: FakeJob) {
    const links =
      opts.linksAs === 'strings'
        ? ['https://source.example/1', 'https://source.example/2']
        : [
            { url: 'https://source.example/1', title: 'Source one' },
            { url: 'https://source.example/2', title: 'Source two' },
          ];
    return {
      scraper: job.scraper,
      status: 'done',
      result: `Answer from ${job.scraper} to: ${job.prompt}`,
      result_markdown: `**Answer** from ${job.scraper} to: ${job.prompt}`,
      links,
      search_queries: [job.prompt],
      ...(opts.creditsAs === 'string' ? { credits_used: '3' } : opts.creditsAs === 'absent' ? {} : { credits_used: 3 }),
      elapsed_ms: duration,
      cached: false,
      markdown_url: null,
    };
  }

  function handle(req: FakeRequest): FakeReply {
    // CORS preflight from extension pages: answer it without counting it as an API call.
    if (req.method === 'OPTIONS') return preflight;
    const parts = req.path.split('/').filter(Boolean);
    const kind: ScrapeLlmRequestKind =
      req.method === 'POST' && parts[0] === 'scrapers' && parts[2] === 'jobs'
        ? 'submit'
        : req.method === 'GET' && parts[0] === 'jobs' && parts.length === 2
          ? 'status'
          : 'other';
    counts[kind]++;
    if (kind === 'status' && (req.headers['x-api-key'] || req.query.has('api_key'))) counts.statusWithKey++;
    const canned = injected.take();
    if (canned) return canned;
    if (kind === 'submit') {
      if ((req.headers['x-api-key'] ?? req.query.get('api_key')) !== apiKey) return detail(401, 'Invalid or missing API key');
      const scraper = parts[1] ?? '';
      if (!SCRAPE_LLM_SCRAPERS.includes(scraper)) return detail(400, `Unknown scraper: ${scraper}`);
      const prompt = req.query.get('prompt') ?? '';
      if (prompt.length < 1 || prompt.length > 4000) return detail(400, 'prompt must be 1-4000 characters');
      const job: FakeJob = {
        job_id: crypto.randomUUID(),
        scraper,
        prompt,
        country: req.query.get('country') ?? 'US',
        createdAt: now(),
        query: req.query,
      };
      jobs.set(job.job_id, job);
      const body =
        opts.submitShape === 'id'
          ? { id: job.job_id, status: 'pending' }
          : opts.submitShape === 'nested'
            ? { job: { id: job.job_id, status: 'pending' } }
            : { job_id: job.job_id, status: 'pending' };
      return { status: opts.submitStatus ?? 202, body };
    }
    if (kind === 'status') {
      const job = jobs.get(parts[1] ?? '');
      if (!job || now() - job.createdAt >= retention) {
        return detail(404, 'Job not found. It may have expired (jobs are kept for 24 hours).');
      }
      const finished = now() - job.createdAt >= duration;
      const failed = finished && failPrompt.test(job.prompt);
      return {
        body: {
          job_id: job.job_id,
          status: !finished ? 'pending' : failed ? 'failed' : 'done',
          scraper: job.scraper,
          prompt: job.prompt,
          country: job.country,
          ...(finished && !failed && { result: result(job) }),
          ...(failed && { error: 'execution failed' }),
          created_at: new Date(job.createdAt).toISOString(),
          completed_at: finished ? new Date(job.createdAt + duration).toISOString() : null,
        },
      };
    }
    return detail(404, 'Not Found');
  }

  const server = await startFakeServer(handle);
  return {
    baseUrl: server.baseUrl,
    /** Wire-level faults and unknown fields, the same in every fake. */
    wire: server.wire,
    apiKey,
    counts,
    /** Submitted jobs by id; `query` holds the submit's query parameters. */
    jobs,
    /** The next `count` requests (after counting) answer `status` (429 or 5xx) before auth is checked. */
    injectError(status: number, count = 1) {
      const messages = { tooMany: 'Rate limit exceeded or queue full', otherwise: 'Internal server error' };
      injected.set(count, () => injectedError(status, opts.retryAfterSec, detail, messages));
    },
    close: () => server.close(),
  };
}

export type FakeScrapeLlm = Awaited<ReturnType<typeof startFakeScrapeLlm>>;
