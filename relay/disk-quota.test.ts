/**
 * An anonymous client cannot fill the relay's disk: per-channel quotas (bytes and events), a total
 * cap, an upload gate, idle-channel expiry and space given back. Real HTTP and a real SQLite file.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelInfo } from '../shared/relay-protocol';
import { MB } from './config';
import { openSqliteStore } from './store/sqlite';
import { call, postHook, rawPost, register, startRelay, type StartOptions, type TestRelay } from './testing/harness';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sqliteRelay(options: StartOptions = {}): Promise<TestRelay & { fileBytes: () => number }> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-quota-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = join(dir, 'relay.sqlite');
  const r = await startRelay({ ...options, store: openSqliteStore(dbPath) });
  cleanups.push(() => r.close());
  // Everything SQLite keeps on disk for this database: the file and its WAL.
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return { ...r, fileBytes: () => size(dbPath) + size(`${dbPath}-wal`) };
}

const info = async (baseUrl: string, c: { channelId: string; subscriberSecret: string }) =>
  ChannelInfo.parse((await call(baseUrl, 'GET', `/v1/channels/${c.channelId}`, { secret: c.subscriberSecret })).json);

describe('per-channel quota on a real SQLite file', () => {
  it('answers 507 to a channel over its event quota while other channels keep working', async () => {
    const { baseUrl } = await sqliteRelay({ config: { channelQuotaEvents: 3 } });
    const full = await register(baseUrl);
    const other = await register(baseUrl);
    for (let i = 0; i < 3; i++) expect((await postHook(full.webhookUrl, `event ${i}`)).status).toBe(202);
    const refused = await postHook(full.webhookUrl, 'one too many');
    expect(refused.status).toBe(507);
    expect(refused.json).toMatchObject({ error: 'channel_full', message: expect.stringMatching(/^Relay channel full: .*3 events/) });
    expect((await info(baseUrl, full)).full).toBe(true);
    expect((await postHook(other.webhookUrl, 'still fine')).status).toBe(202);
    expect(await info(baseUrl, other)).toMatchObject({ full: false, pending: 1 });
  });

  it('20 × 50 MiB webhooks leave the file under the quota plus one body, and deleting the channel gives the space back', async () => {
    const quota = 120 * MB;
    const { baseUrl, app, fileBytes } = await sqliteRelay({ config: { channelQuotaBytes: quota } });
    const creds = await register(baseUrl);
    const other = await register(baseUrl);
    const body = Buffer.alloc(50 * MB, 7);
    // Half declare their length (refused from the header once the channel is full), half stream
    // without one (read, then refused by the store), all at once as an attacker would send them.
    // A refusal closes the connection, so a client still writing may see the reset before the answer (0).
    const status = (p: Promise<{ status: number }>) => p.then((r) => r.status).catch(() => 0);
    const declared = Array.from({ length: 10 }, () => status(postHook(creds.webhookUrl, body)));
    const streamed = Array.from({ length: 10 }, () => status(rawPost(creds.webhookUrl, [body.subarray(0, 25 * MB), body.subarray(25 * MB)])));
    const statuses = await Promise.all([...declared, ...streamed]);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    // Two bodies fit the quota and a third cannot; under load a second may also be refused as busy (503)
    // or reset (0), so the bound that matters is the upper one.
    expect(count(202)).toBeGreaterThanOrEqual(1);
    expect(count(202)).toBeLessThanOrEqual(2);
    expect(statuses.every((s) => [202, 507, 503, 0].includes(s))).toBe(true);
    expect(count(507)).toBeGreaterThan(0);
    const filled = fileBytes();
    expect(filled).toBeLessThan(quota + body.length);
    expect((await info(baseUrl, creds)).full).toBe(true);
    expect((await postHook(other.webhookUrl, 'small')).status).toBe(202);

    expect((await call(baseUrl, 'DELETE', `/v1/channels/${creds.channelId}`, { secret: creds.subscriberSecret })).status).toBe(204);
    await app.purgeNow();
    expect(fileBytes()).toBeLessThan(filled / 10);
    // What is left still works.
    expect((await postHook(other.webhookUrl, 'after vacuum')).status).toBe(202);
  }, 120_000);
});

describe('total store cap', () => {
  it('answers 507 relay_full once all channels together hold the limit, and frees with an ack', async () => {
    const { baseUrl } = await sqliteRelay({ config: { storeLimitBytes: 2_000, channelQuotaBytes: 0 } });
    const a = await register(baseUrl);
    const b = await register(baseUrl);
    expect((await postHook(a.webhookUrl, 'a'.repeat(1_200))).status).toBe(202);
    const refused = await postHook(b.webhookUrl, 'b'.repeat(1_200));
    expect(refused.status).toBe(507);
    expect(refused.json).toMatchObject({ error: 'relay_full', message: expect.stringMatching(/^Relay storage full/) });
    // Not b's fault: b is not marked full.
    expect((await info(baseUrl, b)).full).toBe(false);
    const page = (await call(baseUrl, 'GET', `/v1/channels/${a.channelId}/events`, { secret: a.subscriberSecret })).json as { nextCursor: number };
    await call(baseUrl, 'POST', `/v1/channels/${a.channelId}/ack`, { secret: a.subscriberSecret, body: JSON.stringify({ cursor: page.nextCursor }) });
    expect((await postHook(b.webhookUrl, 'b'.repeat(1_200))).status).toBe(202);
  });
});

describe('upload gate', () => {
  it('answers 503 with Retry-After while the upload budget is taken, before reading the body', async () => {
    const { baseUrl } = await sqliteRelay({ config: { uploads: { maxUploads: 1, maxBytes: MB } } });
    const creds = await register(baseUrl);
    // One slow upload holds the only slot.
    const url = new URL(creds.webhookUrl);
    const { request } = await import('node:http');
    const slow = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-length': '10' } });
    const slowAnswer = new Promise<number>((resolve) => slow.on('response', (res) => resolve(res.statusCode ?? 0)));
    slow.write('12345');
    await expect.poll(async () => (await postHook(creds.webhookUrl, 'x')).status, { timeout: 5_000 }).toBe(503);
    const busy = await postHook(creds.webhookUrl, 'x');
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(busy.json).toMatchObject({ error: 'busy' });
    slow.end('67890');
    expect(await slowAnswer).toBe(202);
    expect((await postHook(creds.webhookUrl, 'x')).status).toBe(202);
  });
});

describe('idle channels', () => {
  it('expire after the idle period with no subscriber use; a channel its subscriber pulls stays', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const day = 24 * 3600_000;
    const { baseUrl, app } = await sqliteRelay({ now: () => clock, config: { channelIdleMs: 30 * day } });
    const idle = await register(baseUrl);
    const used = await register(baseUrl);
    expect((await postHook(idle.webhookUrl, 'never read')).status).toBe(202);
    clock += 20 * day;
    expect((await call(baseUrl, 'GET', `/v1/channels/${used.channelId}/events`, { secret: used.subscriberSecret })).status).toBe(200);
    clock += 11 * day;
    await app.purgeNow();
    expect((await call(baseUrl, 'GET', `/v1/channels/${idle.channelId}`, { secret: idle.subscriberSecret })).status).toBe(404);
    expect((await postHook(idle.webhookUrl, 'late')).status).toBe(404);
    expect((await call(baseUrl, 'GET', `/v1/channels/${used.channelId}`, { secret: used.subscriberSecret })).status).toBe(200);
  });
});
