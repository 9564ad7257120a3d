/**
 * Sealed at rest: a token from a webhook body is nowhere in the SQLite files or the Redis dump and AOF,
 * while the subscriber still reads it. The same check on an unsealed channel finds the token, so the
 * grep itself can fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../extension/lib/relay/base64';
import { unsealEvent } from '../extension/lib/relay/unseal';
import { ChannelCredentials, wsProtocols } from '../shared/relay-protocol';
import { openRedisStore } from './store/redis';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { call, postHook, recordingLogger, startRelay, streamUrl, TestSubscriber, within } from './testing/harness';
import { startRedisServer, type RedisServer } from './testing/redis-server';

let dir: string;
let redis: RedisServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relay-rest-'));
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.destroy();
  rmSync(dir, { recursive: true, force: true });
});
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function subscriberKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) };
}

/** Registers a channel (sealed when a key is given), posts a body with a fresh token, reads it back over WS. */
async function postToken(store: Store, sealed: boolean): Promise<string> {
  const relay = await startRelay({ store });
  cleanups.push(() => relay.close());
  const key = await subscriberKey();
  const r = await call(relay.baseUrl, 'POST', '/v1/channels', { body: JSON.stringify(sealed ? { publicKey: key.publicKey } : {}) });
  const creds = ChannelCredentials.parse(r.json);
  const token = `tok${randomBytes(12).toString('hex')}`;
  expect((await postHook(creds.webhookUrl, JSON.stringify({ html: `<p>${token}</p>` }), { 'x-provider-token': token })).status).toBe(202);
  const sub = new TestSubscriber(streamUrl(relay.baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
  cleanups.push(() => sub.close());
  await within(sub.opened, 5_000, 'ws open');
  const [event] = await sub.events(1);
  expect(event?.sealed !== undefined).toBe(sealed);
  const opened = await unsealEvent(event!, creds.channelId, async () => key.privateKey);
  expect(Buffer.from(opened.bodyBase64, 'base64').toString()).toContain(token);
  expect(opened.headers['x-provider-token']).toBe(token);
  return token;
}

const sqliteBytes = (file: string) => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));

describe('events at rest', () => {
  it('SQLite: the token is not in the database files of a sealed channel (and is in an unsealed one)', async () => {
    for (const sealed of [true, false]) {
      const file = join(dir, `rest-${sealed}.sqlite`);
      const token = await postToken(openSqliteStore(file), sealed);
      expect(sqliteBytes(file).includes(token)).toBe(!sealed);
    }
  });

  it('Redis: the token is not in the RDB dump or the AOF of a sealed channel (and is in an unsealed one)', async () => {
    const admin = new Redis(redis.url);
    cleanups.push(() => admin.quit());
    for (const sealed of [true, false]) {
      const token = await postToken(await openRedisStore({ url: redis.url, prefix: `rest${sealed}:`, logger: recordingLogger() }), sealed);
      await admin.save();
      expect(redis.filesOnDisk().includes(token)).toBe(!sealed);
    }
  });
});
