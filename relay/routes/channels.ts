import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  AckRequest,
  type AckResult,
  type ChannelCredentials,
  type ChannelInfo,
  type EventsPage,
  RegisterChannelRequest,
  RelayCloseCode,
} from '../../shared/relay-protocol';
import { bearerToken, hashSecret, newToken, openToken, sealToken, secretMatches } from '../auth';
import type { AppContext } from '../context';
import { route } from '../context';
import { toWire } from '../events';
import { CORS_HEADERS, HttpError, intParam, notFound, readJson, sendJson } from '../http';
import type { ChannelRecord } from '../store/types';
import { z } from 'zod';

const PAGE_MAX_BYTES = 8 * 1024 * 1024;
const EmptyBody = z.object({});

/**
 * The channel a subscriber secret opens. Unknown channel and wrong secret are the same 404, and
 * cost the same work (secretMatches hashes and compares either way).
 */
export async function authenticate(ctx: AppContext, channelId: string, secret: string | undefined): Promise<ChannelRecord> {
  if (secret === undefined) throw new HttpError(401, 'unauthorized', 'Send Authorization: Bearer <subscriberSecret>');
  const channel = await ctx.store.getChannel(channelId);
  if (!secretMatches(secret, channel?.secretHash) || !channel) throw notFound();
  return channel;
}

const bearerOf = (req: IncomingMessage) => bearerToken(req.headers.authorization);

function issueCredentials(ctx: AppContext, channelId: string) {
  const secret = newToken();
  const token = newToken();
  const creds: ChannelCredentials = {
    channelId,
    subscriberSecret: secret,
    webhookUrl: `${ctx.baseUrl()}/v1/hooks/${channelId}/${token}`,
  };
  const hashes = { secretHash: hashSecret(secret), tokenHash: hashSecret(token), sealedToken: sealToken(token, secret, channelId) };
  return { creds, hashes };
}

export const channelRoutes = [
  route('POST', '/v1/channels', async (ctx, req, res) => {
    const limited = ctx.registerLimiter.take(req.socket.remoteAddress ?? '?');
    if (!limited.ok) {
      throw new HttpError(429, 'rate_limited', 'Too many channels registered', {
        'retry-after': String(limited.retryAfterSeconds),
      });
    }
    const body = await readJson(req, RegisterChannelRequest);
    const channelId = randomBytes(16).toString('base64url');
    const { creds, hashes } = issueCredentials(ctx, channelId);
    await ctx.store.createChannel({
      id: channelId,
      ...hashes,
      label: body.label ?? null,
      createdAt: ctx.now(),
      lastEventAt: null,
      publicKey: null,
      hookSecrets: {},
      fullAt: null,
    });
    sendJson(res, 201, creds);
  }),

  route('GET', '/v1/channels/:id', async (ctx, req, res, { id }) => {
    const secret = bearerOf(req);
    const channel = await authenticate(ctx, id!, secret);
    const token = openToken(channel.sealedToken, secret!, channel.id);
    const info: ChannelInfo = {
      channelId: channel.id,
      webhookUrl: `${ctx.baseUrl()}/v1/hooks/${channel.id}/${token}`,
      label: channel.label,
      pending: (await ctx.store.usage(channel.id)).pending,
      lastEventAt: channel.lastEventAt,
      createdAt: channel.createdAt,
    };
    sendJson(res, 200, info);
  }),

  route('DELETE', '/v1/channels/:id', async (ctx, req, res, { id }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    await ctx.store.deleteChannel(channel.id);
    ctx.hub.closeChannel(channel.id, RelayCloseCode.deleted, 'channel deleted');
    res.writeHead(204, CORS_HEADERS).end();
  }),

  route('POST', '/v1/channels/:id/rotate', async (ctx, req, res, { id }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    await readJson(req, EmptyBody);
    const { creds, hashes } = issueCredentials(ctx, channel.id);
    if (!(await ctx.store.updateChannel(channel.id, hashes))) throw notFound();
    ctx.hub.closeChannel(channel.id, RelayCloseCode.rotated, 'secret rotated');
    sendJson(res, 200, creds);
  }),

  route('GET', '/v1/channels/:id/events', async (ctx, req, res, { id }, url) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    const after = intParam(url, 'after', 0);
    const limit = Math.max(1, intParam(url, 'limit', 100, 1000));
    const events = await ctx.store.listEvents(channel.id, after, { limit, maxBytes: PAGE_MAX_BYTES });
    const nextCursor = events.at(-1)?.cursor ?? after;
    const page: EventsPage = {
      events: events.map(toWire),
      nextCursor,
      more: await ctx.store.hasEventsAfter(channel.id, nextCursor),
    };
    sendJson(res, 200, page);
  }),

  route('POST', '/v1/channels/:id/ack', async (ctx, req, res, { id }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    const { cursor } = await readJson(req, AckRequest);
    await ctx.store.ack(channel.id, cursor);
    const result: AckResult = { cursor, pending: (await ctx.store.usage(channel.id)).pending };
    sendJson(res, 200, result);
  }),
];
