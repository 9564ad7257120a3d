import { randomUUID } from 'node:crypto';
import type { HookAccepted } from '../../shared/relay-protocol';
import { secretMatches } from '../auth';
import { BodyTooLargeError, readBody } from '../body';
import { type AppContext, route } from '../context';
import { pickHeaders } from '../events';
import { HttpError, notFound, sendJson } from '../http';
import type { RejectReason } from '../metrics';
import { sealEvent } from '../seal';
import { schemeFor, signatureMatches } from '../signatures';
import type { NewEvent } from '../store/types';

const reject = (ctx: AppContext, reason: RejectReason, error: HttpError): never => {
  ctx.metrics.rejected(reason);
  throw error;
};

/**
 * `POST /v1/hooks/:channel/:token`: any content type, stored byte for byte (or sealed to the
 * channel's key). Order of checks: token (404, same as unknown channel), rate limit (429), size (413),
 * room for the upload (503), a declared body that cannot fit (507, before reading it), signature
 * where configured (401), then a durable write (202), or 507 when the channel or the store is full.
 */
export const hookRoutes = [
  route('POST', '/v1/hooks/:channel/:token', async (ctx, req, res, { channel: channelId, token }) => {
    const channel = await ctx.store.getChannel(channelId!);
    if (!secretMatches(token, channel?.tokenHash) || !channel) return reject(ctx, 'not_found', notFound());

    const limited = ctx.hookLimiter.take(channel.id);
    if (!limited.ok) {
      return reject(
        ctx,
        'rate_limited',
        new HttpError(429, 'rate_limited', 'Too many webhooks for this channel', {
          'retry-after': String(limited.retryAfterSeconds),
          connection: 'close',
        }),
      );
    }

    const declared = Number(req.headers['content-length']);
    const known = Number.isFinite(declared) && declared >= 0;
    if (known && declared > ctx.config.bodyLimitBytes) {
      return reject(ctx, 'too_large', new HttpError(413, 'payload_too_large', new BodyTooLargeError(ctx.config.bodyLimitBytes).message, { connection: 'close' }));
    }
    // Big bodies are checked against the quotas before they are read: a full channel costs no upload.
    if (known && declared >= EARLY_CHECK_BYTES) await refuseIfNoRoom(ctx, channel.id, declared);
    // A body of unknown length may grow to the limit, so it reserves the limit.
    const leave = ctx.uploads.enter(known ? declared : ctx.config.bodyLimitBytes);
    if (!leave) {
      return reject(
        ctx,
        'busy',
        new HttpError(503, 'busy', 'The relay is receiving too many webhook bodies at once; retry shortly', { 'retry-after': '5', connection: 'close' }),
      );
    }
    let body: Buffer;
    try {
      body = await readBody(req, ctx.config.bodyLimitBytes);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return reject(ctx, 'too_large', new HttpError(413, 'payload_too_large', e.message, { connection: 'close' }));
      ctx.metrics.rejected('aborted');
      throw e;
    } finally {
      leave();
    }

    const query = rawQuery(req.url);
    const scheme = schemeFor(query, channel.hookSecrets);
    if (scheme && !signatureMatches(channel.hookSecrets[scheme]!, body, req.headers['x-signature'])) {
      ctx.logger.info(`webhook for ${channel.id} refused: bad ${scheme} signature`, { channel: channel.id, reason: 'bad_signature' });
      return reject(ctx, 'bad_signature', new HttpError(401, 'bad_signature', `The X-Signature header does not match the body (${scheme} HMAC-SHA256)`));
    }

    const id = randomUUID();
    const headers = pickHeaders(req.headers);
    let event: NewEvent = { channelId: channel.id, id, receivedAt: ctx.now(), headers, query, body, seal: null };
    if (channel.publicKey) {
      const { seal, ciphertext } = sealEvent(channel.publicKey, { channelId: channel.id, eventId: id }, headers, body);
      event = { ...event, headers: {}, body: ciphertext, seal };
    }
    let outcome;
    try {
      outcome = await ctx.batcher.append(event);
    } catch (e) {
      ctx.metrics.rejected('unavailable');
      throw e;
    }
    if ('refused' in outcome) {
      if (outcome.refused === 'gone') return reject(ctx, 'not_found', notFound()); // deleted while the body was uploading
      return outcome.refused === 'full' ? reject(ctx, 'channel_full', channelFull(ctx)) : reject(ctx, 'store_full', storeFull(ctx));
    }
    ctx.metrics.accepted();
    const accepted: HookAccepted = { cursor: outcome.cursor };
    sendJson(res, 202, accepted);
  }),
];

/** Bodies at least this large are checked against the quotas before they are uploaded. */
const EARLY_CHECK_BYTES = 64 * 1024;

const channelFull = (ctx: AppContext) =>
  new HttpError(
    507,
    'channel_full',
    `Relay channel full: it holds its quota of undelivered events (${ctx.config.channelQuotaBytes} bytes or ${ctx.config.channelQuotaEvents} events). Retry after the subscriber catches up.`,
    { 'retry-after': '60', connection: 'close' },
  );

const storeFull = (ctx: AppContext) =>
  new HttpError(
    507,
    'relay_full',
    `Relay storage full: all channels together hold its limit of ${ctx.config.storeLimitBytes} bytes of undelivered events. Retry later.`,
    { 'retry-after': '300', connection: 'close' },
  );

async function refuseIfNoRoom(ctx: AppContext, channelId: string, declared: number): Promise<void> {
  const { channelQuotaBytes, storeLimitBytes } = ctx.config;
  if (channelQuotaBytes > 0 && (await ctx.store.usage(channelId)).bytes + declared > channelQuotaBytes) {
    await ctx.store.markFull(channelId, ctx.now());
    reject(ctx, 'channel_full', channelFull(ctx));
  }
  if (storeLimitBytes > 0 && (await ctx.store.storedBytes()) + declared > storeLimitBytes) reject(ctx, 'store_full', storeFull(ctx));
}

/** The query exactly as sent (URL parsing would re-encode it), without the '?'. */
function rawQuery(rawUrl: string | undefined): string {
  const i = (rawUrl ?? '').indexOf('?');
  return i < 0 ? '' : rawUrl!.slice(i + 1);
}
