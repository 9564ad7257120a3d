import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RelayEvent } from '@@/shared/relay-protocol';
import { makeWorld } from '../scheduler/test-helpers';
import type { WebhookEvent } from '../providers/types';
import { applyRelayEvent } from './sync';

const event = (cursor: number, body: string | Buffer, query: string, headers: Record<string, string> = {}): RelayEvent => ({
  cursor,
  receivedAt: 5,
  headers,
  query,
  bodyBase64: Buffer.from(body).toString('base64'),
});

function setup() {
  const seen: WebhookEvent[] = [];
  let statusCalls = 0;
  const world = makeWorld({
    submit: async () => ({ ref: { id: 'P1' }, providerJobIds: ['P1'] }),
    status: async () => {
      statusCalls++;
      return { state: 'running' };
    },
    result: async () => [],
    parseWebhook: (e) => {
      seen.push(e);
      const body = JSON.parse(e.body) as { id: string; state: 'done' | 'running' };
      return [{ providerJobId: body.id, state: body.state, records: body.state === 'done' ? [{ url: 'https://a.test/', html: '<p>x</p>' }] : undefined }];
    },
  });
  return { world, seen, statusCalls: () => statusCalls };
}

describe('applyRelayEvent', () => {
  it('completes the matching job from the webhook alone, with no status poll', async () => {
    const { world, statusCalls } = setup();
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'], ref: { id: 'P1' } });
    const changed = await applyRelayEvent(world.deps, 'ch', event(1, '{"id":"P1","state":"done"}', `p=scrapedo&j=${job.id}`));
    expect(changed).toBe(1);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', polls: 0 });
    expect((await world.repo.getResult(job.id))?.records).toHaveLength(1);
    expect(statusCalls()).toBe(0);
  });

  it('ignores duplicates and late out-of-order events', async () => {
    const { world } = setup();
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    await applyRelayEvent(world.deps, 'ch', event(2, '{"id":"P1","state":"done"}', 'p=scrapedo'));
    expect(await applyRelayEvent(world.deps, 'ch', event(2, '{"id":"P1","state":"done"}', 'p=scrapedo'))).toBe(0);
    // An older "running" event arriving after "done" changes nothing.
    expect(await applyRelayEvent(world.deps, 'ch', event(1, '{"id":"P1","state":"running"}', 'p=scrapedo'))).toBe(0);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
    expect(world.settled).toHaveLength(1);
  });

  it('dedupes by the relay\'s stable event id when it gives one, whatever the cursor', async () => {
    const { world } = setup();
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    const first = { ...event(7, '{"id":"P1","state":"done"}', 'p=scrapedo'), id: 'ev-1' };
    expect(await applyRelayEvent(world.deps, 'ch', first)).toBe(1);
    // Redelivered (e.g. after a reconnect to another instance) under another cursor: still a no-op.
    expect(await applyRelayEvent(world.deps, 'ch', { ...first, cursor: 99 })).toBe(0);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
  });

  it('gunzips compressed bodies before the adapter reads them', async () => {
    const { world, seen } = setup();
    await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    await applyRelayEvent(world.deps, 'ch', event(3, gzipSync('{"id":"P1","state":"done"}'), 'p=scrapedo', { 'content-encoding': 'gzip' }));
    expect(seen[0]?.body).toBe('{"id":"P1","state":"done"}');
  });

  it('finishes a batch once per-URL webhooks have delivered every record', async () => {
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: ['B1'] }),
      status: async () => ({ state: 'running' }),
      result: async () => [],
      parseWebhook: (e) => [{ providerJobId: 'B1', state: 'running', records: [{ url: e.body, html: 'x' }] }],
    });
    const job = await world.addJob({ status: 'running', providerJobIds: ['B1'], input: { kind: 'urls', urls: ['https://a.test/1', 'https://a.test/2'] } });
    await applyRelayEvent(world.deps, 'ch', event(1, 'https://a.test/1', 'p=scrapedo'));
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'running', progress: { done: 1, total: 2 } });
    await applyRelayEvent(world.deps, 'ch', event(2, 'https://a.test/1', 'p=scrapedo'));
    await applyRelayEvent(world.deps, 'ch', event(3, 'https://a.test/2', 'p=scrapedo'));
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', recordCount: 2, polls: 0 });
  });

  it('keeps every record when per-URL webhooks are applied at the same time', async () => {
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: ['B2'] }),
      status: async () => ({ state: 'running' }),
      result: async () => [],
      parseWebhook: (e) => [{ providerJobId: 'B2', state: 'running', records: [{ url: e.body, html: 'x' }] }],
    });
    const urls = ['https://a.test/1', 'https://a.test/2', 'https://a.test/3'];
    const job = await world.addJob({ status: 'running', providerJobIds: ['B2'], input: { kind: 'urls', urls } });
    await Promise.all(urls.map((url, i) => applyRelayEvent(world.deps, 'ch', event(10 + i, url, 'p=scrapedo'))));
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', recordCount: 3, polls: 0 });
  });

  it('survives payloads the adapter cannot read and events without a provider tag', async () => {
    const { world } = setup();
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    expect(await applyRelayEvent(world.deps, 'ch', event(4, 'not json', 'p=scrapedo'))).toBe(0);
    expect(await applyRelayEvent(world.deps, 'ch', event(5, '{"id":"P1","state":"done"}', ''))).toBe(0);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'submitted' });
  });
});
