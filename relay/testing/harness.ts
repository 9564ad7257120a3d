/** Test helpers for the relay: a recording logger, an app on 127.0.0.1:0, an HTTP helper and a WS client. */
import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import { ChannelCredentials, ServerMessage } from '../../shared/relay-protocol';
import { createApp, type RelayApp } from '../app';
import { type AppConfig, defaultAppConfig } from '../config';
import type { Logger } from '../log';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/types';

/** Rejects after `ms` so no wait in a test is unbounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface RecordingLogger extends Logger {
  lines: string[];
  /** Resolves with the first line (already logged or future) matching `pattern`. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (l: string) => void }> = [];
  const push = (line: string) => {
    lines.push(line);
    const hits = waiters.filter((w) => w.pattern.test(line));
    for (const w of hits) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  };
  return {
    lines,
    info: push,
    error: (line, err) => push(`ERROR ${line} ${err instanceof Error ? err.message : String(err ?? '')}`),
    waitFor(pattern, ms = 5_000) {
      const hit = lines.find((l) => pattern.test(l));
      if (hit) return Promise.resolve(hit);
      return within(new Promise<string>((resolve) => waiters.push({ pattern, resolve })), ms, `log ${pattern}`);
    },
  };
}

export interface TestRelay {
  app: RelayApp;
  baseUrl: string;
  logger: RecordingLogger;
  close(): Promise<void>;
}

export interface StartOptions {
  store?: Store;
  now?: () => number;
  config?: Partial<AppConfig>;
}

/** A relay on 127.0.0.1:0 (memory store unless one is given). */
export async function startRelay(options: StartOptions = {}): Promise<TestRelay> {
  const logger = recordingLogger();
  const app = createApp({
    store: options.store ?? createMemoryStore(),
    now: options.now ?? Date.now,
    logger,
    config: { ...defaultAppConfig, registerRate: { perSecond: 1000, burst: 1000 }, ...options.config },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('not listening');
  return { app, baseUrl: `http://127.0.0.1:${addr.port}`, logger, close: () => app.close() };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  init: { secret?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.secret !== undefined) headers.authorization = `Bearer ${init.secret}`;
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    body: typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function register(baseUrl: string): Promise<ChannelCredentials> {
  const r = await call(baseUrl, 'POST', '/v1/channels');
  if (r.status !== 201) throw new Error(`register: ${r.status} ${r.text}`);
  return ChannelCredentials.parse(r.json);
}

/** POSTs to a webhook URL (absolute) and returns the reply. */
export function postHook(webhookUrl: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(webhookUrl);
  return call(url.origin, 'POST', url.pathname + url.search, { body, headers });
}

/** A raw node:http request, for bodies streamed without Content-Length and early answers. */
export function rawPost(
  url: string,
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return within(
    new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString() }));
        res.on('error', reject);
      });
      // The server may answer early and close while we still write; the answer is what matters.
      req.on('error', (e) => reject(e));
      for (const c of chunks) req.write(c);
      req.end();
    }),
    10_000,
    `POST ${url}`,
  );
}

/** A `ws` client that queues server messages, so tests can wait for the next matching one. */
export class TestSubscriber {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[] = [];
  private readonly waiters: Array<{ match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  private consumed = 0;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}) {
    this.ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('message', (data) => {
      const msg = ServerMessage.parse(JSON.parse(data.toString()));
      this.messages.push(msg);
      const w = this.waiters.find((x) => x.match(msg));
      if (w) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    });
  }

  /** Waits for a message of `type` (any, already received or future, not yet returned by next()). */
  next<T extends ServerMessage['type']>(type: T, ms = 5_000): Promise<Extract<ServerMessage, { type: T }>> {
    for (let i = this.consumed; i < this.messages.length; i++) {
      const m = this.messages[i]!;
      if (m.type === type) {
        this.consumed = i + 1;
        return Promise.resolve(m as Extract<ServerMessage, { type: T }>);
      }
    }
    return within(
      new Promise<ServerMessage>((resolve) =>
        this.waiters.push({
          match: (m) => m.type === type,
          resolve: (m) => {
            this.consumed = this.messages.length;
            resolve(m);
          },
        }),
      ),
      ms,
      `ws message ${type}`,
    ) as Promise<Extract<ServerMessage, { type: T }>>;
  }

  /** Collects `count` events (in arrival order). */
  async events(count: number, ms = 5_000) {
    const out = [];
    for (let i = 0; i < count; i++) out.push((await this.next('event', ms)).event);
    return out;
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await within(this.closed, 5_000, 'ws close').catch(() => this.ws.terminate());
  }
}

export function streamUrl(baseUrl: string, channelId: string, query = ''): string {
  return `${baseUrl.replace(/^http/, 'ws')}/v1/channels/${channelId}/stream${query}`;
}
