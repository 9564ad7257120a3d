import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RelayEvent } from '@@/shared/relay-protocol';
import { readSpend } from '../costs/ledger';
import { readCounts, zeroCounts } from '../db/job-counts';
import { makeWorld } from '../scheduler/test-helpers';
import type { WebhookEvent } from '../providers/types';
import { applyRelayEvent, applyRelayEvents, runSettledHooks } from './sync';

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

/** A provider whose webhooks each carry one URL's record (the URL is the body), for batch job `providerJobId`. */
const perUrlWorld = (providerJobId: string) =>
  makeWorld({
    submit: async () => ({ ref: {}, providerJobIds: [providerJobId] }),
    status: async () => ({ state: 'running' }),
    result: async () => [],
    parseWebhook: (e) => [{ providerJobId, state: 'running', records: [{ url: e.body, html: 'x' }] }],
  });

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
    const world = perUrlWorld('B1');
    const job = await world.addJob({ status: 'running', providerJobIds: ['B1'], input: { kind: 'urls', urls: ['https://a.test/1', 'https://a.test/2'] } });
    await applyRelayEvent(world.deps, 'ch', event(1, 'https://a.test/1', 'p=scrapedo'));
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'running', progress: { done: 1, total: 2 } });
    await applyRelayEvent(world.deps, 'ch', event(2, 'https://a.test/1', 'p=scrapedo'));
    await applyRelayEvent(world.deps, 'ch', event(3, 'https://a.test/2', 'p=scrapedo'));
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', recordCount: 2, polls: 0 });
  });

  it('finishes a batch job whose per-URL webhooks all arrive in one relay batch, with every record', async () => {
    const world = perUrlWorld('B3');
    const urls = ['https://a.test/1', 'https://a.test/2', 'https://a.test/3'];
    const job = await world.addJob({ status: 'running', providerJobIds: ['B3'], input: { kind: 'urls', urls } });
    const outcome = await applyRelayEvents(world.deps, 'ch', urls.map((url, i) => ({ ...event(20 + i, url, 'p=scrapedo'), id: `u${i}` })));
    expect(outcome.settled).toHaveLength(1);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', recordCount: 3, progress: { done: 3, total: 3 } });
    expect((await world.repo.getResult(job.id))?.records.map((r) => r.url)).toEqual(urls);
  });

  it('keeps every record when per-URL webhooks are applied at the same time', async () => {
    const world = perUrlWorld('B2');
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

describe('applyRelayEvents (a batch received together)', () => {
  it('applies every readable event of a batch and reports the malformed one', async () => {
    const { world } = setup();
    const a = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    const b = await world.addJob({ status: 'submitted', providerJobIds: ['P2'] });
    const outcome = await applyRelayEvents(world.deps, 'ch', [
      { ...event(1, '{"id":"P1","state":"done"}', 'p=scrapedo'), id: 'e1' },
      { ...event(2, 'not json', 'p=scrapedo'), id: 'e2' },
      { ...event(3, '{"id":"P2","state":"done"}', 'p=scrapedo'), id: 'e3' },
      event(4, '{"id":"P2","state":"done"}', ''),
    ]);
    expect(outcome.changed).toBe(2);
    expect(outcome.settled.map((j) => j.id).toSorted()).toEqual([a.id, b.id].toSorted());
    expect(world.settled).toHaveLength(0);
    await runSettledHooks(world.deps, outcome.settled);
    expect(outcome.rejected).toEqual([
      { cursor: 2, id: 'e2', reason: expect.stringContaining('could not read the payload') },
      { cursor: 4, reason: expect.stringContaining('no provider tag') },
    ]);
    expect(await world.repo.get(a.id)).toMatchObject({ status: 'done', polls: 0 });
    expect(await world.repo.get(b.id)).toMatchObject({ status: 'done', polls: 0 });
    expect((await world.repo.getResult(b.id))?.records).toHaveLength(1);
    // After-settle hooks ran once per job, when the caller ran them.
    expect(world.settled.map((j) => j.id).toSorted()).toEqual([a.id, b.id].toSorted());
    // Redelivered (a reconnect): nothing applied, nothing reported twice.
    expect(await applyRelayEvents(world.deps, 'ch', [{ ...event(1, '{"id":"P1","state":"done"}', 'p=scrapedo'), id: 'e1' }, { ...event(2, 'not json', 'p=scrapedo'), id: 'e2' }])).toEqual({
      changed: 0,
      rejected: [{ cursor: 2, id: 'e2', reason: expect.any(String) }],
      settled: [],
    });
    expect(world.settled).toHaveLength(2);
  });

  it('keeps the counters and the cost ledger exact over a batch of 121 events finishing 100 jobs', async () => {
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: [] }),
      status: async () => ({ state: 'running' }),
      result: async () => [],
      parseWebhook: (e) => {
        const body = JSON.parse(e.body) as { id: string; state: 'done' | 'failed' | 'running' };
        return [{ providerJobId: body.id, state: body.state, ...(body.state === 'done' && { records: [{ url: 'https://a.test/', cost: 2 }] }), ...(body.state === 'failed' && { error: 'blocked' }) }];
      },
    });
    const jobs = [];
    for (let i = 0; i < 120; i++) jobs.push(await world.addJob({ status: 'submitted', providerJobIds: [`P${i}`], error: 'an earlier transient error' }));
    const state = (i: number) => (i < 80 ? 'done' : i < 100 ? 'failed' : 'running');
    const events = jobs.map((_, i) => ({ ...event(i + 1, JSON.stringify({ id: `P${i}`, state: state(i) }), 'p=scrapedo'), id: `e${i}` }));
    // The first event delivered twice within the batch.
    const outcome = await applyRelayEvents(world.deps, 'ch', [...events, { ...events[0]!, cursor: 121 }]);
    expect(outcome).toMatchObject({ changed: 120, rejected: [] });
    expect(outcome.settled).toHaveLength(100);
    const recount = zeroCounts();
    for (const job of await world.db.jobs.toArray()) recount[job.status]++;
    expect(await readCounts(world.db.jobCounts)).toEqual(recount);
    expect(recount).toMatchObject({ done: 80, failed: 20, running: 20, submitted: 0 });
    expect(await world.db.costEntries.count()).toBe(100);
    expect((await readSpend(world.db, ['scrapedo'], world.now())).get('scrapedo')?.today).toEqual({ credits: 160, jobs: 80, unknownJobs: 20 });
    // A settled job's row is rewritten whole: the cleared error is gone, not stored as undefined.
    const done = await world.repo.get(jobs[0]!.id);
    expect(done).toMatchObject({ status: 'done', recordCount: 1 });
    expect(done && 'error' in done).toBe(false);
    expect((await world.repo.get(jobs[80]!.id))?.error).toBe('blocked');
  });

  it('applies a duplicate inside one batch once, and a later "running" after "done" changes nothing', async () => {
    const { world } = setup();
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'] });
    const done = { ...event(1, '{"id":"P1","state":"done"}', 'p=scrapedo'), id: 'd' };
    const outcome = await applyRelayEvents(world.deps, 'ch', [done, { ...done, cursor: 2 }, { ...event(3, '{"id":"P1","state":"running"}', 'p=scrapedo'), id: 'r' }]);
    expect(outcome).toMatchObject({ changed: 1, rejected: [] });
    expect(outcome.settled).toHaveLength(1);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
  });

  it('downloads the result for a "done" without records, in order with the rest of the batch', async () => {
    let downloads = 0;
    const world = makeWorld({
      submit: async () => ({ ref: {}, providerJobIds: [] }),
      status: async () => ({ state: 'running' }),
      result: async () => {
        downloads++;
        return [{ url: 'https://a.test/', html: 'downloaded' }];
      },
      parseWebhook: (e) => {
        const body = JSON.parse(e.body) as { id: string; inline: boolean };
        return [{ providerJobId: body.id, state: 'done', records: body.inline ? [{ url: 'https://a.test/', html: 'inline' }] : undefined }];
      },
    });
    const [a, b, c] = [await world.addJob({ status: 'submitted', providerJobIds: ['A'] }), await world.addJob({ status: 'submitted', providerJobIds: ['B'] }), await world.addJob({ status: 'submitted', providerJobIds: ['C'] })];
    const outcome = await applyRelayEvents(world.deps, 'ch', [
      event(1, '{"id":"A","inline":true}', 'p=scrapedo'),
      event(2, '{"id":"B","inline":false}', 'p=scrapedo'),
      event(3, '{"id":"C","inline":true}', 'p=scrapedo'),
    ]);
    expect(outcome).toMatchObject({ changed: 3, rejected: [] });
    expect(outcome.settled).toHaveLength(3);
    expect(downloads).toBe(1);
    for (const job of [a, b, c]) expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
    expect((await world.repo.getResult(b.id))?.records[0]?.html).toBe('downloaded');
  });
});

describe('the job-id tag (j=) fallback needs the job\'s webhook token (t=)', () => {
  const TOKEN = 'AAECAwQFBgcICQoLDA0ODw';
  // The provider answered before its job id was stored (or never gives one): only the tag can match.
  const untracked = (world: ReturnType<typeof setup>['world'], patch: Parameters<typeof world.addJob>[0] = {}) =>
    world.addJob({ status: 'submitted', providerJobIds: [], webhookToken: TOKEN, ...patch });
  const body = '{"id":"UNKNOWN","state":"done"}';

  it.each([
    ['no token', (id: string) => `p=scrapedo&j=${id}`],
    ['an empty token', (id: string) => `p=scrapedo&j=${id}&t=`],
    ['a wrong token', (id: string) => `p=scrapedo&j=${id}&t=AAECAwQFBgcICQoLDA0OEA`],
    ['a prefix of the token', (id: string) => `p=scrapedo&j=${id}&t=${TOKEN.slice(0, 21)}`],
  ])('leaves the job alone for an event tagged with its id and %s', async (_, query) => {
    const { world } = setup();
    const job = await untracked(world);
    expect(await applyRelayEvent(world.deps, 'ch', event(1, body, query(job.id)))).toBe(0);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'submitted' });
    expect(await world.repo.getResult(job.id)).toBeUndefined();
    expect(world.logger.lines.some((l) => l.includes(`tagged with job ${job.id} without its token`))).toBe(true);
  });

  it('applies the event when it carries the job\'s token', async () => {
    const { world } = setup();
    const job = await untracked(world);
    expect(await applyRelayEvent(world.deps, 'ch', event(1, body, `p=scrapedo&j=${job.id}&t=${TOKEN}`))).toBe(1);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', recordCount: 1 });
  });

  it('never matches a job stored without a token (a row from before tokens) by its tag', async () => {
    const { world } = setup();
    const job = await untracked(world, { webhookToken: undefined });
    expect(await applyRelayEvent(world.deps, 'ch', event(1, body, `p=scrapedo&j=${job.id}&t=`))).toBe(0);
    expect(await applyRelayEvent(world.deps, 'ch', event(2, body, `p=scrapedo&j=${job.id}&t=undefined`))).toBe(0);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'submitted' });
  });

  it('still matches by provider job id without any token, as before', async () => {
    const { world } = setup();
    const job = await world.addJob({ status: 'submitted', providerJobIds: ['P1'], webhookToken: TOKEN });
    expect(await applyRelayEvent(world.deps, 'ch', event(1, '{"id":"P1","state":"done"}', 'p=scrapedo'))).toBe(1);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done' });
  });

  it('checks the token in a batch too: the wrong-token event is a no-op, the right-token one applies', async () => {
    const { world } = setup();
    const forged = await untracked(world);
    const real = await untracked(world, { webhookToken: 'ZZECAwQFBgcICQoLDA0ODw' });
    const outcome = await applyRelayEvents(world.deps, 'ch', [
      event(1, body, `p=scrapedo&j=${forged.id}&t=${'ZZECAwQFBgcICQoLDA0ODw'}`),
      event(2, body, `p=scrapedo&j=${real.id}&t=${'ZZECAwQFBgcICQoLDA0ODw'}`),
    ]);
    expect(outcome).toMatchObject({ changed: 1, rejected: [] });
    expect(await world.repo.get(forged.id)).toMatchObject({ status: 'submitted' });
    expect(await world.repo.get(real.id)).toMatchObject({ status: 'done' });
  });
});
