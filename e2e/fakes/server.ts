import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as text/plain. */
  body?: unknown;
}

/** What the next requests get instead of the fake's own answer (contract tests' error cases). */
export type WireFault = FakeReply | 'network-error' | 'malformed-json';

/**
 * Switches every fake has, below its own API: answers injected before the fake sees the request, and
 * unknown fields added to every JSON answer (providers add fields over time; adapters must ignore them).
 */
export interface FakeWire {
  /** The next `n` requests (CORS preflights aside) get `fault`: a reply, a dropped connection, or broken JSON. */
  inject(n: number, fault: WireFault): void;
  /** While on, every JSON object answered (and each object in an answered array) carries extra unknown fields. */
  setUnknownFields(on: boolean): void;
}

export interface FakeServer {
  baseUrl: string;
  close(): Promise<void>;
  wire: FakeWire;
}

/** The fields added by FakeWire.setUnknownFields: several shapes, none any adapter reads. */
export const UNKNOWN_FIELDS = { sqUnknownText: 'ignore me', sqUnknownNumber: 42, sqUnknownFlag: true, sqUnknownObject: { nested: [1, 'two'] } };

function withUnknownFields(body: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(body)) return body.map((item) => (isObject(item) ? { ...item, ...UNKNOWN_FIELDS } : item));
  return isObject(body) ? { ...body, ...UNKNOWN_FIELDS } : body;
}

/** A loopback HTTP server for provider fakes; counts nothing itself, fakes keep their own counters. */
export async function startFakeServer(
  handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>,
): Promise<FakeServer> {
  let faults: { left: number; fault: WireFault } = { left: 0, fault: {} };
  let unknownFields = false;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'OPTIONS' && faults.left > 0) {
      faults.left -= 1;
      const { fault } = faults;
      if (fault === 'network-error') {
        req.socket.destroy();
        return;
      }
      if (fault === 'malformed-json') {
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end('{"cut off in the mid');
        return;
      }
      const headers = { 'access-control-allow-origin': '*', ...fault.headers };
      const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? '');
      res.writeHead(fault.status ?? 200, { 'content-type': typeof fault.body === 'string' ? 'text/plain' : 'application/json', ...headers }).end(text);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      Promise.resolve(
        handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, json }),
      )
        .then((reply) => {
          const status = reply.status ?? 200;
          // Fakes answer any origin, like the real APIs, so the extension pages can call them too.
          const headers: Record<string, string> = { 'access-control-allow-origin': '*', ...reply.headers };
          if (reply.body === undefined) {
            res.writeHead(status, headers).end();
          } else if (typeof reply.body === 'string') {
            res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(reply.body);
          } else {
            const payload = unknownFields ? withUnknownFields(reply.body) : reply.body;
            res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
          }
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    wire: {
      inject(n, fault) {
        faults = { left: n, fault };
      },
      setUnknownFields(on) {
        unknownFields = on;
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A small HTML page the fakes return as "scraped" content for a URL. */
export function fakePageHtml(url: string): string {
  return `<!doctype html><html><head><title>Fake page for ${url}</title></head><body><h1>Scraped ${url}</h1><p>Content served by the fake provider.</p></body></html>`;
}

/** A plain-text reply. */
export const textReply = (status: number, body: string, headers?: Record<string, string>): FakeReply => ({ status, body, headers });

/** `Retry-After` for an injected 429 when the seconds are given, else no headers. */
export const retryAfterHeaders = (seconds: number | undefined): Record<string, string> =>
  seconds === undefined ? {} : { 'retry-after': String(seconds) };

/** The fakes are called from extension pages too; custom auth headers make browsers send a preflight. */
export const corsPreflight: FakeReply = {
  status: 204,
  headers: {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    // Listed, not '*': the wildcard does not cover Authorization (Fetch spec).
    'access-control-allow-headers': 'authorization, x-token, x-api-key, content-type, accept, idempotency-key',
    'access-control-max-age': '600',
  },
};

/** True when the request carries `Authorization: Bearer <key>`. */
export const hasBearer = (req: FakeRequest, key: string): boolean => req.headers.authorization === `Bearer ${key}`;

/** An id maker with its own counter: each call returns `make(n, …args)` for n = 1, 2, 3, … */
export function sequentialIds<A extends unknown[]>(make: (n: number, ...args: A) => string): (...args: A) => string {
  let n = 0;
  return (...args) => make(++n, ...args);
}

/** Canned answers for the next few requests, whatever they ask (injected 429s and 5xx). */
export interface InjectedReplies {
  /** The next `n` requests get `reply`; a function is called per request, so it sees the options as they are then. */
  set(n: number, reply: FakeReply | (() => FakeReply)): void;
  /** The injected reply for this request (counting it off), or undefined when none is left. */
  take(): FakeReply | undefined;
}

/**
 * The reply to an injected error `status`, built by the fake's own `reply` shape: `messages.tooMany` for a
 * 429 (with Retry-After when `retryAfterSec` is set), `messages.otherwise` for anything else.
 */
export function injectedError(
  status: number,
  retryAfterSec: number | undefined,
  reply: (status: number, message: string, headers: Record<string, string>) => FakeReply,
  messages: { tooMany: string; otherwise: string },
): FakeReply {
  return status === 429 ? reply(status, messages.tooMany, retryAfterHeaders(retryAfterSec)) : reply(status, messages.otherwise, {});
}

export function injectedReplies(): InjectedReplies {
  let left = 0;
  let next: FakeReply | (() => FakeReply) = {};
  return {
    set(n, reply) {
      left = n;
      next = reply;
    },
    take() {
      if (left <= 0) return undefined;
      left -= 1;
      return typeof next === 'function' ? next() : next;
    },
  };
}

/** What one webhook POST got: the answer's HTTP status, or 'network-error' when none came. */
export type PostOutcome = number | 'network-error';

export interface PostWebhookOptions {
  /** How many times to POST before giving up. Default 1. */
  attempts?: number;
  /** Which statuses end the retries. Default: any 2xx. */
  accepted?: (status: number) => boolean;
  /** Also wait for the answer's body before the attempt counts as over (a body that fails to arrive is a network error). Default false. */
  readAnswer?: boolean;
  /** Called after every attempt, in order, to record the delivery. */
  onAttempt?: (outcome: PostOutcome) => void;
}

/**
 * POSTs `json()` as JSON to `url` until an answer is accepted or the attempts run out; `json` is called
 * for every attempt, so a retry sends what the fake would send at that moment. Resolves to whether an
 * answer was accepted.
 */
export async function postWebhook(url: string, json: () => unknown, options: PostWebhookOptions = {}): Promise<boolean> {
  const { attempts = 1, accepted = (status: number) => status >= 200 && status < 300, readAnswer = false, onAttempt } = options;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    let outcome: PostOutcome;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json()) });
      if (readAnswer) await res.text();
      outcome = res.status;
    } catch {
      outcome = 'network-error';
    }
    onAttempt?.(outcome);
    if (outcome !== 'network-error' && accepted(outcome)) return true;
  }
  return false;
}

export interface WebhookSender {
  /** Sends what is due now (the fakes expose this so tests need not wait for the timer). */
  deliver(): Promise<void>;
  /** Stops the timer. */
  stop(): void;
}

/**
 * Runs `send` every `everyMs` ms of wall-clock time (the timer does not keep the process alive) and on
 * demand. 'queue': every run, timer or on demand, starts after the previous one settled, so the timer and
 * a test never deliver the same thing twice and a test's call also waits for a timer run in flight.
 * 'skip': a timer tick is skipped while the previous tick still runs; runs on demand start at once.
 */
export function startWebhookSender(send: () => Promise<void>, everyMs: number, mode: 'queue' | 'skip'): WebhookSender {
  if (mode === 'queue') {
    let queue: Promise<void> = Promise.resolve();
    const deliver = (): Promise<void> => {
      queue = queue.then(send, send);
      return queue;
    };
    const timer = setInterval(() => void deliver().catch(() => undefined), everyMs);
    timer.unref();
    return { deliver, stop: () => clearInterval(timer) };
  }
  let sending = false;
  const timer = setInterval(() => {
    if (sending) return;
    sending = true;
    void send().finally(() => (sending = false));
  }, everyMs);
  timer.unref();
  return { deliver: send, stop: () => clearInterval(timer) };
}

/** A {@link FakeServer} that keeps every request it got, in order. */
export interface RecordingServer extends FakeServer {
  received: FakeRequest[];
}

/** A loopback server that records every request it gets (a stand-in webhook receiver) and answers each with `reply`. */
export async function startRecordingServer(reply: FakeReply = { status: 200 }): Promise<RecordingServer> {
  const received: FakeRequest[] = [];
  const server = await startFakeServer((req) => {
    received.push(req);
    return reply;
  });
  return { ...server, received };
}
