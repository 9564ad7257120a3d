import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Who sent a request, by its `Origin` header: `none` (node clients, curl, providers' servers),
 * `extension` (a chrome-extension:// or moz-extension:// page or worker) or `web` (any other origin,
 * `null` included: a web page, a sandboxed frame, a file).
 */
export type OriginKind = 'none' | 'extension' | 'web';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9._-]+$/;

export function originKind(origin: string | string[] | undefined): OriginKind {
  if (origin === undefined) return 'none';
  if (typeof origin !== 'string') return 'web';
  return EXTENSION_ORIGIN.test(origin) ? 'extension' : 'web';
}

/** The routes the extension calls from its pages: channel register/info/rotate/delete, events, ack, signatures. */
export function isSubscriberPath(pathname: string): boolean {
  return pathname === '/v1/channels' || pathname.startsWith('/v1/channels/');
}

const CORS_ALLOW = {
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

/**
 * Sets the CORS headers of a subscriber route on `res` (they survive the later writeHead): the
 * answer varies by Origin, and only an extension origin is let read it. Web pages get no CORS at
 * all, so a page a user visits cannot drive the relay with a secret it somehow holds.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('vary', 'origin');
  const origin = req.headers.origin;
  if (originKind(origin) !== 'extension' || typeof origin !== 'string') return;
  res.setHeader('access-control-allow-origin', origin);
  for (const [k, v] of Object.entries(CORS_ALLOW)) res.setHeader(k, v);
}
