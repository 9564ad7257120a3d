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
  for (const r of routes) {
    if (r.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = r.pattern.every((p, i) => {
      const seg = segments[i]!;
      if (!p.startsWith(':')) return p === seg;
      try {
        params[p.slice(1)] = decodeURIComponent(seg);
        return true;
      } catch {
        return false;
      }
    });
    if (!ok) continue;
    if (r.method === method) return { route: r, params };
    allowed.push(r.method);
  }
  return allowed.length > 0 ? { methodNotAllowed: allowed } : undefined;
}
