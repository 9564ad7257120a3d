import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from './config';
import type { ChannelUse } from './idle';
import type { UploadGate } from './uploads';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { RateLimiter } from './rate-limit';
import type { Store } from './store/types';
import type { WriteBatcher } from './write-batcher';
import type { Hub } from './ws/hub';

/** Everything a route handler may use; built once by `createApp`. */
export interface AppContext {
  store: Store;
  batcher: WriteBatcher;
  hub: Hub;
  hookLimiter: RateLimiter;
  registerLimiter: RateLimiter;
  /** Per channel: pulls of `GET …/events`, and WebSocket connects. */
  pullLimiter: RateLimiter;
  connectLimiter: RateLimiter;
  metrics: Metrics;
  uploads: UploadGate;
  channelUse: ChannelUse;
  config: AppConfig;
  now: () => number;
  logger: Logger;
  /** Base of the URLs handed out (config.publicUrl or the listening address). */
  baseUrl(): string;
}

export interface Route {
  method: string;
  /** Segments; `:name` captures one segment. */
  pattern: string[];
  handle(ctx: AppContext, req: IncomingMessage, res: ServerResponse, params: Record<string, string>, url: URL): Promise<void>;
}

export function route(method: string, path: string, handle: Route['handle']): Route {
  return { method, pattern: path.split('/').filter(Boolean), handle };
}

/** Finds the route for a path: `{route}`, `{methodNotAllowed}` (path exists, other method) or undefined. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | { methodNotAllowed: string[] } | undefined {
  const segments = pathname.split('/').filter(Boolean);
  const allowed: string[] = [];
  // Plain loops: this runs for every request, webhooks included.
  for (const r of routes) {
    if (r.pattern.length !== segments.length) continue;
    const params = matchSegments(r.pattern, segments);
    if (!params) continue;
    if (r.method === method) return { route: r, params };
    allowed.push(r.method);
  }
  return allowed.length > 0 ? { methodNotAllowed: allowed } : undefined;
}

/** The `:name` captures of `segments` against `pattern` (same length), or undefined when they differ. */
function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const seg = segments[i]!;
    if (p.charCodeAt(0) !== 58 /* ':' */) {
      if (p !== seg) return undefined;
      continue;
    }
    try {
      params[p.slice(1)] = decodeURIComponent(seg);
    } catch {
      return undefined;
    }
  }
  return params;
}
