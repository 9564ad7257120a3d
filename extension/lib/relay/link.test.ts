/**
 * The extension's relay link against a real relay on 127.0.0.1 (in-process, memory store): the channel
 * is registered with this browser's public key, the relay stores only ciphertext, and the link opens
 * and applies it. Keys live in (fake) IndexedDB as non-extractable WebCrypto keys.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WebSocket as NodeWebSocket } from 'ws';
import { createMemoryStore } from '@@/relay/store/memory';
import { postHook, startRelay, type TestRelay } from '@@/relay/testing/harness';
import { openDb } from '../db/schema';
import { makeWorld } from '../scheduler/test-helpers';
import { createRelayKeys } from './keys';
import { createRelayLink } from './link';
import { loadRelayState } from './state';

let relay: TestRelay | undefined;
const store = createMemoryStore();
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

let n = 0;
function setup() {
  const world = makeWorld({
    submit: async () => ({ ref: {}, providerJobIds: ['P1'] }),
    status: async () => ({ state: 'running' }),
    result: async () => [],
    parseWebhook: (e) => {
      const body = JSON.parse(e.body) as { id: string; state: 'done' };
      return [{ providerJobId: body.id, state: body.state, records: [{ url: 'https://a.test/', html: '<p>x</p>' }] }];
    },
  });
  const keysDb = openDb(`relay-keys-${Date.now()}-${n++}`);
  const keys = createRelayKeys(keysDb);
  const link = createRelayLink({
    scheduler: world.deps,
    fetch: (...args) => fetch(...args),
    // ws implements the browser WebSocket interface the link uses (addEventListener, send, readyState).
    WebSocket: NodeWebSocket as unknown as typeof WebSocket,
    keys,
    wantsStream: async () => false,
    onJobsChanged: () => undefined,
  });
  return { world, keysDb, link };
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
});
