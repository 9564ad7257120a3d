/**
 * A loopback fake of Bright Data's datasets v3 API, following the documented shapes and quirks
 * (/work/shared/reference/provider-apis.md §1): sync /scrape auto-conversion (202 + snapshot_id),
 * progress vocabularies, snapshot 202 while building (optionally once more after `ready`, the race
 * the Python SDK retries), expired/empty snapshots, 429 + Retry-After, plain-text 401s, and webhook
 * delivery of the JSON records array to `endpoint` when a snapshot finishes.
 */
import {
  type FakeWire,
  fakePageHtml,
  hasBearer,
  injectedReplies,
  postWebhook,
  retryAfterHeaders,
  sequentialIds,
  startFakeServer,
  startWebhookSender,
  textReply as text,
  type FakeReply,
  type FakeRequest,
} from './server';

export interface FakeBrightDataOptions {
  /** The key the fake accepts (`Authorization: Bearer …`). Default 'bd-test-key'. */
  apiKey?: string;
  /** Clock that decides when jobs finish. Default Date.now. */
  now?: () => number;
  /** How long a snapshot takes. Default 10 000 ms. */
  jobDurationMs?: number;
  /** Per-URL (or keyword) duration override; a snapshot lasts as long as its slowest input. */
  durationFor?: (input: string) => number | undefined;
  /**
   * Sync /scrape answers with records when the job takes at most this long; longer jobs get the
   * documented auto-conversion (HTTP 202 `{snapshot_id, message}`). Default 60 000 (the 1-minute timeout).
   */
  syncDelayMs?: number;
  /** Dataset ids that exist. Default: any id starting with `gd_`. Others → 404 'Collector not found'. */
  datasetIds?: string[];
  /** Inputs that come back as error records (`error_code: dead_page`). */
  failUrls?: string[];
  /** When it returns a message, the whole snapshot ends `failed` with that `error_message`. */
  failSnapshot?: (inputs: string[]) => string | undefined;
  /** How many times /snapshot still answers 202 after progress says `ready` (the race). Default 0. */
  notReadyAfterReady?: number;
  /** 'api' = starting/running (monitor-progress enum), 'guide' = collecting/digesting. Default 'api'. */
  statusVocabulary?: 'api' | 'guide';
  /** Answer a one-record result as a bare object instead of an array (SDK-observed). Default false. */
  singleObject?: boolean;
  /** Answer records as NDJSON even when `format=json` is asked (the default format conflicts between doc pages). */
  alwaysNdjson?: boolean;
  /** How often due webhooks are checked (wall clock). Default 25 ms. */
  webhookCheckMs?: number;
}

export interface FakeBrightDataCounts {
  submit: number;
  status: number;
  result: number;
  cancel: number;
  other: number;
}

export interface RecordedBrightDataRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  json: unknown;
}

export interface FakeSnapshot {
  id: string;
  datasetId: string;
  inputs: string[];
  discover: boolean;
  createdAt: number;
  durationMs: number;
  canceled: boolean;
  expired: boolean;
  failMessage?: string;
  webhook?: string;
  webhookDelivered: boolean;
  notReadyLeft: number;
}

export interface FakeBrightData {
  baseUrl: string;
  /** Wire-level faults and unknown fields, the same in every fake. */
  wire: FakeWire;
  apiKey: string;
  counts: FakeBrightDataCounts;
  requests: RecordedBrightDataRequest[];
  snapshots: Map<string, FakeSnapshot>;
  /** The next `n` requests (any endpoint) get 429, with `Retry-After: retryAfterSeconds` when given. */
  inject429(n: number, retryAfterSeconds?: number): void;
  /** The next `n` requests (any endpoint) get this status and plain-text body (e.g. 503 for transient tests). */
  injectFailure(n: number, status: number, body?: string): void;
  /** Makes a snapshot's download answer 400 'Snapshot is expired'. */
  expire(snapshotId: string): void;
  /** Delivers every due webhook now (also runs on a timer). */
  deliverDueWebhooks(): Promise<void>;
  /** Webhook POSTs made: target URL and the HTTP status it answered (0 = network error). */
  webhookDeliveries: { url: string; status: number }[];
  close(): Promise<void>;
}

export async function startFakeBrightData(opts: FakeBrightDataOptions = {}): Promise<FakeBrightData> {
  const apiKey = opts.apiKey ?? 'bd-test-key';
  const now = opts.now ?? Date.now;
  const syncLimit = opts.syncDelayMs ?? 60_000;
  const counts: FakeBrightDataCounts = { submit: 0, status: 0, result: 0, cancel: 0, other: 0 };
  const requests: RecordedBrightDataRequest[] = [];
  const snapshots = new Map<string, FakeSnapshot>();
  const webhookDeliveries: { url: string; status: number }[] = [];
  const injected = injectedReplies();
  const nextSnapshotId = sequentialIds((n) => `s_fake${n.toString(36)}${Math.random().toString(36).slice(2, 8)}`);

  const durationOf = (inputs: string[]) =>
    Math.max(0, ...inputs.map((i) => opts.durationFor?.(i) ?? opts.jobDurationMs ?? 10_000));
  const datasetExists = (id: string | null) =>
    !!id && (opts.datasetIds ? opts.datasetIds.includes(id) : id.startsWith('gd_'));
  const isDone = (s: FakeSnapshot) => now() >= s.createdAt + s.durationMs;

  function recordsOf(s: FakeSnapshot): Record<string, unknown>[] {
    if (s.discover) {
      return s.inputs.flatMap((keyword) =>
        [1, 2].map((n) => {
          const url = `https://example.com/discovered/${encodeURIComponent(keyword)}/${n}`;
          return { url, final_url: url, markdown: `# Scraped ${url}`, page_html: fakePageHtml(url), discovery_input: { keyword } };
        }),
      );
    }
    return s.inputs.map((url) =>
      opts.failUrls?.includes(url)
        ? { error: 'Page does not exist', error_code: 'dead_page', input: { url } }
        : {
            url,
            final_url: url,
            markdown: `# Scraped ${url}\n\nContent served by the fake provider.`,
            page_html: fakePageHtml(url),
            html2text: `Scraped ${url}\nContent served by the fake provider.`,
            ld_json: null,
            timestamp: new Date(now()).toISOString(),
            input: { url },
          },
    );
  }

  function statusOf(s: FakeSnapshot): string {
    if (s.canceled) return 'canceled';
    if (isDone(s)) return s.failMessage ? 'failed' : 'ready';
    const early = now() < s.createdAt + s.durationMs / 2;
    if (opts.statusVocabulary === 'guide') return early ? 'collecting' : 'digesting';
    return early ? 'starting' : 'running';
  }

  function recordsReply(records: Record<string, unknown>[], format: string | null): FakeReply {
    if (format === 'ndjson' || format === 'jsonl' || opts.alwaysNdjson) {
      return { status: 200, body: records.map((r) => JSON.stringify(r)).join('\n'), headers: { 'content-type': 'application/x-ndjson' } };
    }
    return { status: 200, body: opts.singleObject && records.length === 1 ? records[0] : records };
  }

  /** Reads `[{url}]`, `[{keyword}]` or the SDKs' `{input: [...]}` form (§1 Submit). */
  function inputsOf(json: unknown, discover: boolean): string[] | FakeReply {
    const list = Array.isArray(json) ? json : (json as { input?: unknown } | undefined)?.input;
    if (!Array.isArray(list) || list.length === 0) return text(400, 'No data to trigger');
    const key = discover ? 'keyword' : 'url';
    const values = list.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined));
    const bad = values.findIndex((v) => typeof v !== 'string' || (!discover && !/^https?:\/\//.test(v)));
    if (bad >= 0) {
      return { status: 400, body: { error: 'Invalid input provided', code: 'validation_error', errors: [[key, `Invalid value at input ${bad}`]] } };
    }
    return values as string[];
  }

  function newSnapshot(datasetId: string, inputs: string[], discover: boolean, webhook?: string): FakeSnapshot {
    const s: FakeSnapshot = {
      id: nextSnapshotId(),
      datasetId,
      inputs,
      discover,
      createdAt: now(),
      durationMs: durationOf(inputs),
      canceled: false,
      expired: false,
      failMessage: opts.failSnapshot?.(inputs),
      webhook,
      webhookDelivered: false,
      notReadyLeft: opts.notReadyAfterReady ?? 0,
    };
    snapshots.set(s.id, s);
    return s;
  }

  function handle(req: FakeRequest): FakeReply {
    const { method, path, query } = req;
    requests.push({ method, path, query, authorization: req.headers.authorization, json: req.json });
    const kind: keyof FakeBrightDataCounts =
      /\/(scrape|trigger)$/.test(path) ? 'submit'
      : path.startsWith('/datasets/v3/progress/') ? 'status'
      : path.endsWith('/cancel') ? 'cancel'
      : path.startsWith('/datasets/v3/snapshot/') ? 'result'
      : 'other';
    counts[kind] += 1;

    const canned = injected.take();
    if (canned) return canned;
    const auth = req.headers.authorization;
    if (!auth) return text(401, 'Credentials are missing');
    if (!auth.startsWith('Bearer ')) return text(401, 'Auth method is not supported');
    if (!hasBearer(req, apiKey)) return text(401, 'Invalid credentials');

    if (method === 'POST' && (path === '/datasets/v3/scrape' || path === '/datasets/v3/trigger')) {
      const datasetId = query.get('dataset_id');
      if (!datasetExists(datasetId)) return text(404, 'Collector not found');
      const discover = query.get('type') === 'discover_new';
      if (path.endsWith('/scrape') && discover) return text(400, 'Discovery is not supported by /scrape');
      const inputs = inputsOf(req.json, discover);
      if (!Array.isArray(inputs)) return inputs;
      if (path.endsWith('/scrape')) {
        const s = newSnapshot(datasetId!, inputs, false);
        if (s.durationMs > syncLimit) {
          return {
            status: 202,
            headers: { 'retry-after': '10' },
            body: { snapshot_id: s.id, message: 'Your request is still in progress and may take some time. Use the snapshot_id to check status and download the results.' },
          };
        }
        // Answered inline: the job is over, but keep it so a test can look at it.
        s.createdAt -= s.durationMs;
        return recordsReply(recordsOf(s), query.get('format'));
      }
      const s = newSnapshot(datasetId!, inputs, discover, query.get('endpoint') ?? undefined);
      return { status: 200, body: { snapshot_id: s.id } };
    }

    if (method === 'GET' && path === '/datasets/v3/snapshots') {
      if (!datasetExists(query.get('dataset_id'))) return text(404, 'Collector not found');
      const limit = Number(query.get('limit') ?? 1000);
      const list = [...snapshots.values()]
        .filter((s) => s.datasetId === query.get('dataset_id'))
        .slice(0, limit)
        .map((s) => ({ id: s.id, status: statusOf(s), dataset_id: s.datasetId }));
      return { status: 200, body: list };
    }

    const match = /^\/datasets\/v3\/(progress|snapshot)\/([^/]+)(\/cancel)?$/.exec(path);
    const s = match ? snapshots.get(decodeURIComponent(match[2]!)) : undefined;
    if (match && !s) return text(404, 'Snapshot does not exist');
    if (match && s) {
      if (match[1] === 'progress' && method === 'GET') {
        const status = statusOf(s);
        return { status: 200, body: { snapshot_id: s.id, dataset_id: s.datasetId, status, ...(status === 'failed' ? { error_message: s.failMessage } : {}) } };
      }
      if (match[3] && method === 'POST') {
        if (s.canceled || isDone(s)) return text(400, 'Snapshot is not running');
        s.canceled = true;
        return text(200, 'OK');
      }
      if (method === 'GET') {
        const status = statusOf(s);
        if (s.expired) return text(400, 'Snapshot is expired');
        if (status === 'canceled' || status === 'failed') return text(400, `Snapshot is ${status}`);
        if (status !== 'ready') return { status: 202, body: { status: 'building', message: 'Snapshot is building, try again in 10s' } };
        if (s.notReadyLeft > 0) {
          s.notReadyLeft -= 1;
          return { status: 202, body: { status: 'ready', message: 'Snapshot is not ready yet, try again in 10s' } };
        }
        const records = recordsOf(s);
        if (records.length === 0) return text(400, 'Snapshot is empty');
        return recordsReply(records, query.get('format'));
      }
    }
    return text(404, 'Not found');
  }

  const server = await startFakeServer(handle);
  async function deliverOnce(): Promise<void> {
    for (const s of snapshots.values()) {
      if (!s.webhook || s.webhookDelivered || s.canceled || s.failMessage || !isDone(s)) continue;
      s.webhookDelivered = true;
      const url = s.webhook;
      // Bright Data retries failed deliveries (seed); the retry count is undocumented, 3 here.
      await postWebhook(url, () => recordsOf(s), {
        attempts: 3,
        accepted: (status) => status === 200,
        readAnswer: true,
        onAttempt: (outcome) => webhookDeliveries.push({ url, status: outcome === 'network-error' ? 0 : outcome }),
      });
    }
  }
  // Deliveries run one after another, so the timer and a test never deliver the same job twice.
  const sender = startWebhookSender(deliverOnce, opts.webhookCheckMs ?? 25, 'queue');

  return {
    baseUrl: server.baseUrl,
    /** Wire-level faults and unknown fields, the same in every fake. */
    wire: server.wire,
    apiKey,
    counts,
    requests,
    snapshots,
    webhookDeliveries,
    inject429(n, retryAfterSeconds) {
      injected.set(n, text(429, 'Too many requests', retryAfterHeaders(retryAfterSeconds)));
    },
    injectFailure(n, status, body = 'Internal server error') {
      injected.set(n, text(status, body));
    },
    expire(snapshotId) {
      const s = snapshots.get(snapshotId);
      if (s) s.expired = true;
    },
    deliverDueWebhooks: sender.deliver,
    async close() {
      sender.stop();
      await server.close();
    },
  };
}
