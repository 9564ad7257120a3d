import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { RELAY_WS_BEARER_PREFIX, RELAY_WS_PROTOCOL } from '../../shared/relay-protocol';
import { bearerToken } from '../auth';
import type { AppContext } from '../context';
import { originKind } from '../cors';
import { HttpError, intParam } from '../http';
import { authenticate, limitPerChannel } from './channels';

const STREAM_PATH = /^\/v1\/channels\/([^/]+)\/stream$/;

/**
 * The subscriber secret of a WebSocket upgrade. Browsers cannot set headers on a WebSocket, so
 * besides `Authorization: Bearer` we accept the subprotocol `bearer.<secret>` (preferred: not in
 * URLs or logs) and `?secret=` (simplest; never logged, the relay logs paths without queries).
 */
export function streamSecret(req: IncomingMessage, url: URL): string | undefined {
  const fromHeader = bearerToken(req.headers.authorization);
  if (fromHeader) return fromHeader;
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const bearer = protocols.find((p) => p.startsWith(RELAY_WS_BEARER_PREFIX));
  if (bearer) return bearer.slice(RELAY_WS_BEARER_PREFIX.length);
  return url.searchParams.get('secret') ?? undefined;
}

export function isStreamPath(pathname: string): boolean {
  return STREAM_PATH.test(pathname);
}

export function createStreamHandler(ctx: AppContext) {
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // Client messages are acks and pings.
    maxPayload: 64 * 1024,
    // Never echo `bearer.<secret>`: the answer header would carry the secret (proxies log it). A client
    // that offers only the bearer protocol gets no protocol header; clients should offer RELAY_WS_PROTOCOL too.
    handleProtocols: (protocols) => (protocols.has(RELAY_WS_PROTOCOL) ? RELAY_WS_PROTOCOL : false),
  });

  /** Authenticates and upgrades; throws HttpError (answered as plain HTTP by the caller) when refused. */
  return {
    async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
      // A web page may open a WebSocket anywhere (no CORS for them): refuse pages; node clients send no Origin.
      if (originKind(req.headers.origin) === 'web') {
        throw new HttpError(403, 'origin_not_allowed', 'WebSocket connections are accepted from the extension or a server-side client, not from a web page');
      }
      const m = STREAM_PATH.exec(url.pathname);
      if (!m) throw new HttpError(404, 'not_found', 'No such endpoint');
      let channelId: string;
      try {
        channelId = decodeURIComponent(m[1]!);
      } catch {
        throw new HttpError(404, 'not_found', 'Channel not found');
      }
      const channel = await authenticate(ctx, channelId, streamSecret(req, url));
      limitPerChannel(ctx.connectLimiter, channel.id, 'WebSocket connects');
      const after = intParam(url, 'after', 0);
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          ctx.hub.attach(ws, channel.id, after);
        } catch (e) {
          ctx.logger.error(`ws ${channel.id} attach failed`, e);
          ws.close(1011, 'internal error');
        }
      });
    },
    close(): void {
      wss.close();
    },
  };
}
