/**
 * Redis Streams {@link Store}: any number of relay instances share channels and events through one
 * Redis, and hear about each other's writes over pub/sub. Key layout and cursor rule: redis-scripts.ts.
 * A write resolves once Redis has executed it; with `appendonly yes` + `appendfsync always` Redis
 * fsyncs the AOF before it replies, so a 202 then survives a Redis crash or power loss.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../log';
import { APPEND, CREATE, DELETE, LIST, TRIM, UPDATE } from './redis-scripts';
import { eventSize, StoreUnavailableError, type ChannelRecord, type Store, type StoreNotice, type StoredEvent } from './types';

export interface RedisStoreOptions {
  url: string;
  /** Key prefix, so several relays (or tests) can share one Redis. Default `sq:`. */
  prefix?: string;
  logger: Logger;
  /** How long to wait for the first connection before failing. */
  connectTimeoutMs?: number;
}

const Notice = z.object({
  from: z.string(),
  notice: z.discriminatedUnion('type', [
    z.object({ type: z.literal('appended'), channelIds: z.array(z.string()) }),
    z.object({ type: z.literal('closed'), channelId: z.string(), code: z.number().int(), reason: z.string() }),
  ]),
});
const Seal = z.object({ kid: z.string(), epk: z.string(), iv: z.string() });
const Strings = z.record(z.string(), z.string());
const Cursors = z.array(z.number().int());
const Entries = z.array(z.tuple([z.instanceof(Buffer), z.array(z.instanceof(Buffer))]));

const str = (b: Buffer | undefined) => b?.toString('utf8');
const num = (b: Buffer | undefined) => (b === undefined || b.length === 0 ? null : Number(b.toString('utf8')));

function toChannel(id: string, h: Record<string, Buffer>): ChannelRecord | undefined {
  if (!h.secretHash || !h.tokenHash) return undefined;
  return {
    id,
    secretHash: h.secretHash,
    tokenHash: h.tokenHash,
    sealedToken: str(h.sealedToken) ?? '',
    label: h.label && h.label.length > 0 ? h.label.toString('utf8') : null,
    createdAt: num(h.createdAt) ?? 0,
    lastEventAt: num(h.lastEventAt),
    publicKey: h.publicKey && h.publicKey.length > 0 ? h.publicKey.toString('utf8') : null,
    hookSecrets: Strings.parse(JSON.parse(str(h.hookSecrets) || '{}')),
    fullAt: num(h.fullAt),
  };
}

function toEvent(channelId: string, id: Buffer, raw: Buffer[]): StoredEvent {
  const f: Record<string, Buffer> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) f[raw[i]!.toString('utf8')] = raw[i + 1]!;
  const seal = str(f.s);
  return {
    cursor: Number(id.toString('utf8').split('-')[0]),
    channelId,
    id: str(f.id) ?? '',
    receivedAt: num(f.at) ?? 0,
    headers: Strings.parse(JSON.parse(str(f.h) || '{}')),
    query: str(f.q) ?? '',
    body: f.b ?? Buffer.alloc(0),
    // Set by the LIST script when it left the body in Redis.
    ...(f.o && { omittedBytes: Number(f.o.toString('utf8')) }),
    seal: seal ? Seal.parse(JSON.parse(seal)) : null,
  };
}

export async function openRedisStore(options: RedisStoreOptions): Promise<Store> {
  const prefix = options.prefix ?? 'sq:';
  const instance = randomBytes(8).toString('hex');
  const noticesChannel = `${prefix}notices`;
  const connection = {
    // Fail a command fast while Redis is away (the webhook gets 503 and the provider retries) instead
    // of queueing it for ever; reconnect in the background.
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(50 * times, 1_000),
    connectTimeout: options.connectTimeoutMs ?? 10_000,
  };
  const redis = new Redis(options.url, connection);
  const sub = new Redis(options.url, { ...connection, maxRetriesPerRequest: null });
  const listeners: Array<(n: StoreNotice) => void> = [];
  let lastError = '';
  for (const [name, conn] of [['redis', redis], ['redis subscriber', sub]] as const) {
    conn.on('error', (e: Error) => {
      // ioredis reports every failed reconnect; one line per distinct error is enough.
      if (e.message !== lastError) options.logger.error(`${name}: ${e.message}`);
      lastError = e.message;
    });
    conn.on('ready', () => {
      lastError = '';
    });
  }

  const ready = (conn: Redis) =>
    new Promise<void>((resolve, reject) => {
      if (conn.status === 'ready') return resolve();
      const timer = setTimeout(() => reject(new Error(`Redis at ${redactUrl(options.url)} did not answer within ${connection.connectTimeout} ms`)), connection.connectTimeout);
      conn.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  try {
    await Promise.all([ready(redis), ready(sub)]);
  } catch (e) {
    redis.disconnect();
    sub.disconnect();
    throw e;
  }

  await sub.subscribe(noticesChannel);
  sub.on('message', (channel: string, message: string) => {
    if (channel !== noticesChannel) return;
    let parsed;
    try {
      parsed = Notice.safeParse(JSON.parse(message));
    } catch {
      return;
    }
    if (!parsed.success || parsed.data.from === instance) return;
    for (const l of listeners) l(parsed.data.notice);
  });

  // Scripts by SHA; Redis forgets them on restart, so NOSCRIPT reloads and retries once.
  const shas = new Map<string, string>();
  /** `binary`: bulk replies come back as Buffers (event bodies), not strings. */
  async function script(lua: string, keys: string[], args: Array<string | Buffer | number>, binary = false): Promise<unknown> {
    let sha = shas.get(lua);
    if (!sha) {
      sha = z.string().parse(await redis.script('LOAD', lua));
      shas.set(lua, sha);
    }
    try {
      return binary ? await redis.callBuffer('EVALSHA', sha, keys.length, ...keys, ...args) : await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      shas.delete(lua);
      return script(lua, keys, args, binary);
    }
  }

  const chKey = (id: string) => `${prefix}ch:${id}`;
  const evKey = (id: string) => `${prefix}ev:${id}`;
  const channelsKey = `${prefix}channels`;
  const bytesKey = `${prefix}bytes`;
  const trim = async (channelId: string, threshold: string, clearFull: boolean) =>
    z.number().int().parse(await script(TRIM, [], [prefix, channelId, threshold, clearFull ? '1' : '0']));

  const store: Store = {
    kind: 'redis',
    async createChannel(c) {
      const fields = {
        secretHash: c.secretHash,
        tokenHash: c.tokenHash,
        sealedToken: c.sealedToken,
        label: c.label ?? '',
        createdAt: String(c.createdAt),
        lastEventAt: c.lastEventAt === null ? '' : String(c.lastEventAt),
        publicKey: c.publicKey ?? '',
        hookSecrets: JSON.stringify(c.hookSecrets),
        bytes: '0',
      };
      const created = await script(CREATE, [chKey(c.id), channelsKey], [c.id, ...Object.entries(fields).flat()]);
      if (created !== 1) throw new Error(`channel ${c.id} exists`);
    },
    async getChannel(id) {
      return toChannel(id, await redis.hgetallBuffer(chKey(id)));
    },
    async updateChannel(id, u) {
      const fields: Array<string | Buffer> = [];
      if (u.secretHash) fields.push('secretHash', u.secretHash);
      if (u.tokenHash) fields.push('tokenHash', u.tokenHash);
      if (u.sealedToken !== undefined) fields.push('sealedToken', u.sealedToken);
      if (u.publicKey !== undefined) fields.push('publicKey', u.publicKey ?? '');
      if (u.hookSecrets) fields.push('hookSecrets', JSON.stringify(u.hookSecrets));
      if (fields.length === 0) return (await redis.exists(chKey(id))) === 1;
      return (await script(UPDATE, [chKey(id)], fields)) === 1;
    },
    deleteChannel: async (id) => (await script(DELETE, [], [prefix, id])) === 1,
    async appendEvents(batch, { quotaBytes, quotaEvents = 0, totalBytes = 0 }) {
      if (batch.length === 0) return [];
      const args: Array<string | Buffer | number> = [prefix, quotaBytes, quotaEvents, totalBytes];
      for (const e of batch) {
        args.push(e.channelId, e.receivedAt, e.id, JSON.stringify(e.headers), e.query, e.body, e.seal ? JSON.stringify(e.seal) : '', eventSize(e));
      }
      const cursors = Cursors.parse(await script(APPEND, [`${prefix}last`, bytesKey], args));
      return cursors.map((c) => (c === -1 ? { refused: 'gone' } : c === -2 ? { refused: 'full' } : c === -3 ? { refused: 'store_full' } : { cursor: c }));
    },
    async listEvents(channelId, after, { limit, maxBytes, maxBodyBytes }) {
      const out: StoredEvent[] = [];
      let bytes = 0;
      let start = `${after + 1}-0`;
      // Small pages, so a run of big bodies stops being read at maxBytes.
      while (out.length < limit) {
        const count = Math.min(16, limit - out.length);
        const page =
          maxBodyBytes === undefined
            ? await redis.xrangeBuffer(evKey(channelId), start, '+', 'COUNT', count)
            : Entries.parse(await script(LIST, [evKey(channelId)], [start, count, maxBodyBytes], true));
        for (const [id, fields] of page) {
          const e = toEvent(channelId, id, fields);
          if (out.length > 0 && bytes + e.body.length > maxBytes) return out;
          out.push(e);
          bytes += e.body.length;
        }
        if (page.length < count) break;
        start = `(${page.at(-1)![0].toString('utf8')}`;
      }
      return out;
    },
    async hasEventsAfter(channelId, after) {
      // Acks and purges only ever trim a prefix, so the newest cursor is still stored while the stream is not empty.
      const [[, last], [, length]] = z
        .tuple([z.tuple([z.any(), z.string().nullable()]), z.tuple([z.any(), z.number()])])
        .parse(await redis.multi().hget(chKey(channelId), 'last').xlen(evKey(channelId)).exec());
      return length > 0 && Number(last ?? 0) > after;
    },
    ack: (channelId, cursor) => trim(channelId, `${cursor}-1`, true),
    async usage(channelId) {
      const [[, pending], [, bytes]] = z
        .tuple([z.tuple([z.any(), z.number()]), z.tuple([z.any(), z.string().nullable()])])
        .parse(await redis.multi().xlen(evKey(channelId)).hget(chKey(channelId), 'bytes').exec());
      return { pending, bytes: Number(bytes ?? 0) };
    },
    async totalPending() {
      const ids = await redis.smembers(channelsKey);
      if (ids.length === 0) return 0;
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.xlen(evKey(id));
      const lengths = (await pipeline.exec()) ?? [];
      return lengths.reduce((n, [, len]) => n + (typeof len === 'number' ? len : 0), 0);
    },
    async purgeReceivedBefore(before) {
      let n = 0;
      for (const id of await redis.smembers(channelsKey)) n += await trim(id, `${Math.floor(before) * 1024}-0`, false);
      return n;
    },
    async markFull(id, at) {
      await script(UPDATE, [chKey(id)], ['fullAt', String(at)]);
    },
    storedBytes: async () => Number((await redis.get(bytesKey)) ?? 0),
    async touchChannel(id, at) {
      await script(UPDATE, [chKey(id)], ['usedAt', String(at)]);
    },
    async expireIdleChannels(usedBefore) {
      const ids = await redis.smembers(channelsKey);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hmget(chKey(id), 'usedAt', 'createdAt');
      const answers = (await pipeline.exec()) ?? [];
      const UsedAt = z.tuple([z.string().nullable(), z.string().nullable()]);
      const idle = ids.filter((_, i) => {
        const parsed = UsedAt.safeParse(answers[i]?.[1]);
        if (!parsed.success) return false;
        const [usedAt, createdAt] = parsed.data;
        return Number(usedAt ?? createdAt ?? 0) < usedBefore;
      });
      for (const id of idle) await script(DELETE, [], [prefix, id]);
      return idle;
    },
    // Redis gives freed memory back itself; the AOF shrinks at its next rewrite.
    async reclaim() {},
    async ping() {
      await redis.ping();
    },
    onNotice(listener) {
      listeners.push(listener);
    },
    async announce(notice) {
      await redis.publish(noticesChannel, JSON.stringify({ from: instance, notice }));
    },
    async close() {
      await Promise.allSettled([redis.quit(), sub.quit()]);
      redis.disconnect();
      sub.disconnect();
    },
  };
  return unavailableWhenDisconnected(store, () => redis.status === 'ready');
}

/** Errors while the connection is down become {@link StoreUnavailableError} (503 + Retry-After, not 500). */
function unavailableWhenDisconnected(store: Store, connected: () => boolean): Store {
  const wrapped = { ...store };
  for (const key of Object.keys(store) as Array<keyof Store>) {
    const value = store[key];
    if (typeof value !== 'function' || key === 'onNotice' || key === 'close') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    Object.assign(wrapped, {
      [key]: (...args: unknown[]) =>
        method(...args).catch((e: unknown) => {
          if (connected()) throw e;
          throw new StoreUnavailableError('Redis is unreachable right now', { cause: e });
        }),
    });
  }
  return wrapped;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}
