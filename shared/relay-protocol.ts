/**
 * Wire protocol between the Scrape Queue relay (`relay/`) and the extension.
 *
 * Both sides import this file, so it must stay free of Node-only imports (zod only).
 *
 * Flow:
 * 1. The extension registers once: `POST /v1/channels` (no auth, optional JSON body
 *    {@link RegisterChannelRequest}) → 201 {@link ChannelCredentials}. It keeps `subscriberSecret`
 *    private and hands `webhookUrl` (plus its own query tags, e.g. `?p=<provider>&j=<jobId>`) to providers.
 * 2. Providers POST anything to `webhookUrl` → 202 {@link HookAccepted} once the event is durable.
 * 3. The extension reads events over the WebSocket ({@link relayPaths.stream}) or by pulling
 *    ({@link relayPaths.events}), and acks them (WS `{type:"ack"}` or {@link relayPaths.ack}).
 *    Acked events are deleted; unacked ones are kept until the relay's TTL (default 72 h).
 *
 * Authentication of everything under `/v1/channels/:id` is the subscriber secret:
 * `Authorization: Bearer <subscriberSecret>`. For the WebSocket, where browsers cannot set
 * headers, the relay also accepts (in this order of preference):
 * - the subprotocol list `[RELAY_WS_PROTOCOL, RELAY_WS_BEARER_PREFIX + secret]` (recommended: keeps
 *   the secret out of URLs and logs; the relay selects `RELAY_WS_PROTOCOL`), see {@link wsProtocols};
 * - the query parameter `?secret=<subscriberSecret>`.
 *
 * A wrong secret and an unknown channel get the same answer: 404 {@link ErrorBody} `not_found`.
 * Likewise a wrong webhook token and an unknown channel on the hook URL.
 *
 * @example
 * const ws = new WebSocket(relayWsUrl(base, channelId, lastCursor), wsProtocols(secret));
 * ws.onmessage = (m) => { const msg = ServerMessage.parse(JSON.parse(m.data)); … };
 *
 * @module
 */
import { z } from 'zod';

/** A non-negative safe integer event cursor. Cursors grow strictly across the whole relay. */
const Cursor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------------
// Paths

/** Path builders for every relay endpoint (append to the relay base URL, e.g. `http://127.0.0.1:8787`). */
export const relayPaths = {
  /** `GET` → `{ok:true}`. No auth. */
  health: () => '/healthz',
  /** `POST` (optional JSON {@link RegisterChannelRequest}) → 201 {@link ChannelCredentials}. No auth. */
  channels: () => '/v1/channels',
  /** `GET` → {@link ChannelInfo}; `DELETE` → 204 (channel and its events are gone). Bearer auth. */
  channel: (channelId: string) => `/v1/channels/${encodeURIComponent(channelId)}`,
  /** `POST` (empty body) → {@link ChannelCredentials} with a new secret and a new webhook URL. Auth by the current secret. */
  rotate: (channelId: string) => `/v1/channels/${encodeURIComponent(channelId)}/rotate`,
  /** `GET ?after=CURSOR&limit=N` → {@link EventsPage}. Bearer auth. Does not ack. */
  events: (channelId: string) => `/v1/channels/${encodeURIComponent(channelId)}/events`,
  /** `POST` {@link AckRequest} → {@link AckResult}. Bearer auth. */
  ack: (channelId: string) => `/v1/channels/${encodeURIComponent(channelId)}/ack`,
  /** WebSocket upgrade (`GET`, optional `?after=CURSOR`). See the module doc for auth. */
  stream: (channelId: string) => `/v1/channels/${encodeURIComponent(channelId)}/stream`,
} as const;

/** The subprotocol the relay selects when offered; offer it first, then the bearer one. */
export const RELAY_WS_PROTOCOL = 'scrape-queue.v1';
/** Prefix of the subprotocol that carries the subscriber secret: `bearer.<secret>`. */
export const RELAY_WS_BEARER_PREFIX = 'bearer.';

/** Subprotocols to pass to `new WebSocket(url, protocols)` to authenticate without headers. */
export function wsProtocols(subscriberSecret: string): string[] {
  return [RELAY_WS_PROTOCOL, RELAY_WS_BEARER_PREFIX + subscriberSecret];
}

/**
 * The stream URL for a relay base URL (`http(s)://…` becomes `ws(s)://…`).
 * @param after resume after this cursor (events up to it are skipped even if not acked).
 */
export function relayWsUrl(baseUrl: string, channelId: string, after?: number): string {
  // Concatenate rather than resolve, so a base with a path prefix (behind a proxy) keeps it.
  const url = new URL(baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '') + relayPaths.stream(channelId));
  if (after !== undefined) url.searchParams.set('after', String(after));
  return url.toString();
}

/** WebSocket close codes the relay uses. */
export const RelayCloseCode = {
  /** Relay is shutting down; reconnect with backoff. */
  goingAway: 1001,
  /** The client did not read fast enough (send buffer stalled); events stay stored, reconnect. */
  tryAgainLater: 1013,
  /** Secret was rotated; reconnect with the new secret. */
  rotated: 4401,
  /** Channel was deleted; register again. */
  deleted: 4404,
  /**
   * The channel reached its cap of live subscribers and a newer connection took this one's place.
   * Do not reconnect at once (the two would replace each other in a loop); pull events instead.
   */
  replaced: 4409,
} as const;

// ---------------------------------------------------------------------------------------------
// HTTP bodies

/** Every 4xx/5xx answer. `error` is a stable code (`not_found`, `unauthorized`, `bad_json`,
 * `bad_request`, `payload_too_large`, `rate_limited`, `method_not_allowed`, `upgrade_required`,
 * `bad_signature`, `channel_full` (507), `relay_full` (507: all channels together at the store limit),
 * `busy` (503: too many webhook bodies uploading), `registration_required`, `origin_not_allowed` (403: a web
 * page's Origin on registration, a WebSocket or a preflight), `unavailable`, `internal`);
 * `message` is for humans. 429, 503 and 507 also carry a `Retry-After` header (seconds). */
export const ErrorBody = z.object({ error: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * A subscriber's P-256 public key: the raw uncompressed point (65 bytes, `0x04‖X‖Y`) in base64url,
 * as WebCrypto `exportKey('raw', publicKey)` gives it. Events are sealed to it (see {@link EventSeal}).
 */
export const SealPublicKey = z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'a base64url raw P-256 public key (65 bytes)');

/**
 * Optional body of `POST /v1/channels`. A relay started with `--registration-token T` also needs
 * `Authorization: Bearer T` (401 `registration_required` without it).
 */
export const RegisterChannelRequest = z.object({
  /** Free text shown back in {@link ChannelInfo}, e.g. "Chrome on laptop". */
  label: z.string().max(200).optional(),
  /** When given, every event is stored sealed to this key. Relays without sealing ignore it. */
  publicKey: SealPublicKey.optional(),
});
export type RegisterChannelRequest = z.infer<typeof RegisterChannelRequest>;

/** Answer of register (201) and rotate (200). The relay stores only hashes: this is the only time the secret is shown. */
export const ChannelCredentials = z.object({
  channelId: z.string(),
  /** Send as `Authorization: Bearer <subscriberSecret>`; lets one read, ack, rotate and delete. */
  subscriberSecret: z.string(),
  /** `${publicBaseUrl}/v1/hooks/${channelId}/${webhookToken}`; lets one post, not read. */
  webhookUrl: z.string(),
});
export type ChannelCredentials = z.infer<typeof ChannelCredentials>;

/** Optional body of `POST /v1/channels/:id/rotate`: a new key to seal to from now on (the old one is kept otherwise). */
export const RotateRequest = z.object({ publicKey: SealPublicKey.optional() });
export type RotateRequest = z.infer<typeof RotateRequest>;

/** `PUT /v1/channels/:id/signatures/:scheme` (scheme: one of relay/signatures.ts SIGNATURE_SCHEMES): webhooks tagged `p=<scheme>` must then carry a valid signature. */
export const SignatureSecretRequest = z.object({ secret: z.string().min(8).max(512) });
export type SignatureSecretRequest = z.infer<typeof SignatureSecretRequest>;

/** `GET /v1/channels/:id`. The optional fields are absent on relays older than sealing and quotas. */
export const ChannelInfo = z.object({
  channelId: z.string(),
  webhookUrl: z.string(),
  label: z.string().nullable(),
  /** Stored, not yet acked events. */
  pending: z.number().int().nonnegative(),
  /** Epoch ms of the last accepted webhook, or null. */
  lastEventAt: z.number().nullable(),
  createdAt: z.number(),
  /** True when events are stored sealed to the channel's public key. */
  sealed: z.boolean().optional(),
  /** Bytes of undelivered events held, and the channel's quota (0 = none). */
  storedBytes: z.number().int().nonnegative().optional(),
  quotaBytes: z.number().int().nonnegative().optional(),
  /** A webhook was refused with 507 because the channel was over its quota; cleared by the next ack. */
  full: z.boolean().optional(),
});
export type ChannelInfo = z.infer<typeof ChannelInfo>;

/** 202 answer to a webhook POST. */
export const HookAccepted = z.object({ cursor: Cursor });
export type HookAccepted = z.infer<typeof HookAccepted>;

/** HKDF `info` of sealed events; both sides must use the same bytes. */
export const SEAL_INFO = 'scrape-queue sealed event v1';
export const SEAL_ALG = 'ECDH-P256+HKDF-SHA256+A256GCM';

/**
 * How a sealed event was encrypted to the subscriber's key. To open it: ECDH(private key, `epk`) →
 * 32-byte shared secret; HKDF-SHA256(secret, salt = raw `epk`, info = {@link SEAL_INFO}) → AES-256-GCM
 * key; decrypt `bodyBase64` (ciphertext ‖ 16-byte tag) with nonce `iv` and associated data
 * `"<channelId>/<event id>"`. The plaintext is a u32 big-endian length N, N bytes of headers JSON, then
 * the raw body.
 */
export const EventSeal = z.object({
  alg: z.literal(SEAL_ALG),
  /** Id of the subscriber key: base64url of the first 16 bytes of SHA-256(raw public key). */
  kid: z.string(),
  /** Ephemeral public key, base64url raw. */
  epk: z.string(),
  /** 12-byte nonce, base64url. */
  iv: z.string(),
});
export type EventSeal = z.infer<typeof EventSeal>;

/**
 * One received webhook, exactly as the provider sent it.
 * `bodyBase64` is standard base64 of the raw bytes (never re-serialized; gzip stays gzip:
 * check `headers['content-encoding']`). When `sealed` is present, `headers` is `{}` and `bodyBase64`
 * is the ciphertext of both (see {@link EventSeal}).
 */
export const RelayEvent = z.object({
  /** Stable id, the same on every delivery of this event (absent from relays older than ids): dedupe by it. */
  id: z.string().optional(),
  cursor: Cursor,
  /** Epoch ms when the relay received it. */
  receivedAt: z.number(),
  /** Allowlisted request headers, lower-case names: content-type, content-encoding, user-agent, x-*. */
  headers: z.record(z.string(), z.string()),
  /** The raw query string without `?` (e.g. `p=<provider>&j=123`), '' when none. */
  query: z.string(),
  bodyBase64: z.string(),
  sealed: EventSeal.optional(),
});
export type RelayEvent = z.infer<typeof RelayEvent>;

/** `GET /v1/channels/:id/events?after=CURSOR&limit=N` (limit 1..1000, default 100; pages are also capped by size). */
export const EventsPage = z.object({
  events: z.array(RelayEvent),
  /** Pass as `after` for the next page (the last cursor in `events`, or the `after` you sent). */
  nextCursor: Cursor,
  /** True when more events were stored after `nextCursor` at the time of the call. */
  more: z.boolean(),
});
export type EventsPage = z.infer<typeof EventsPage>;

/** Acks are cumulative: every event of the channel with `cursor <= cursor` is deleted. */
export const AckRequest = z.object({ cursor: Cursor });
export type AckRequest = z.infer<typeof AckRequest>;

export const AckResult = z.object({ cursor: Cursor, pending: z.number().int().nonnegative() });
export type AckResult = z.infer<typeof AckResult>;

// ---------------------------------------------------------------------------------------------
// WebSocket messages (JSON text frames)

/**
 * Server → client.
 * - `ready`: first message after connect; events with cursor > `after` follow, in cursor order.
 * - `event`: one stored event. Each is sent once per connection; after a reconnect the
 *   relay resends everything not acked (and > `?after`).
 * - `event-ready`: an event whose body is too big to push (over the relay's `--inline-event-max`,
 *   1 MiB by default) takes an `event`'s place in the order: pull it with
 *   `GET …/events?after=<cursor - 1>&limit=1` and apply it before anything after it; ack as for `event`.
 * - `acked`: the ack for `cursor` is durable.
 * - `pong`: answer to a client `ping`.
 * - `error`: a client message was not understood; the connection stays open.
 * The relay also sends WebSocket-level pings (browsers answer them automatically).
 */
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), channelId: z.string(), after: Cursor }),
  z.object({ type: z.literal('event'), event: RelayEvent }),
  z.object({
    type: z.literal('event-ready'),
    cursor: Cursor,
    /** The event's stable id (as {@link RelayEvent.id}). */
    id: z.string(),
    /** Size of its stored body in bytes (the ciphertext when sealed). */
    size: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('acked'), cursor: Cursor }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), error: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Client → server: `{type:"ack", cursor}` (cumulative, see {@link AckRequest}) or `{type:"ping"}`. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ack'), cursor: Cursor }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
