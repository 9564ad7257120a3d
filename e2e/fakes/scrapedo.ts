/**
 * A loopback fake of the Scrape.do Async API (shared/reference/provider-apis.md §3): X-Token auth,
 * jobs of per-URL tasks, per-task results, per-task webhooks, cancel (406 once finished), 410 after
 * retention, /me, and injectable 429/5xx. Time comes from `opts.now` so tests control when jobs finish.
 * @module
 */
import {
  corsPreflight as preflight,
  fakePageHtml,
  injectedError,
  injectedReplies,
  postWebhook,
  sequentialIds,
  startFakeServer,
  startWebhookSender,
  type FakeReply,
  type FakeRequest,
} from './server';

export interface FakeScrapeDoOptions {
  /** The token the fake accepts (default "test-token"). */
  token?: string;
  /** How long after creation a task finishes (default 10 s). */
  jobDurationMs?: number;
  /** Extra delay per task index, so multi-URL jobs finish task by task (default 0). */
  taskStaggerMs?: number;
  /** Clock (default Date.now). */
  now?: () => number;
  /** URLs matching this end in Status "error" (default /fail/). */
  failUrl?: RegExp;
  /** Task content field: the mirror's Base64EncodedContent (default) or a plain `Content`. */
  contentField?: 'Base64EncodedContent' | 'Content';
  /**
   * How a task answer carries the page (the field's shape is unknown, reference §3 "Results"); overrides
   * contentField: `base64-string` Base64EncodedContent holds the base64 page; `plain` only Content, as text;
   * `flag-true` / `flag-false` Base64EncodedContent is a boolean saying whether Content is base64; `flag-1` /
   * `flag-0` the same as a number; `flag-"true"` the same as a string.
   */
  contentShape?: 'base64-string' | 'plain' | 'flag-true' | 'flag-false' | 'flag-1' | 'flag-0' | 'flag-"true"';
  /** Field carrying a failed task's error text (unknown, reference §3): Error (default), ErrorMessage or Message. */
  errorField?: 'Error' | 'ErrorMessage' | 'Message';
  /** HTTP status of a created job: 200 (default) or 201 (undocumented, reference §3 "Biggest unknowns"). */
  createStatus?: 200 | 201;
  /** After this long since creation, task results answer 410 Gone (default 3 days). */
  retentionMs?: number;
  /** Retry-After seconds sent with injected 429s (default: none, as documented). */
  retryAfterSec?: number;
  /** /me answer; `misspelled` false uses "AvailableCredits" instead of the real "AvaliableCredits". */
  account?: { credits?: number; freeConcurrency?: number; totalConcurrency?: number; misspelled?: boolean };
  /** Poll interval of the webhook sender, real ms (default 50). */
  webhookTickMs?: number;
  /** The page a task scrapes (default: a generic fake page), e.g. a test site's real HTML. */
  pageHtml?: (url: string) => string;
  /** Credits a successful task costs (default 1, Scrape.do's base request cost); failed tasks cost nothing. */
  requestCost?: number;
  /**
   * Where a successful task answer carries its cost (unknown in the Async API, reference §3): `header` the
   * documented `Scrape.do-Request-Cost` in ResponseHeaders, as text (default); `header-list` the same
   * lower-cased, as a list of strings; `scrape-do-object` `"Scrape.do": {RequestCost: n}`; `top-level`
   * `Cost: n` beside TaskID; `none` nowhere.
   */
  costShape?: 'header' | 'header-list' | 'scrape-do-object' | 'top-level' | 'none';
}

export type ScrapeDoRequestKind = 'submit' | 'status' | 'result' | 'cancel' | 'me' | 'other';

interface FakeTask {
  TaskID: string;
  URL: string;
  finishesAt: number;
  canceled: boolean;
  webhookSent: boolean;
}
interface FakeJob {
  JobID: string;
  createdAt: number;
  tasks: FakeTask[];
  canceled: boolean;
  webhookUrl?: string;
  body: unknown;
}

export interface WebhookDelivery {
  url: string;
  body: unknown;
  status: number | 'network-error';
}

// One counter for every fake in the process, so ids never repeat across fakes.
const id = sequentialIds((n, prefix: string) => `${prefix}-${Date.now().toString(36)}-${n.toString(36)}`);

export async function startFakeScrapeDo(opts: FakeScrapeDoOptions = {}) {
  const token = opts.token ?? 'test-token';
  const now = opts.now ?? Date.now;
  const duration = opts.jobDurationMs ?? 10_000;
  const retention = opts.retentionMs ?? 3 * 24 * 3600_000;
  const failUrl = opts.failUrl ?? /fail/;
  const jobs = new Map<string, FakeJob>();
  const counts: Record<ScrapeDoRequestKind, number> = { submit: 0, status: 0, result: 0, cancel: 0, me: 0, other: 0 };
  const webhooks: WebhookDelivery[] = [];
  const injected = injectedReplies();
  let account = {
    credits: opts.account?.credits ?? 1000,
    freeConcurrency: opts.account?.freeConcurrency ?? 2,
    totalConcurrency: opts.account?.totalConcurrency ?? 2,
  };

  const err = (status: number, message: string, headers?: Record<string, string>): FakeReply => ({
    status,
    headers,
    body: { Error: message, Code: status },
  });

  const taskStatus = (job: FakeJob, t: FakeTask): string => {
    if (t.canceled) return 'canceled';
    const elapsed = now() - job.createdAt;
    if (now() >= t.finishesAt) return failUrl.test(t.URL) ? 'error' : 'success';
    return elapsed < duration / 3 ? 'queuing' : elapsed < (2 * duration) / 3 ? 'queued' : 'pending';
  };
  const terminal = (s: string) => s === 'success' || s === 'error' || s === 'canceled';

  const jobDetails = (job: FakeJob) => ({
    JobID: job.JobID,
    TaskIDs: job.tasks.map((t) => t.TaskID),
    Status: job.canceled ? 'canceled' : job.tasks.every((t) => terminal(taskStatus(job, t))) ? 'success' : 'queuing',
    StartTime: new Date(job.createdAt).toISOString(),
    EndTime: null,
    AcquiredConcurrency: 1,
    LimitConcurrency: account.totalConcurrency,
    Canceled: job.canceled,
    Tasks: job.tasks.map((t) => ({ TaskID: t.TaskID, URL: t.URL, Status: taskStatus(job, t) })),
  });

  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  /** The content fields of a successful task answer, in the shape the options ask for. */
  const content = (html: string): Record<string, unknown> => {
    const shape = opts.contentShape ?? (opts.contentField === 'Content' ? 'plain' : 'base64-string');
    switch (shape) {
      case 'base64-string':
        return { Base64EncodedContent: base64(html) };
      case 'plain':
        return { Content: html };
      case 'flag-true':
        return { Base64EncodedContent: true, Content: base64(html) };
      case 'flag-false':
        return { Base64EncodedContent: false, Content: html };
      case 'flag-1':
        return { Base64EncodedContent: 1, Content: base64(html) };
      case 'flag-0':
        return { Base64EncodedContent: 0, Content: html };
      case 'flag-"true"':
        return { Base64EncodedContent: 'true', Content: base64(html) };
    }
  };

  /** The cost fields of a successful task answer, in the shape the options ask for. */
  const costFields = (): { headers: Record<string, unknown>; scrapeDo: Record<string, unknown>; top: Record<string, unknown> } => {
    const cost = opts.requestCost ?? 1;
    const none = { headers: {}, scrapeDo: {}, top: {} };
    switch (opts.costShape ?? 'header') {
      case 'header':
        return { ...none, headers: { 'Scrape.do-Request-Cost': String(cost) } };
      case 'header-list':
        return { ...none, headers: { 'scrape.do-request-cost': [String(cost)] } };
      case 'scrape-do-object':
        return { ...none, scrapeDo: { RequestCost: cost } };
      case 'top-level':
        return { ...none, top: { Cost: cost } };
      case 'none':
        return none;
    }
  };

  const taskDetails = (job: FakeJob, t: FakeTask) => {
    const status = taskStatus(job, t);
    const done = status === 'success' || status === 'error';
    const html = (opts.pageHtml ?? fakePageHtml)(t.URL);
    const cost = status === 'success' ? costFields() : { headers: {}, scrapeDo: {}, top: {} };
    return {
      TaskID: t.TaskID,
      JobID: job.JobID,
      URL: t.URL,
      Status: status,
      StartTime: new Date(job.createdAt).toISOString(),
      EndTime: done ? new Date(t.finishesAt).toISOString() : null,
      ExpiresAt: new Date(job.createdAt + retention).toISOString(),
      UpdateTime: new Date(now()).toISOString(),
      ...(status === 'success' && {
        StatusCode: 200,
        ResponseHeaders: { 'Content-Type': 'text/html; charset=utf-8', ...cost.headers },
        ...content(html),
      }),
      ...(status === 'error' && { StatusCode: 502, [opts.errorField ?? 'Error']: 'Target returned an error after retries' }),
      ...cost.top,
      'Scrape.do': cost.scrapeDo,
    };
  };

  function handle(req: FakeRequest): FakeReply {
    // CORS preflight from extension pages: answer it without counting it as an API call.
    if (req.method === 'OPTIONS') return preflight;
    const parts = req.path.split('/').filter(Boolean); // api, v1, jobs|me, …
    const kind: ScrapeDoRequestKind =
      parts[2] === 'me'
        ? 'me'
        : parts[2] !== 'jobs'
          ? 'other'
          : req.method === 'POST'
            ? 'submit'
            : req.method === 'DELETE'
              ? 'cancel'
              : parts.length === 5
                ? 'result'
                : parts.length === 4
                  ? 'status'
                  : 'other';
    counts[kind]++;
    const canned = injected.take();
    if (canned) return canned;
    if (req.headers['x-token'] !== token) return err(401, 'Unauthorized: invalid token');
    if (kind === 'me') {
      const credits = opts.account?.misspelled === false ? { AvailableCredits: account.credits } : { AvaliableCredits: account.credits };
      return {
        body: {
          ActiveJobs: [...jobs.values()].filter((j) => !j.tasks.every((t) => terminal(taskStatus(j, t)))).length,
          ...credits,
          FreeConcurrency: account.freeConcurrency,
          TotalConcurrency: account.totalConcurrency,
        },
      };
    }
    if (kind === 'submit') {
      const body = req.json as { Targets?: unknown; WebhookURL?: unknown } | undefined;
      const targets = body?.Targets;
      if (!Array.isArray(targets) || targets.length === 0 || !targets.every((t) => typeof t === 'string')) {
        return err(400, 'Targets is required');
      }
      if (targets.length > 1000) return err(400, 'Targets cannot exceed 1000 items');
      const createdAt = now();
      const stagger = opts.taskStaggerMs ?? 0;
      const job: FakeJob = {
        JobID: id('job'),
        createdAt,
        canceled: false,
        body,
        ...(typeof body?.WebhookURL === 'string' && { webhookUrl: body.WebhookURL }),
        tasks: targets.map((url: string, i) => ({
          TaskID: id('task'),
          URL: url,
          finishesAt: createdAt + duration + i * stagger,
          canceled: false,
          webhookSent: false,
        })),
      };
      jobs.set(job.JobID, job);
      return { status: opts.createStatus ?? 200, body: { JobID: job.JobID, TaskIDs: job.tasks.map((t) => t.TaskID) } };
    }
    const job = jobs.get(parts[3] ?? '');
    if (!job) return err(404, 'Job not found');
    if (kind === 'status') return { body: jobDetails(job) };
    if (kind === 'cancel') {
      if (job.canceled || job.tasks.every((t) => terminal(taskStatus(job, t)))) return err(406, 'Job is already completed');
      job.canceled = true;
      for (const t of job.tasks) if (!terminal(taskStatus(job, t))) t.canceled = true;
      return { body: jobDetails(job) };
    }
    if (kind === 'result') {
      const task = job.tasks.find((t) => t.TaskID === parts[4]);
      if (!task) return err(404, 'Task not found');
      if (now() - job.createdAt >= retention) return err(410, 'Task response content is no longer available.');
      return { body: taskDetails(job, task) };
    }
    return err(404, 'Not found');
  }

  /** POSTs the details of every task that finished since the last call to its job's WebhookURL. */
  async function deliverWebhooks(): Promise<void> {
    for (const job of jobs.values()) {
      if (!job.webhookUrl) continue;
      for (const t of job.tasks) {
        if (t.webhookSent || !terminal(taskStatus(job, t))) continue;
        t.webhookSent = true;
        const url = job.webhookUrl;
        const body = taskDetails(job, t);
        await postWebhook(url, () => body, { onAttempt: (status) => webhooks.push({ url, body, status }) });
      }
    }
  }

  /** Marks every due webhook as sent and returns them, for a caller that POSTs them on its own schedule (benchmarks). */
  function takeDueWebhooks(): Array<{ url: string; body: unknown }> {
    const due: Array<{ url: string; body: unknown }> = [];
    for (const job of jobs.values()) {
      if (!job.webhookUrl) continue;
      for (const t of job.tasks) {
        if (t.webhookSent || !terminal(taskStatus(job, t))) continue;
        t.webhookSent = true;
        due.push({ url: job.webhookUrl, body: taskDetails(job, t) });
      }
    }
    return due;
  }

  const server = await startFakeServer(handle);
  const sender = startWebhookSender(deliverWebhooks, opts.webhookTickMs ?? 50, 'skip');

  return {
    baseUrl: server.baseUrl,
    /** Wire-level faults and unknown fields, the same in every fake. */
    wire: server.wire,
    token,
    counts,
    /** Every webhook POST the fake made, in order. */
    webhooks,
    /** The jobs as created (the parsed submit body is in `body`). */
    jobs,
    /** Sends the due webhooks now instead of waiting for the timer. */
    deliverWebhooks,
    takeDueWebhooks,
    /** The next `count` requests (after counting) answer `status` (429 or 5xx) before auth is checked. */
    injectError(status: number, count = 1) {
      const messages = { tooMany: 'Too many requests', otherwise: 'Internal server error' };
      injected.set(count, () => injectedError(status, opts.retryAfterSec, err, messages));
    },
    setAccount(next: Partial<typeof account>) {
      account = { ...account, ...next };
    },
    async close() {
      sender.stop();
      await server.close();
    },
  };
}

export type FakeScrapeDo = Awaited<ReturnType<typeof startFakeScrapeDo>>;
