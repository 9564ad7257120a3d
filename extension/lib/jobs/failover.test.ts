import { describe, expect, it } from 'vitest';
import type { ProviderId } from '@@/shared/schemas/job';
import { makeWorld } from '../scheduler/test-helpers';
import { createFailover, failedInput, failoverTargets, FailoverError } from './failover';
import { createQueueService } from './queue-service';

const urlJob = (urls: string[], provider: ProviderId = 'browser') => ({ provider, input: { kind: 'urls' as const, urls } });

describe('failoverTargets', () => {
  it('offers This browser always and remote providers only with a key, never the job’s own provider', () => {
    const keyed = new Set<ProviderId>(['scraperapi']);
    const fromBrowser = failoverTargets(urlJob(['https://a.test/']), (id) => keyed.has(id));
    expect(fromBrowser.map((t) => t.id)).toEqual(['scraperapi']);
    expect(fromBrowser[0]?.label).toBe('ScraperAPI');
    const fromRemote = failoverTargets(urlJob(['https://a.test/'], 'scraperapi'), (id) => keyed.has(id));
    expect(fromRemote.map((t) => t.id)).toEqual(['browser']);
  });

  it('does not offer a prompt-only provider for a URL job, and offers only prompt takers for a prompt job', () => {
    const all = () => true;
    expect(failoverTargets(urlJob(['https://a.test/']), all).map((t) => t.id)).not.toContain('scrapellm');
    const prompt = { provider: 'browser' as const, input: { kind: 'prompt' as const, prompt: 'hi', scraper: 'chatgpt' } };
    // The only prompt taker is the job's own kind of provider; nothing else takes prompts.
    expect(failoverTargets({ ...prompt, provider: 'scrapellm' }, all)).toEqual([]);
  });
});

describe('failedInput', () => {
  it('keeps only the URLs with an error record or no record', () => {
    const job = urlJob(['https://a.test/1', 'https://a.test/2', 'https://a.test/3']);
    const records = [{ url: 'https://a.test/1', html: '<p>ok</p>' }, { url: 'https://a.test/2', error: 'HTTP 500' }];
    expect(failedInput(job, records)).toEqual({ kind: 'urls', urls: ['https://a.test/2', 'https://a.test/3'] });
  });

  it('sends every URL when nothing was stored, nothing when every URL succeeded, and drops a live tab', () => {
    expect(failedInput({ input: { kind: 'urls', urls: ['https://a.test/'], tabId: 4 } }, undefined)).toEqual({ kind: 'urls', urls: ['https://a.test/'] });
    expect(failedInput(urlJob(['https://a.test/']), [{ url: 'https://a.test/' }])).toBeUndefined();
  });
});

function setup(keys: ProviderId[] = ['scraperapi']) {
  const world = makeWorld({ submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' }), result: async () => [] });
  let n = 0;
  const newId = () => `id-${n++}`;
  const queue = createQueueService({ repo: world.repo, adapters: world.deps.adapters, now: world.now, newId, defaultProvider: async () => 'browser', kick: () => {} });
  const failover = createFailover({ repo: world.repo, queue, hasKey: async () => (id) => keys.includes(id), now: world.now, newId });
  return { world, queue, failover };
}

async function failedBatch(world: ReturnType<typeof setup>['world'], queue: ReturnType<typeof setup>['queue'], urls: string[]) {
  const [id] = await queue.queueUrlList(urls, 'browser', {}, undefined, 'group-1');
  if (!id) throw new Error('no job');
  await world.repo.update(id, { status: 'failed', active: 0, error: 'boom' });
  return id;
}

describe('failover service', () => {
  it('queues only the failed URLs on the target as a new job and links both ways', async () => {
    const { world, queue, failover } = setup();
    for (const a of Object.values(world.deps.adapters)) a.capabilities.maxBatch = 10;
    const id = await failedBatch(world, queue, ['https://a.test/1', 'https://a.test/2']);
    await world.repo.saveResult(id, [{ url: 'https://a.test/1', html: 'ok' }, { url: 'https://a.test/2', error: 'HTTP 502' }], world.now());

    expect((await failover.targets(id)).map((t) => t.label)).toEqual(['ScraperAPI']);
    const result = await failover.retryOn(id, 'scraperapi');
    expect(result.queued).toBe(1);
    const [newId] = result.jobIds;
    const retried = await world.repo.get(newId ?? '');
    expect(retried).toMatchObject({ provider: 'scraperapi', status: 'queued', retriedFrom: id, input: { kind: 'urls', urls: ['https://a.test/2'] } });
    expect((await world.repo.get(id))?.retriedOn).toEqual([{ jobId: newId, provider: 'scraperapi', at: world.now() }]);
  });

  it('refuses a provider not offered and a job that did not fail', async () => {
    const { world, queue, failover } = setup([]);
    const id = await failedBatch(world, queue, ['https://a.test/1']);
    await expect(failover.retryOn(id, 'scraperapi')).rejects.toThrow(FailoverError);
    await world.repo.update(id, { status: 'done' });
    expect(await failover.targets(id)).toEqual([]);
    await expect(failover.retryOn(id, 'browser')).rejects.toThrow(/failed or expired/);
  });

  it('retries every failed or expired job of a group into one new group, skipping done ones', async () => {
    const { world, queue, failover } = setup();
    for (const a of Object.values(world.deps.adapters)) a.capabilities.maxBatch = 1;
    const ids = await queue.queueUrlList(['https://a.test/1', 'https://a.test/2', 'https://a.test/3'], 'browser', {}, undefined, 'g');
    const [a, b, c] = ids as [string, string, string];
    await world.repo.update(a, { status: 'failed', active: 0 });
    await world.repo.update(b, { status: 'expired', active: 0 });
    await world.repo.update(c, { status: 'done', active: 0 });
    expect((await failover.groupTargets('g')).map((t) => t.id)).toEqual(['scraperapi']);
    const result = await failover.retryGroupOn('g', 'scraperapi');
    expect(result.queued).toBe(2);
    const jobs = await Promise.all(result.jobIds.map((id) => world.repo.get(id)));
    expect(jobs.map((j) => j?.retriedFrom).toSorted()).toEqual([a, b].toSorted());
    expect(new Set(jobs.map((j) => j?.groupId)).size).toBe(1);
    expect(jobs[0]?.groupId).not.toBe('g');
    expect((await world.repo.get(c))?.retriedOn).toBeUndefined();
  });
});
