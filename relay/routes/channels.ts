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
  RotateRequest,
  SignatureSecretRequest,
} from '../../shared/relay-protocol';
import { bearerToken, hashSecret, newToken, openToken, sealToken, secretMatches, tokenMatches } from '../auth';
import { clientKey } from '../client-key';
import type { AppContext } from '../context';
import { route } from '../context';
import { originKind } from '../cors';
import { toWire } from '../events';
import { HttpError, intParam, notFound, readJson, sendJson } from '../http';
import { isValidPublicKey } from '../seal';
import { isSignatureScheme, SIGNATURE_SCHEMES } from '../signatures';
import type { ChannelRecord } from '../store/types';

const PAGE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The channel a subscriber secret opens. Unknown channel and wrong secret are the same 404, and
 * cost the same work (secretMatches hashes and compares either way).
 */
export async function authenticate(ctx: AppContext, channelId: string, secret: string | undefined): Promise<ChannelRecord> {
  if (secret === undefined) throw new HttpError(401, 'unauthorized', 'Send Authorization: Bearer <subscriberSecret>');
  const channel = await ctx.store.getChannel(channelId);
  if (!secretMatches(secret, channel?.secretHash) || !channel) throw notFound();
  ctx.channelUse.used(channel.id);
  return channel;
}

/** 429 when the channel's bucket for this kind of request is empty. */
export function limitPerChannel(limiter: AppContext['pullLimiter'], channelId: string, what: string): void {
  const limited = limiter.take(channelId);
  if (!limited.ok) {
    throw new HttpError(429, 'rate_limited', `Too many ${what} for this channel`, { 'retry-after': String(limited.retryAfterSeconds) });
  }
}

const bearerOf = (req: IncomingMessage) => bearerToken(req.headers.authorization);

function validKey(publicKey: string | undefined): string | undefined {
  if (publicKey !== undefined && !isValidPublicKey(publicKey)) throw new HttpError(400, 'bad_request', 'publicKey: not a P-256 public key');
  return publicKey;
}

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
    // A web page must not mint channels from a visitor's browser; node clients send no Origin.
    if (originKind(req.headers.origin) === 'web') {
      throw new HttpError(403, 'origin_not_allowed', 'Channels are registered by the extension or a server-side client, not from a web page');
    }
    const limited = ctx.registerLimiter.take(clientKey(req, ctx.config.trustProxy));
    if (!limited.ok) {
      throw new HttpError(429, 'rate_limited', 'Too many channels registered', {
        'retry-after': String(limited.retryAfterSeconds),
      });
    }
    const required = ctx.config.registrationToken;
    if (required !== undefined && !tokenMatches(bearerOf(req), required)) {
      throw new HttpError(401, 'registration_required', 'This relay needs its registration token to create a channel: Authorization: Bearer <token>');
    }
    const body = await readJson(req, RegisterChannelRequest);
    const publicKey = validKey(body.publicKey);
    const channelId = randomBytes(16).toString('base64url');
    const { creds, hashes } = issueCredentials(ctx, channelId);
    await ctx.store.createChannel({
      id: channelId,
      ...hashes,
      label: body.label ?? null,
      createdAt: ctx.now(),
      lastEventAt: null,
      publicKey: publicKey ?? null,
      hookSecrets: {},
      fullAt: null,
    });
    sendJson(res, 201, creds);
  }),

  route('GET', '/v1/channels/:id', async (ctx, req, res, { id }) => {
    const secret = bearerOf(req);
    const channel = await authenticate(ctx, id!, secret);
    const token = openToken(channel.sealedToken, secret!, channel.id);
    const usage = await ctx.store.usage(channel.id);
    const info: ChannelInfo = {
      channelId: channel.id,
      webhookUrl: `${ctx.baseUrl()}/v1/hooks/${channel.id}/${token}`,
      label: channel.label,
      pending: usage.pending,
      lastEventAt: channel.lastEventAt,
      createdAt: channel.createdAt,
      sealed: channel.publicKey !== null,
      storedBytes: usage.bytes,
      quotaBytes: ctx.config.channelQuotaBytes,
      full: channel.fullAt !== null,
    };
    sendJson(res, 200, info);
  }),

  route('DELETE', '/v1/channels/:id', async (ctx, req, res, { id }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    await ctx.store.deleteChannel(channel.id);
    ctx.hub.closeChannel(channel.id, RelayCloseCode.deleted, 'channel deleted');
    res.writeHead(204).end();
  }),

  route('POST', '/v1/channels/:id/rotate', async (ctx, req, res, { id }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    const body = await readJson(req, RotateRequest);
    const publicKey = validKey(body.publicKey);
    const { creds, hashes } = issueCredentials(ctx, channel.id);
    if (!(await ctx.store.updateChannel(channel.id, { ...hashes, ...(publicKey && { publicKey }) }))) throw notFound();
    ctx.hub.closeChannel(channel.id, RelayCloseCode.rotated, 'secret rotated');
    sendJson(res, 200, creds);
  }),

  route('PUT', '/v1/channels/:id/signatures/:scheme', async (ctx, req, res, { id, scheme }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    if (!isSignatureScheme(scheme!)) throw new HttpError(404, 'not_found', `Unknown signature scheme; known: ${SIGNATURE_SCHEMES.join(', ')}`);
    const { secret } = await readJson(req, SignatureSecretRequest);
    await ctx.store.updateChannel(channel.id, { hookSecrets: { ...channel.hookSecrets, [scheme!]: secret } });
    res.writeHead(204).end();
  }),

  route('DELETE', '/v1/channels/:id/signatures/:scheme', async (ctx, req, res, { id, scheme }) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    const { [scheme!]: _removed, ...rest } = channel.hookSecrets;
    await ctx.store.updateChannel(channel.id, { hookSecrets: rest });
    res.writeHead(204).end();
  }),

  route('GET', '/v1/channels/:id/events', async (ctx, req, res, { id }, url) => {
    const channel = await authenticate(ctx, id!, bearerOf(req));
    limitPerChannel(ctx.pullLimiter, channel.id, 'pulls');
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
    ctx.hub.acked(channel.id, cursor);
    const result: AckResult = { cursor, pending: (await ctx.store.usage(channel.id)).pending };
    sendJson(res, 200, result);
  }),
];
