import { parseArgs } from 'node:util';
import { z } from 'zod';

/** What `createApp` needs. Listening address and storage choice belong to `main.ts` ({@link CliConfig}). */
export interface AppConfig {
  /** Base of the webhook URLs handed out, e.g. `https://relay.example.com`. Default: the address the server listens on. */
  publicUrl: string | undefined;
  /** Largest accepted webhook body in bytes (413 beyond). */
  bodyLimitBytes: number;
  /** Unacked events older than this are purged. */
  ttlMs: number;
  purgeIntervalMs: number;
  /** Per-channel token bucket for webhooks. */
  hookRate: { perSecond: number; burst: number };
  /** Per-client-address token bucket for `POST /v1/channels` (the only unauthenticated write). */
  registerRate: { perSecond: number; burst: number };
  ws: {
    pingIntervalMs: number;
    /** Stop sending to a subscriber while its unsent buffer (ws.bufferedAmount) is above this. */
    highWaterBytes: number;
    /** Close with 1013 a subscriber whose buffer stayed above highWaterBytes without shrinking this long. */
    stallMs: number;
  };
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs: number;
}

export const MB = 1024 * 1024;

export const defaultAppConfig: AppConfig = {
  publicUrl: undefined,
  bodyLimitBytes: 50 * MB,
  ttlMs: 72 * 3600_000,
  purgeIntervalMs: 60_000,
  hookRate: { perSecond: 50, burst: 100 },
  registerRate: { perSecond: 1, burst: 30 },
  ws: { pingIntervalMs: 30_000, highWaterBytes: 1 * MB, stallMs: 30_000 },
  shutdownTimeoutMs: 10_000,
};

export interface CliConfig {
  host: string;
  port: number;
  dbPath: string;
  memory: boolean;
  app: AppConfig;
}

export const HELP = `Scrape Queue relay: receives provider webhooks and delivers them to the extension.

Usage: npm run relay -- [options]      (or: tsx relay/main.ts [options])

Options (environment variable in brackets):
  --port N             listen port, 0 = any free one        [RELAY_PORT]        default 8787
  --host H             listen address                       [RELAY_HOST]        default 127.0.0.1
  --db PATH            SQLite file                          [RELAY_DB]          default ./relay-data/relay.sqlite
  --memory             keep events in memory only (lost on restart) [RELAY_MEMORY=1]
  --public-url URL     base of webhook URLs given out       [RELAY_PUBLIC_URL]  default http://HOST:PORT
  --body-limit SIZE    largest webhook body, e.g. 50mb, 512kb, 1048576 [RELAY_BODY_LIMIT] default 50mb
  --ttl-hours N        purge unacked events after N hours   [RELAY_TTL_HOURS]   default 72
  --rate N             webhooks per second per channel      [RELAY_RATE]        default 50
  --burst N            webhook burst per channel            [RELAY_BURST]       default 100
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
  .pipe(z.number().int().positive());

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
});

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
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n');
    return { kind: 'error', message: `${issues}\n\n${HELP}` };
  }
  const v = parsed.data;
  return {
    kind: 'run',
    config: {
      host: v.host,
      port: v.port,
      dbPath: v.db,
      memory: v.memory,
      app: {
        ...defaultAppConfig,
        publicUrl: v.publicUrl,
        bodyLimitBytes: v.bodyLimit,
        ttlMs: v.ttlHours * 3600_000,
        hookRate: { perSecond: v.rate, burst: v.burst },
      },
    },
  };
}
