import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ErrorBody } from '../shared/relay-protocol';
import { BodyTooLargeError, readBody } from './body';

/** Thrown by handlers; the dispatcher turns it into `status` + JSON {@link ErrorBody}. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The single answer for "unknown channel", "wrong secret" and "wrong webhook token". */
export const notFound = () => new HttpError(404, 'not_found', 'Channel not found');

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  // CORS headers, where a route has them, were set on `res` before (relay/cors.ts); writeHead keeps them.
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  const body: ErrorBody = { error: err.code, message: err.message };
  sendJson(res, err.status, body, err.headers);
}

const CONTROL_BODY_LIMIT = 64 * 1024;

/**
 * Reads a small JSON control body and validates it. An empty body is parsed as `{}` so that
 * optional bodies work; malformed JSON → 400 bad_json, schema mismatch → 400 bad_request.
 */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  let raw: Buffer;
  try {
    raw = await readBody(req, CONTROL_BODY_LIMIT);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new HttpError(413, 'payload_too_large', e.message, { connection: 'close' });
    throw e;
  }
  const text = raw.toString('utf8').trim();
  let value: unknown = {};
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'bad_json', 'Body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new HttpError(400, 'bad_request', issues);
  }
  return parsed.data;
}

/** Parses an optional non-negative integer query parameter; garbage → 400. */
export function intParam(url: URL, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,16}$/.test(raw) || Number(raw) > max) {
    throw new HttpError(400, 'bad_request', `${name} must be an integer between 0 and ${max}`);
  }
  return Number(raw);
}
