import { z } from 'zod';
import { ProviderError, parseRetryAfter } from '../errors';
import type { ProviderConfig, ProviderDeps } from '../types';
import { cleartextProblem } from '../../urls/transport';
import { rateLimitError, type RateLimitBackoff } from './backoff';

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON when not a string. */
  body?: unknown;
  /**
   * Set when the request carries the user's API key. The URL must then be on the configured
   * base URL's origin: keys never go to any other host (e.g. a status URL a provider hands back).
   */
  keyedFor?: ProviderConfig;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The ok-status check: any 2xx (providers differ on 200 vs 201 vs 202 for the same call). */
export const isOk = (res: Pick<HttpResponse, 'status'>): boolean => res.status >= 200 && res.status < 300;

/** Maps an HTTP status the adapter did not handle itself to a ProviderError. */
export type ErrorMessage = (status: number, bodyText: string) => string;

export function assertKeyOrigin(url: string, config: ProviderConfig): void {
  if (new URL(url).origin !== new URL(config.baseUrl).origin) {
    throw new ProviderError('fatal', `Refusing to send the API key to ${new URL(url).origin}: not the provider's host`);
  }
  // Also at request time: a base URL stored before this rule (or by hand) must not carry the key in clear.
  const cleartext = cleartextProblem(url, 'the API key');
  if (cleartext) throw new ProviderError('fatal', `The key was not sent. ${cleartext}`);
}

/** The job's error when a keyed request is redirected off the configured origin (or to where we cannot see). */
export const REDIRECT_REFUSED = 'Provider redirected to another host; the key was not sent';
const MAX_REDIRECTS = 5;

const isRedirect = (res: Response): boolean =>
  // Browsers answer redirect: 'manual' with an opaque redirect (status 0, no Location); Node's undici with the 3xx itself.
  res.type === 'opaqueredirect' || ([301, 302, 303, 307, 308].includes(res.status) && res.headers.has('location'));

async function fetchOnce(deps: ProviderDeps, url: string, init: RequestInit): Promise<Response> {
  try {
    return await deps.fetch(url, init);
  } catch (cause) {
    throw new ProviderError('transient', `Network error: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * Sends a request; network failures become transient ProviderErrors. Any HTTP status is returned.
 * A keyed request never follows a redirect on its own (fetch would re-send custom key headers and a
 * 307/308 would re-send a body holding the key): it is followed here only while it stays on the
 * configured origin, otherwise the call fails with {@link REDIRECT_REFUSED}.
 */
export async function send(deps: ProviderDeps, req: HttpRequest): Promise<HttpResponse> {
  if (req.keyedFor) assertKeyOrigin(req.url, req.keyedFor);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    if (typeof req.body !== 'string') headers['content-type'] ??= 'application/json';
  }
  let method: string = req.method ?? 'GET';
  let url = req.url;
  const redirect: RequestRedirect = req.keyedFor ? 'manual' : 'follow';
  for (let hops = 0; ; hops++) {
    const res = await fetchOnce(deps, url, { method, headers, body, redirect });
    if (!req.keyedFor || !isRedirect(res)) return { status: res.status, headers: res.headers, text: await res.text() };
    await res.body?.cancel();
    const location = res.headers.get('location');
    const next = location ? new URL(location, url) : undefined;
    if (!next || next.origin !== new URL(req.keyedFor.baseUrl).origin) {
      throw new ProviderError('fatal', REDIRECT_REFUSED, { status: res.status });
    }
    if (hops >= MAX_REDIRECTS) throw new ProviderError('fatal', `Provider redirected more than ${MAX_REDIRECTS} times`, { status: res.status });
    // What fetch itself does: 303, and 301/302 after a POST, go on as a GET without the body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      delete headers['content-type'];
    }
    url = next.href;
  }
}

/**
 * The generic classification: 401/403 → auth (the key is missing, wrong or not allowed: fix it in Options),
 * 429 → rate-limit (waiting per Retry-After, else per the adapter's backoff when it passes one),
 * 5xx → transient, other 4xx → fatal. Adapters whose provider gives 403 another meaning map it first.
 */
export function errorFor(deps: ProviderDeps, res: HttpResponse, message: ErrorMessage, backoff?: RateLimitBackoff): ProviderError {
  const text = message(res.status, res.text);
  if (res.status === 429 && backoff) return rateLimitError(backoff, res, deps.now(), text);
  backoff?.reset();
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
  if (res.status === 429) return new ProviderError('rate-limit', text, { status: 429, retryAfterMs });
  if (res.status === 401 || res.status === 403) return new ProviderError('auth', text, { status: res.status });
  if (res.status >= 500) return new ProviderError('transient', text, { status: res.status, retryAfterMs });
  return new ProviderError('fatal', text, { status: res.status });
}

/** A call to the provider's own API: a path on the configured base URL, with query parameters. */
export interface ApiRequest {
  method?: HttpRequest['method'];
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Sends `req` to the configured base URL with the key headers `auth`; the key goes to that origin only. */
export function sendToApi(deps: ProviderDeps, config: ProviderConfig, auth: Record<string, string>, req: ApiRequest): Promise<HttpResponse> {
  const url = new URL(joinUrl(config.baseUrl, req.path));
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  return send(deps, {
    method: req.method ?? 'GET',
    url: url.toString(),
    headers: { ...auth, ...req.headers },
    body: req.body,
    keyedFor: config,
  });
}

/** Parses a JSON body with the boundary's schema; a malformed answer is a fatal error for that job. */
export function parseJson<T>(res: HttpResponse, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(res.text);
  } catch {
    throw new ProviderError('fatal', `Malformed response from ${what}: not JSON (HTTP ${res.status})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new ProviderError('fatal', `Malformed response from ${what}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

// The message fields error bodies use: {detail}, {error}, {Error}, {message}, {Message}.
const ErrorFields = z
  .object({ detail: z.unknown(), error: z.unknown(), Error: z.unknown(), message: z.unknown(), Message: z.unknown() })
  .partial();

/** Reads a short human message out of an error body: JSON {detail}, {error}, {Error}, {message} or plain text. */
export function bodyMessage(text: string): string {
  const trimmed = text.trim();
  try {
    const json = ErrorFields.safeParse(JSON.parse(trimmed));
    if (json.success) {
      for (const key of ['detail', 'error', 'Error', 'message', 'Message'] as const) {
        const value = json.data[key];
        if (typeof value === 'string' && value) return value;
      }
    }
  } catch {
    // plain-text bodies are common; fall through
  }
  return trimmed.slice(0, 300) || 'no message';
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Parses a JSON text that arrived without an HTTP answer of ours (a webhook body) like parseJson does. */
export function parseJsonText<T>(text: string, schema: z.ZodType<T>, what: string): T {
  return parseJson({ status: 200, headers: new Headers(), text }, schema, what);
}
