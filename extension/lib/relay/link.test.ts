/**
 * The extension's relay link against a real relay on 127.0.0.1 (in-process, memory store): the channel
 * is registered with this browser's public key, the relay stores only ciphertext, and the link opens
 * and applies it. Keys live in (fake) IndexedDB as non-extractable WebCrypto keys.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WebSocket as NodeWebSocket } from 'ws';
import { createMemoryStore } from '@@/relay/store/memory';
import { defaultAppConfig } from '@@/relay/config';
import { postHook, startRelay, streamUrl, TestSubscriber, within, type TestRelay } from '@@/relay/testing/harness';
import { openDb } from '../db/schema';
import { makeWorld } from '../scheduler/test-helpers';
import { createRelayKeys } from './keys';
import { createRelayLink } from './link';
import { REPLACED_HOLD_MS } from './replaced';
import { loadRelayState } from './state';

let relay: TestRelay | undefined;
const store = createMemoryStore();
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

let n = 0;
function setup(wantsStream = false) {
  const parsed: string[] = [];
  const fetched: string[] = [];
  const world = makeWorld({
    submit: async () => ({ ref: {}, providerJobIds: ['P1'] }),
    status: async () => ({ state: 'running' }),
    result: async () => [],
    parseWebhook: (e) => {
      const body = JSON.parse(e.body) as { id: string; state: 'done' };
      parsed.push(body.id);
      return [{ providerJobId: body.id, state: body.state, records: [{ url: 'https://a.test/', html: '<p>x</p>' }] }];
    },
  });
  const keysDb = openDb(`relay-keys-${Date.now()}-${n++}`);
  const keys = createRelayKeys(keysDb);
  const link = createRelayLink({
    scheduler: world.deps,
    fetch: (input, init) => {
      fetched.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    },
    // ws implements the browser WebSocket interface the link uses (addEventListener, send, readyState).
    WebSocket: NodeWebSocket as unknown as typeof WebSocket,
    keys,
    wantsStream: async () => wantsStream,
    onJobsChanged: () => undefined,
  });
  return { world, keysDb, link, parsed, fetched };
}

describe('relay link with sealed events', () => {
  it('registers its public key, the relay stores ciphertext, the link opens it and finishes the job', async () => {
    relay = await startRelay({ store });
    const { world, keysDb, link } = setup();
    const status = await link.connect(relay.baseUrl);
    expect(status).toMatchObject({ connected: true, sealed: true });
    const state = (await loadRelayState())!;
    const [key] = await keysDb.relayKeys.toArray();
    expect(key?.privateKey.extractable).toBe(false);
    expect((await store.getChannel(state.channelId))?.publicKey).toBe(key?.publicKey);

    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    expect((await postHook(`${state.webhookUrl}?p=scrapedo&j=${job.id}`, '{"id":"P1","state":"done"}', { 'content-type': 'application/json' })).status).toBe(202);
    const [stored] = await store.listEvents(state.channelId, 0, { limit: 10, maxBytes: 1e6 });
    expect(stored?.seal).not.toBeNull();
    expect(stored?.headers).toEqual({});
    expect(stored?.body.includes('P1')).toBe(false);

    await link.wake();
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', polls: 0 });
    expect((await store.usage(state.channelId)).pending).toBe(0); // acked after applying
  });

  it('pulls an event the stream announced (body over 1 MiB) and applies it in cursor order, once, then acks', async () => {
    relay = await startRelay({ store });
    const r = relay;
    const { world, link, parsed, fetched } = setup(true);
    await link.connect(r.baseUrl);
    await expect.poll(() => r.app.stats().subscribers, { timeout: 5_000 }).toBe(1);
    const state = (await loadRelayState())!;
    const jobs = [
      await world.addJob({ status: 'submitted', providerJobIds: ['P1'] }),
      await world.addJob({ status: 'submitted', providerJobIds: ['P2'] }),
      await world.addJob({ status: 'submitted', providerJobIds: ['P3'] }),
    ];
    const pad = 'x'.repeat(1024 * 1024 + 10);
    for (const [id, extra] of [['P1', ''], ['P2', pad], ['P3', '']] as const) {
      const body = JSON.stringify({ id, state: 'done', pad: extra });
      expect((await postHook(`${state.webhookUrl}?p=scrapedo`, body, { 'content-type': 'application/json' })).status).toBe(202);
    }
    // No wake: only the open stream (and the pull its notice asks for) can finish these jobs.
    await expect.poll(async () => (await Promise.all(jobs.map((j) => world.repo.get(j.id)))).map((j) => j?.status), { timeout: 10_000 }).toEqual(['done', 'done', 'done']);
    expect(parsed).toEqual(['P1', 'P2', 'P3']);
    // The 1 MiB body never went into a stream frame.
    expect(r.app.stats().frames.cachedBytes).toBeLessThan(1024 * 1024);
    expect(fetched.filter((f) => /\/events\?after=\d+&limit=1$/.test(f))).toHaveLength(1);
    await expect.poll(async () => (await store.usage(state.channelId)).pending, { timeout: 5_000 }).toBe(0);
    await link.disconnect();
  });

  it('"Rotate secret" rotates the key too; events sealed to the old key before it still open', async () => {
    relay = await startRelay({ store });
    const { world, keysDb, link } = setup();
    await link.connect(relay.baseUrl);
    const before = (await loadRelayState())!;
    const oldKey = (await store.getChannel(before.channelId))?.publicKey;
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    await postHook(`${before.webhookUrl}?p=scrapedo`, '{"id":"P1","state":"done"}');

    await link.rotate();
    const newKey = (await store.getChannel(before.channelId))?.publicKey;
    expect(newKey).not.toBe(oldKey);
    expect(await keysDb.relayKeys.count()).toBe(2);
    await link.wake();
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
  });

  it('sends the registration token a relay asks for, and says clearly when it is missing', async () => {
    relay = await startRelay({ store, config: { registrationToken: 'team-registration-token-1234' } });
    const { link } = setup();
    await expect(link.connect(relay.baseUrl)).rejects.toThrow(/Relay registration token/);
    expect(await link.connect(relay.baseUrl, 'team-registration-token-1234')).toMatchObject({ connected: true });
  });

  it('shows "full" when the relay refused webhooks for the channel quota', async () => {
    relay = await startRelay({ store: createMemoryStore(), config: { channelQuotaBytes: 100 } });
    const { link } = setup();
    await link.connect(relay.baseUrl);
    const { webhookUrl } = (await loadRelayState())!;
    expect((await postHook(webhookUrl, 'x'.repeat(200))).status).toBe(507);
    expect(await link.status()).toMatchObject({ full: true });
  });

  it('after a 4409 "replaced" close it does not reopen the stream (pulls instead) until the hold is over', async () => {
    relay = await startRelay({ store: createMemoryStore(), config: { ws: { ...defaultAppConfig.ws, maxSubscribersPerChannel: 1 } } });
    const r = relay;
    const { world, link } = setup(true);
    await link.connect(r.baseUrl);
    await expect.poll(() => r.app.stats().subscribers, { timeout: 5_000 }).toBe(1);
    const state = (await loadRelayState())!;

    // Another connection to the channel (another browser with the same secret) takes the only slot.
    const other = new TestSubscriber(streamUrl(r.baseUrl, state.channelId), { headers: { authorization: `Bearer ${state.subscriberSecret}` } });
    await within(other.opened, 5_000, 'other open');
    await expect.poll(async () => (await loadRelayState())?.replacedAt, { timeout: 5_000 }).toBe(world.now());
    await r.logger.waitFor(/closing the oldest \(4409\)/);
    expect(await link.status()).toMatchObject({ connected: true, streamReplacedAt: world.now() });

    // Wakes pull (the job finishes) but open no socket: the other connection is not replaced back.
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    expect((await postHook(`${state.webhookUrl}?p=scrapedo&j=${job.id}`, '{"id":"P1","state":"done"}')).status).toBe(202);
    await other.next('event');
    for (let i = 0; i < 3; i++) await link.wake();
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
    expect(r.app.stats().subscribers).toBe(1);
    expect(other.ws.readyState).toBe(other.ws.OPEN);

    // Once the hold is over the next wake opens the stream again (and clears the mark).
    world.advance(REPLACED_HOLD_MS + 1);
    expect((await link.status()).streamReplacedAt).toBeUndefined();
    await link.wake();
    expect((await within(other.closed, 5_000, 'other replaced')).code).toBe(4409);
    await expect.poll(async () => (await loadRelayState())?.replacedAt, { timeout: 5_000 }).toBeUndefined();
    await link.disconnect();
  });
});
