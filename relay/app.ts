/**
 * The relay as a value: `createApp(deps)` wires routes, WebSocket delivery, group commit and the
 * purge timer around an `http.Server` that is NOT listening yet. Only `main.ts` listens and reads
 * the environment; tests listen on 127.0.0.1:0.
 * @module
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ErrorBody, RelayCloseCode } from '../shared/relay-protocol';
import { BodyAbortedError } from './body';
import type { AppConfig } from './config';
import { type AppContext, matchRoute, type Route } from './context';
import { applyCors, isSubscriberPath, originKind } from './cors';
import { HttpError, sendError, sendJson } from './http';
import { type Logger, loggablePath, requestEntry, requestLine } from './log';
import { createMetrics } from './metrics';
import { createRateLimiter } from './rate-limit';
import { channelRoutes } from './routes/channels';
import { hookRoutes } from './routes/hooks';
import { createStreamHandler, isStreamPath } from './routes/stream';
import { StoreUnavailableError, type Store } from './store/types';
import { createWriteBatcher } from './write-batcher';
import { createHub, type Hub } from './ws/hub';
import { createChannelUse } from './idle';
import { createUploadGate } from './uploads';

export interface AppDeps {
  store: Store;
  now: () => number;
  logger: Logger;
  config: AppConfig;
  /** PEM certificate and key: the server speaks HTTPS and WSS. */
  tls?: { cert: Buffer | string; key: Buffer | string };
}

type Server = HttpServer | HttpsServer;

export interface RelayApp {
  /** Not listening; call `server.listen(port, host)`. */
  server: Server;
  /** Stops accepting, finishes in-flight writes, closes WebSockets (1001) and the store. Idempotent. */
  close(): Promise<void>;
  /** Runs the TTL purge, idle-channel expiry and space reclaim now (the timer runs it every `purgeIntervalMs`); resolves with events purged. */
  purgeNow(): Promise<number>;
  stats(): ReturnType<Hub['stats']> & { inFlight: number };
}

const routes: Route[] = [...channelRoutes, ...hookRoutes];

export function createApp({ store, now, logger, config, tls }: AppDeps): RelayApp {
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createServer();
  server.headersTimeout = config.server.headersTimeoutMs;
  server.requestTimeout = config.server.requestTimeoutMs;
  server.keepAliveTimeout = config.server.keepAliveTimeoutMs;
  server.maxConnections = config.server.maxConnections;
  const metrics = createMetrics();
  const batcher = createWriteBatcher(store, {
    quotaBytes: config.channelQuotaBytes,
    quotaEvents: config.channelQuotaEvents,
    totalBytes: config.storeLimitBytes,
    observe: (ms) => metrics.storeLatency(ms),
  });
  const hub = createHub(store, logger, config.ws);
  batcher.onCommit((ids) => {
    hub.notify(ids);
    // Subscribers of these channels may be connected to another instance (Redis).
    store.announce({ type: 'appended', channelIds: [...ids] }).catch((e: unknown) => logger.error('announcing new events failed', e));
  });

  const ctx: AppContext = {
    store,
    batcher,
    hub,
    hookLimiter: createRateLimiter(config.hookRate, now),
    registerLimiter: createRateLimiter(config.registerRate, now),
    pullLimiter: createRateLimiter(config.pullRate, now),
    connectLimiter: createRateLimiter(config.connectRate, now),
    metrics,
    uploads: createUploadGate(config.uploads),
    channelUse: createChannelUse(store, now, logger),
    config,
    now,
    logger,
    baseUrl: () => config.publicUrl ?? listeningUrl(server, tls !== undefined),
  };
  const stream = createStreamHandler(ctx);
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  let closed: Promise<void> | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const method = req.method ?? 'GET';
    const subscriberPath = isSubscriberPath(url.pathname);
    if (subscriberPath) applyCors(req, res);
    if (method === 'OPTIONS') {
      // Preflights are answered for extension origins on subscriber routes only; webhooks need no CORS.
      const origin = originKind(req.headers.origin);
      if (origin === 'web' || (origin === 'extension' && !subscriberPath)) {
        throw new HttpError(403, 'origin_not_allowed', 'Cross-origin calls are answered only for browser-extension origins on /v1/channels routes');
      }
      res.writeHead(204, { allow: 'GET, POST, PUT, DELETE, OPTIONS' }).end();
      return;
    }
    if (method === 'GET' && (await serveOps(url.pathname, res))) return;
    if (method === 'GET' && isStreamPath(url.pathname)) {
      throw new HttpError(426, 'upgrade_required', 'This endpoint is a WebSocket', { upgrade: 'websocket' });
    }
    const match = matchRoute(routes, method, url.pathname);
    if (!match) throw new HttpError(404, 'not_found', 'No such endpoint');
    if ('methodNotAllowed' in match) {
      throw new HttpError(405, 'method_not_allowed', `Use ${match.methodNotAllowed.join(', ')}`, {
        allow: match.methodNotAllowed.join(', '),
      });
    }
    await match.route.handle(ctx, req, res, match.params, url);
  }

  /** Liveness, readiness, metrics and the service page; true when it answered. */
  async function serveOps(pathname: string, res: ServerResponse): Promise<boolean> {
    switch (pathname) {
      case '/healthz':
        sendJson(res, 200, { ok: true });
        return true;
      case '/readyz':
        try {
          await withTimeout(store.ping(), 2_000);
          sendJson(res, 200, { ok: true, store: store.kind });
        } catch (e) {
          logger.error('readiness check failed', e);
          sendJson(res, 503, { ok: false, store: store.kind, error: 'unavailable', message: 'The store does not answer' });
        }
        return true;
      case '/metrics': {
        const pending = await withTimeout(store.totalPending(), 2_000).catch(() => -1);
        const text = metrics.render({ pending, subscribers: hub.stats().subscribers, store: store.kind, version: config.service.version });
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }).end(text);
        return true;
      }
      case '/':
        sendJson(res, 200, {
          service: config.service.name,
          version: config.service.version,
          docs: config.service.docs,
          endpoints: { health: '/healthz', ready: '/readyz', metrics: '/metrics', channels: '/v1/channels' },
        });
        return true;
      default:
        return false;
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.once('close', () => {
      const { line, fields } = requestEntry(req.method, req.url, res.statusCode, performance.now() - started, !res.writableFinished);
      logger.info(line, fields);
    });
    if (closing) {
      sendError(res, new HttpError(503, 'unavailable', 'Relay is shutting down', { connection: 'close' }));
      return;
    }
    const done: Promise<void> = handle(req, res)
      .catch((e: unknown) => answerError(req, res, e))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });

  function answerError(req: IncomingMessage, res: ServerResponse, e: unknown): void {
    try {
      if (e instanceof HttpError) return sendError(res, e);
      if (e instanceof StoreUnavailableError) {
        logger.error(`store unavailable: ${req.method} ${loggablePath(req.url)}`, e);
        return sendError(res, new HttpError(503, 'unavailable', 'Storage is unavailable right now; retry shortly', { 'retry-after': '5' }));
      }
      if (e instanceof BodyAbortedError) return void res.destroy();
      logger.error(`request failed: ${req.method} ${loggablePath(req.url)}`, e);
      sendError(res, new HttpError(500, 'internal', 'Internal error'));
    } catch (e2) {
      logger.error('error while answering an error', e2);
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const started = performance.now();
    socket.on('error', () => socket.destroy());
    const upgrading = closing
      ? Promise.reject(new HttpError(503, 'unavailable', 'Relay is shutting down'))
      : stream.upgrade(req, socket, head, new URL(req.url ?? '/', 'http://relay.invalid'));
    void upgrading.then(
      () => logger.info(requestLine(req.method, req.url, 101, performance.now() - started)),
      (e: unknown) => {
        const err =
          e instanceof HttpError
            ? e
            : e instanceof StoreUnavailableError
              ? new HttpError(503, 'unavailable', 'Storage is unavailable right now; retry shortly')
              : new HttpError(500, 'internal', 'Internal error');
        if (!(e instanceof HttpError)) logger.error('upgrade failed', e);
        refuseUpgrade(socket, err);
        logger.info(requestLine(req.method, req.url, err.status, performance.now() - started));
      },
    );
  });

  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function purgeNow(): Promise<number> {
    for (const limiter of [ctx.hookLimiter, ctx.registerLimiter, ctx.pullLimiter, ctx.connectLimiter]) limiter.sweep();
    // A live WebSocket is use too, even when it never pulls or acks.
    for (const id of hub.channelIds()) ctx.channelUse.used(id);
    const purged = await store.purgeReceivedBefore(now() - config.ttlMs);
    if (purged > 0) logger.info(`purged ${purged} events older than ${config.ttlMs / 3600_000}h`);
    const expired = await store.expireIdleChannels(now() - config.channelIdleMs);
    for (const id of expired) hub.closeChannel(id, RelayCloseCode.deleted, 'channel expired');
    if (expired.length > 0) logger.info(`expired ${expired.length} channels unused for ${config.channelIdleMs / 86_400_000} days`);
    // Also after deletes and acks since the last run; cheap when nothing was freed.
    await store.reclaim();
    return purged;
  }
  const purgeTimer = setInterval(() => {
    purgeNow().catch((e: unknown) => logger.error('purge failed', e));
  }, config.purgeIntervalMs).unref();

  async function shutdown(): Promise<void> {
    closing = true;
    clearInterval(purgeTimer);
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await hub.close(1_000);
    stream.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(inFlight),
      new Promise((resolve) => (timer = setTimeout(resolve, config.shutdownTimeoutMs))),
    ]);
    clearTimeout(timer);
    await batcher.flush();
    server.closeAllConnections();
    await serverClosed;
    await store.close();
  }

  return {
    server,
    close: () => (closed ??= shutdown()),
    purgeNow,
    stats: () => ({ ...hub.stats(), inFlight: inFlight.size }),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function listeningUrl(server: Server, secure: boolean): string {
  const addr = server.address() as AddressInfo | null;
  if (!addr) return 'http://127.0.0.1';
  const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
  const scheme = secure ? 'https' : 'http';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
}

function refuseUpgrade(socket: Duplex, err: HttpError): void {
  const body: ErrorBody = { error: err.code, message: err.message };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}
