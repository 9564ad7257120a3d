import { parseArgs } from 'node:util';
import { z } from 'zod';

/** What `createApp` needs. Listening address and storage choice belong to `main.ts` ({@link CliConfig}). */
export interface AppConfig {
  /** Base of the webhook URLs handed out, e.g. `https://relay.example.com`. Default: the address the server listens on. */
  publicUrl: string | undefined;
  /** Largest accepted webhook body in bytes (413 beyond). */
  bodyLimitBytes: number;
  /** Undelivered events a channel may hold, in bytes (507 beyond); 0 = no limit. */
  channelQuotaBytes: number;
  /** Undelivered events a channel may hold, counted (507 beyond); 0 = no limit. */
  channelQuotaEvents: number;
  /** Bytes of undelivered events over all channels together (507 beyond); 0 = no limit. */
  storeLimitBytes: number;
  /** A channel no subscriber used for this long is deleted with its events. */
  channelIdleMs: number;
  /** Webhook bodies uploading at once, and the bytes they may reserve together (503 beyond). */
  uploads: { maxUploads: number; maxBytes: number };
  /** Unacked events older than this are purged. */
  ttlMs: number;
  purgeIntervalMs: number;
  /** Per-channel token bucket for webhooks. */
  hookRate: { perSecond: number; burst: number };
  /** Per-client-address token bucket for `POST /v1/channels` (the only unauthenticated write). */
  registerRate: { perSecond: number; burst: number };
  /** Per-channel token buckets for pulls (`GET …/events`) and WebSocket connects. */
  pullRate: { perSecond: number; burst: number };
  connectRate: { perSecond: number; burst: number };
  /** When set, `POST /v1/channels` needs `Authorization: Bearer <registrationToken>`. */
  registrationToken: string | undefined;
  /** Name, version and docs link the relay's `/` page shows. */
  service: { name: string; version: string; docs: string };
  ws: {
    pingIntervalMs: number;
    /** Stop sending to a subscriber while its unsent buffer (ws.bufferedAmount) is above this. */
    highWaterBytes: number;
    /** Close with 1013 a subscriber whose buffer stayed above highWaterBytes without shrinking this long. */
    stallMs: number;
    /** Live subscribers per channel (per process); one more closes the oldest with 4409 `replaced`. */
    maxSubscribersPerChannel: number;
    /**
     * Events with a body over this many bytes are announced (`event-ready`) instead of pushed, and
     * the client pulls them over HTTP: the stream never holds a big body, whatever the subscriber count.
     */
    inlineEventMaxBytes: number;
    /** Serialized event frames kept for subscribers, over all channels (each frame is shared by a channel's subscribers). */
    frameCacheBytes: number;
  };
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs: number;
  /** node:http limits against slow or idle clients (headersTimeout, requestTimeout, keepAliveTimeout, maxConnections). */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };
  /** Key registration limits on the last X-Forwarded-For address (set only behind a proxy that writes it). */
  trustProxy: boolean;
}

export const MB = 1024 * 1024;

export const defaultAppConfig: AppConfig = {
  publicUrl: undefined,
  bodyLimitBytes: 50 * MB,
  channelQuotaBytes: 256 * MB,
  channelQuotaEvents: 100_000,
  storeLimitBytes: 4 * 1024 * MB,
  channelIdleMs: 30 * 24 * 3600_000,
  uploads: { maxUploads: 1024, maxBytes: 512 * MB },
  ttlMs: 72 * 3600_000,
  purgeIntervalMs: 60_000,
  hookRate: { perSecond: 50, burst: 100 },
  registerRate: { perSecond: 1, burst: 30 },
  pullRate: { perSecond: 5, burst: 60 },
  connectRate: { perSecond: 1, burst: 20 },
  registrationToken: undefined,
  service: { name: 'Scrape Queue relay', version: 'dev', docs: 'https://github.com/scrape-queue/scrape-queue/blob/main/relay/README.md' },
  ws: { pingIntervalMs: 30_000, highWaterBytes: 1 * MB, stallMs: 30_000, maxSubscribersPerChannel: 16, inlineEventMaxBytes: 1 * MB, frameCacheBytes: 16 * MB },
  shutdownTimeoutMs: 10_000,
  // A 50 MB body over a slow uplink needs minutes; headers need seconds. WebSockets count as connections too.
  server: { headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000, maxConnections: 20_000 },
  trustProxy: false,
};

export interface CliConfig {
  host: string;
  port: number;
  dbPath: string;
  memory: boolean;
  /** Redis Streams store (shared by several instances) instead of SQLite. */
  redisUrl: string | undefined;
  redisPrefix: string;
  /** PEM files: serve HTTPS and WSS directly. */
  tls: { certPath: string; keyPath: string } | undefined;
  logFormat: 'text' | 'json';
  app: AppConfig;
}

export const HELP = `Scrape Queue relay: receives provider webhooks and delivers them to the extension.

Usage: npm run relay -- [options]      (or: tsx relay/main.ts [options])

Options (environment variable in brackets):
  --port N             listen port, 0 = any free one        [RELAY_PORT]        default 8787
  --host H             listen address                       [RELAY_HOST]        default 127.0.0.1
  --db PATH            SQLite file                          [RELAY_DB]          default ./relay-data/relay.sqlite
  --memory             keep events in memory only (lost on restart) [RELAY_MEMORY=1]
  --redis URL          Redis Streams store, shared by several relay instances [RELAY_REDIS_URL]
                       e.g. redis://127.0.0.1:6379 (run Redis with appendonly yes, appendfsync always)
  --redis-prefix P     key prefix, to keep separate relays apart on one Redis [RELAY_REDIS_PREFIX] default sq:
  --public-url URL     base of webhook URLs given out       [RELAY_PUBLIC_URL]  default http://HOST:PORT
  --body-limit SIZE    largest webhook body, e.g. 50mb, 512kb, 1048576 [RELAY_BODY_LIMIT] default 50mb
  --ttl-hours N        purge unacked events after N hours   [RELAY_TTL_HOURS]   default 72
  --rate N             webhooks per second per channel      [RELAY_RATE]        default 50
  --burst N            webhook burst per channel            [RELAY_BURST]       default 100
  --register-rate N    channel registrations per second per client (IPv4 address or IPv6 /64) [RELAY_REGISTER_RATE] default 1 (burst 30)
  --pull-rate N        pulls per second per channel         [RELAY_PULL_RATE]   default 5 (burst 60)
  --connect-rate N     WebSocket connects per second per channel [RELAY_CONNECT_RATE] default 1 (burst 20)
  --max-subscribers N  live WebSockets per channel; one more closes the oldest (4409) [RELAY_MAX_SUBSCRIBERS] default 16
  --inline-event-max SIZE  events with a bigger body are announced on the WebSocket (event-ready)
                       and pulled over HTTP instead of pushed [RELAY_INLINE_EVENT_MAX] default 1mb
  --channel-quota SIZE undelivered bytes a channel may hold (507 beyond), 0 = none [RELAY_CHANNEL_QUOTA] default 256mb
  --channel-events N   undelivered events a channel may hold (507 beyond), 0 = none [RELAY_CHANNEL_EVENTS] default 100000
  --store-limit SIZE   undelivered bytes over all channels (507 beyond), 0 = none [RELAY_STORE_LIMIT] default 4gb
  --idle-days N        delete channels no subscriber used for N days [RELAY_IDLE_DAYS] default 30
  --max-uploads N      webhook bodies uploading at once (503 beyond) [RELAY_MAX_UPLOADS] default 1024
  --upload-memory SIZE bytes those uploads may reserve together (503 beyond) [RELAY_UPLOAD_MEMORY] default 512mb
  --headers-timeout S  seconds to receive a request's headers [RELAY_HEADERS_TIMEOUT] default 20
  --request-timeout S  seconds to receive a whole request, body included [RELAY_REQUEST_TIMEOUT] default 300
  --keep-alive-timeout S  seconds an idle keep-alive connection stays open [RELAY_KEEP_ALIVE_TIMEOUT] default 5
  --max-connections N  open connections (WebSockets included) before new ones are refused [RELAY_MAX_CONNECTIONS] default 20000
  --trust-proxy        key registration limits on the last X-Forwarded-For address [RELAY_TRUST_PROXY=1] default off
  --registration-token T  creating a channel needs "Authorization: Bearer T" [RELAY_REGISTRATION_TOKEN]
  --tls-cert PATH      PEM certificate: serve HTTPS and WSS [RELAY_TLS_CERT] (with --tls-key)
  --tls-key PATH       PEM private key                      [RELAY_TLS_KEY]
  --log-format F       text or json (one JSON object a line) [RELAY_LOG_FORMAT] default text
  -h, --help           show this help

The relay must be reachable by the providers at --public-url; it stores only hashes of secrets.
`;

const Size = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+(\.\d+)?\s*(b|kb|k|mb|m|gb|g)?$/, 'expected a size like 1048576, 512kb or 50mb')
  .transform((s) => {
    const m = /^([\d.]+)\s*([a-z]*)$/.exec(s)!;
    const unit = ({ '': 1, b: 1, k: 1024, kb: 1024, m: MB, mb: MB, g: 1024 * MB, gb: 1024 * MB } as Record<string, number>)[m[2]!]!;
    return Math.floor(Number(m[1]) * unit);
  })
  .pipe(z.number().int().nonnegative());

const Num = (min: number, max: number) => z.coerce.number().min(min).max(max);

const CliSchema = z.object({
  port: Num(0, 65535).int().default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  db: z.string().min(1).default('./relay-data/relay.sqlite'),
  memory: z.boolean().default(false),
  publicUrl: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  bodyLimit: Size.default(50 * MB),
  ttlHours: Num(0.001, 24 * 365).default(72),
  rate: Num(0.001, 1e6).default(50),
  burst: Num(1, 1e6).default(100),
  registerRate: Num(0.001, 1e6).optional(),
  pullRate: Num(0.001, 1e6).optional(),
  connectRate: Num(0.001, 1e6).optional(),
  redis: z.url({ protocol: /^rediss?$/ }).optional(),
  redisPrefix: z.string().min(1).max(100).default('sq:'),
  channelQuota: Size.default(256 * MB),
  channelEvents: Num(0, 1e9).int().default(100_000),
  storeLimit: Size.default(4 * 1024 * MB),
  idleDays: Num(0.0001, 36_500).default(30),
  maxUploads: Num(1, 1e6).int().default(1024),
  uploadMemory: Size.default(512 * MB),
  registrationToken: z.string().min(16, 'use at least 16 characters').optional(),
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  logFormat: z.enum(['text', 'json']).default('text'),
  headersTimeout: Num(1, 3600).default(20),
  requestTimeout: Num(1, 24 * 3600).default(300),
  keepAliveTimeout: Num(0, 3600).default(5),
  maxConnections: Num(1, 1e7).int().default(20_000),
  maxSubscribers: Num(1, 10_000).int().default(16),
  inlineEventMax: Size.default(MB),
  trustProxy: z.boolean().default(false),
});

/** A rate from the command line keeps the default burst unless the rate itself is larger. */
const bucket = (fallback: { perSecond: number; burst: number }, perSecond: number | undefined) =>
  perSecond === undefined ? fallback : { perSecond, burst: Math.max(fallback.burst, Math.ceil(perSecond)) };

export type ParsedCli = { kind: 'help'; text: string } | { kind: 'run'; config: CliConfig } | { kind: 'error'; message: string };

/** Flags win over environment variables. Pure: `main.ts` passes `process.argv.slice(2)` and `process.env`. */
export function parseCli(argv: string[], env: Record<string, string | undefined>): ParsedCli {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        memory: { type: 'boolean' },
        'public-url': { type: 'string' },
        'body-limit': { type: 'string' },
        'ttl-hours': { type: 'string' },
        rate: { type: 'string' },
        burst: { type: 'string' },
        'register-rate': { type: 'string' },
        'pull-rate': { type: 'string' },
        'connect-rate': { type: 'string' },
        redis: { type: 'string' },
        'redis-prefix': { type: 'string' },
        'channel-quota': { type: 'string' },
        'channel-events': { type: 'string' },
        'store-limit': { type: 'string' },
        'idle-days': { type: 'string' },
        'max-uploads': { type: 'string' },
        'upload-memory': { type: 'string' },
        'registration-token': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'log-format': { type: 'string' },
        'headers-timeout': { type: 'string' },
        'request-timeout': { type: 'string' },
        'keep-alive-timeout': { type: 'string' },
        'max-connections': { type: 'string' },
        'max-subscribers': { type: 'string' },
        'inline-event-max': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return { kind: 'error', message: `${(e as Error).message}\n\n${HELP}` };
  }
  if (values.help) return { kind: 'help', text: HELP };
  const envFlag = (v: string | undefined) => (v === undefined ? undefined : /^(1|true|yes)$/i.test(v));
  const parsed = CliSchema.safeParse({
    port: values.port ?? env.RELAY_PORT,
    host: values.host ?? env.RELAY_HOST,
    db: values.db ?? env.RELAY_DB,
    memory: values.memory ?? envFlag(env.RELAY_MEMORY),
    publicUrl: values['public-url'] ?? env.RELAY_PUBLIC_URL,
    bodyLimit: values['body-limit'] ?? env.RELAY_BODY_LIMIT,
    ttlHours: values['ttl-hours'] ?? env.RELAY_TTL_HOURS,
    rate: values.rate ?? env.RELAY_RATE,
    burst: values.burst ?? env.RELAY_BURST,
    registerRate: values['register-rate'] ?? env.RELAY_REGISTER_RATE,
    pullRate: values['pull-rate'] ?? env.RELAY_PULL_RATE,
    connectRate: values['connect-rate'] ?? env.RELAY_CONNECT_RATE,
    redis: values.redis ?? env.RELAY_REDIS_URL,
    redisPrefix: values['redis-prefix'] ?? env.RELAY_REDIS_PREFIX,
    channelQuota: values['channel-quota'] ?? env.RELAY_CHANNEL_QUOTA,
    channelEvents: values['channel-events'] ?? env.RELAY_CHANNEL_EVENTS,
    storeLimit: values['store-limit'] ?? env.RELAY_STORE_LIMIT,
    idleDays: values['idle-days'] ?? env.RELAY_IDLE_DAYS,
    maxUploads: values['max-uploads'] ?? env.RELAY_MAX_UPLOADS,
    uploadMemory: values['upload-memory'] ?? env.RELAY_UPLOAD_MEMORY,
    registrationToken: values['registration-token'] ?? env.RELAY_REGISTRATION_TOKEN,
    tlsCert: values['tls-cert'] ?? env.RELAY_TLS_CERT,
    tlsKey: values['tls-key'] ?? env.RELAY_TLS_KEY,
    logFormat: values['log-format'] ?? env.RELAY_LOG_FORMAT,
    headersTimeout: values['headers-timeout'] ?? env.RELAY_HEADERS_TIMEOUT,
    requestTimeout: values['request-timeout'] ?? env.RELAY_REQUEST_TIMEOUT,
    keepAliveTimeout: values['keep-alive-timeout'] ?? env.RELAY_KEEP_ALIVE_TIMEOUT,
    maxConnections: values['max-connections'] ?? env.RELAY_MAX_CONNECTIONS,
    maxSubscribers: values['max-subscribers'] ?? env.RELAY_MAX_SUBSCRIBERS,
    inlineEventMax: values['inline-event-max'] ?? env.RELAY_INLINE_EVENT_MAX,
    trustProxy: values['trust-proxy'] ?? envFlag(env.RELAY_TRUST_PROXY),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n');
    return { kind: 'error', message: `${issues}\n\n${HELP}` };
  }
  const v = parsed.data;
  if ((v.tlsCert === undefined) !== (v.tlsKey === undefined)) {
    return { kind: 'error', message: `--tls-cert and --tls-key go together\n\n${HELP}` };
  }
  if (v.headersTimeout > v.requestTimeout) return { kind: 'error', message: `--headers-timeout: must not exceed --request-timeout\n\n${HELP}` };
  if (v.bodyLimit === 0) return { kind: 'error', message: `--body-limit: must be positive\n\n${HELP}` };
  if (v.inlineEventMax === 0) return { kind: 'error', message: `--inline-event-max: must be positive\n\n${HELP}` };
  return {
    kind: 'run',
    config: {
      host: v.host,
      port: v.port,
      dbPath: v.db,
      memory: v.memory,
      redisUrl: v.redis,
      redisPrefix: v.redisPrefix,
      tls: v.tlsCert && v.tlsKey ? { certPath: v.tlsCert, keyPath: v.tlsKey } : undefined,
      logFormat: v.logFormat,
      app: {
        ...defaultAppConfig,
        publicUrl: v.publicUrl,
        bodyLimitBytes: v.bodyLimit,
        ttlMs: v.ttlHours * 3600_000,
        hookRate: { perSecond: v.rate, burst: v.burst },
        channelQuotaBytes: v.channelQuota,
        channelQuotaEvents: v.channelEvents,
        storeLimitBytes: v.storeLimit,
        channelIdleMs: v.idleDays * 24 * 3600_000,
        uploads: { maxUploads: v.maxUploads, maxBytes: v.uploadMemory },
        registerRate: bucket(defaultAppConfig.registerRate, v.registerRate),
        pullRate: bucket(defaultAppConfig.pullRate, v.pullRate),
        connectRate: bucket(defaultAppConfig.connectRate, v.connectRate),
        registrationToken: v.registrationToken,
        server: {
          headersTimeoutMs: v.headersTimeout * 1000,
          requestTimeoutMs: v.requestTimeout * 1000,
          keepAliveTimeoutMs: v.keepAliveTimeout * 1000,
          maxConnections: v.maxConnections,
        },
        trustProxy: v.trustProxy,
        ws: { ...defaultAppConfig.ws, maxSubscribersPerChannel: v.maxSubscribers, inlineEventMaxBytes: v.inlineEventMax },
      },
    },
  };
}
