import { randomUUID } from 'node:crypto';
import type { HookAccepted } from '../../shared/relay-protocol';
import { secretMatches } from '../auth';
import { BodyTooLargeError, readBody } from '../body';
import { route } from '../context';
import { pickHeaders } from '../events';
import { HttpError, notFound, sendJson } from '../http';

/**
 * `POST /v1/hooks/:channel/:token`: any content type, stored byte for byte. Order of checks:
 * token (404, same as unknown channel), rate limit (429), size (413), then a durable write (202).
 */
export const hookRoutes = [
  route('POST', '/v1/hooks/:channel/:token', async (ctx, req, res, { channel: channelId, token }) => {
    const channel = await ctx.store.getChannel(channelId!);
    if (!secretMatches(token, channel?.tokenHash) || !channel) throw notFound();

    const limited = ctx.hookLimiter.take(channel.id);
    if (!limited.ok) {
      throw new HttpError(429, 'rate_limited', 'Too many webhooks for this channel', {
        'retry-after': String(limited.retryAfterSeconds),
        connection: 'close',
      });
    }

    let body: Buffer;
    try {
      body = await readBody(req, ctx.config.bodyLimitBytes);
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        throw new HttpError(413, 'payload_too_large', e.message, { connection: 'close' });
      }
      throw e;
    }

    const outcome = await ctx.batcher.append({
      channelId: channel.id,
      id: randomUUID(),
      receivedAt: ctx.now(),
      headers: pickHeaders(req.headers),
      query: rawQuery(req.url),
      body,
      seal: null,
    });
    if ('refused' in outcome) {
      if (outcome.refused === 'gone') throw notFound(); // deleted while the body was uploading
      throw new HttpError(507, 'channel_full', `Relay channel full: it holds its quota of ${ctx.config.channelQuotaBytes} bytes of undelivered events; retry later`, {
        'retry-after': '60',
      });
    }
    const accepted: HookAccepted = { cursor: outcome.cursor };
    sendJson(res, 202, accepted);
  }),
];

/** The query exactly as sent (URL parsing would re-encode it), without the '?'. */
function rawQuery(rawUrl: string | undefined): string {
  const i = (rawUrl ?? '').indexOf('?');
  return i < 0 ? '' : rawUrl!.slice(i + 1);
}
