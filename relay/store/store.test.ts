import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { recordingLogger } from '../testing/harness';
import { startRedisServer, type RedisServer } from '../testing/redis-server';
import { createMemoryStore } from './memory';
import { openRedisStore } from './redis';
import { openSqliteStore } from './sqlite';
import { storeSuite } from './store-suite';

const dir = mkdtempSync(join(tmpdir(), 'relay-store-'));
let files = 0;
let redis: RedisServer;
let prefixes = 0;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('memory store', () => storeSuite(async () => createMemoryStore()));
describe('sqlite store (real file)', () => storeSuite(async () => openSqliteStore(join(dir, `relay-${files++}.sqlite`))));
describe('redis store (real redis-server)', () =>
  storeSuite(() => openRedisStore({ url: redis.url, prefix: `t${prefixes++}:`, logger: recordingLogger() })));
