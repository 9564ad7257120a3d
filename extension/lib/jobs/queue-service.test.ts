import { describe, expect, it } from 'vitest';
import { makeWorld } from '../scheduler/test-helpers';
import { createQueueService, QueueError } from './queue-service';

function setup(maxBatch = 1) {
  const world = makeWorld({ submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' }), result: async () => [] });
  for (const adapter of Object.values(world.deps.adapters)) adapter.capabilities.maxBatch = maxBatch;
  let kicks = 0;
  let n = 0;
  const queue = createQueueService({
    repo: world.repo,
    adapters: world.deps.adapters,
    now: world.now,
    newId: () => `id-${n++}`,
    defaultProvider: async () => 'browser',
    kick: () => void kicks++,
  });
  return { world, queue, kicks: () => kicks };
}

describe('queue service', () => {
  it('stores one job per URL for single-URL providers, reports invalid input and duplicates', async () => {
    const { world, queue, kicks } = setup(1);
    const actual = await queue.queueText('https://a.test/\nhttps://a.test/\nnope\nhttps://b.test/', undefined);
    expect(actual).toMatchObject({ queued: 2, duplicates: 1, invalid: [{ input: 'nope', reason: 'not a URL' }] });
    const jobs = await world.repo.list({ offset: 0, limit: 10 });
    expect(jobs.map((j) => j.label)).toEqual(['https://b.test/', 'https://a.test/']);
    expect(jobs.every((j) => j.status === 'queued' && j.provider === 'browser')).toBe(true);
    expect(kicks()).toBe(1);
  });

  it('lists jobs of one paste newest first, in paste order, at real epoch times', async () => {
    const { world, queue } = setup(1);
    world.advance(Date.UTC(2026, 10, 25) - world.now());
    const urls = Array.from({ length: 20 }, (_, i) => `https://a.test/${i}`);
    await queue.queueText(urls.join('\n'), undefined);
    const listed = await world.repo.list({ offset: 0, limit: 50 });
    expect(listed.map((j) => j.label)).toEqual(urls.toReversed());
  });

  it('batches URLs up to the provider maximum', async () => {
    const { world, queue } = setup(2);
    await queue.queueText('https://a.test/1 https://a.test/2 https://a.test/3', 'scrapedo');
    const jobs = await world.repo.list({ offset: 0, limit: 10 });
    expect(jobs.map((j) => j.input)).toEqual([
      { kind: 'urls', urls: ['https://a.test/3'] },
      { kind: 'urls', urls: ['https://a.test/1', 'https://a.test/2'] },
    ]);
    expect(jobs[1]?.label).toBe('2 URLs: https://a.test/1');
  });

  it('batches only lists at least `batchFrom` long (shorter lists: one job per URL); a tab stays one job', async () => {
    const { world, queue } = setup(4);
    for (const adapter of Object.values(world.deps.adapters)) adapter.capabilities.batchFrom = 6;
    const list = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `https://${tag}.test/${i}`);
    await queue.queueText(list(5, 'short').join('\n'), undefined);
    expect(await world.repo.count({})).toBe(5);
    const queued = await queue.queueText(list(10, 'long').join('\n'), undefined);
    expect(queued).toMatchObject({ queued: 10, jobIds: [expect.any(String), expect.any(String), expect.any(String)] });
    const long = await world.repo.list({ text: 'long.test', offset: 0, limit: 10 });
    expect(long.map((j) => (j.input.kind === 'urls' ? j.input.urls.length : 0)).toSorted()).toEqual([2, 4, 4]);
    await queue.queueUrlList(['https://tab.test/'], undefined, {}, 7);
    expect(await world.repo.count({ text: 'tab.test' })).toBe(1);
  });

  it('filters the list by status and text using indexes', async () => {
    const { world, queue } = setup(1);
    await queue.queueText('https://alpha.test/\nhttps://beta.test/', undefined);
    const [beta] = await world.repo.list({ text: 'BETA', offset: 0, limit: 10 });
    expect(beta?.label).toBe('https://beta.test/');
    await world.repo.update(beta!.id, { status: 'done', active: 0 });
    expect(await world.repo.count({ status: 'done' })).toBe(1);
    expect(await world.repo.count({ status: 'queued' })).toBe(1);
    expect(await world.repo.countActive()).toBe(1);
  });

  it('queues one prompt job per chosen scraper', async () => {
    const { world, queue } = setup();
    for (const adapter of Object.values(world.deps.adapters)) adapter.capabilities.inputKinds = ['urls', 'prompt'];
    const actual = await queue.queuePrompt('Best pizza in Rome?', ['chatgpt', 'perplexity', 'chatgpt']);
    expect(actual.queued).toBe(2);
  });

  it('refuses prompts for providers that take URLs only, and over-long prompts', async () => {
    const { queue } = setup();
    await expect(queue.queuePrompt('hi', ['chatgpt'])).rejects.toThrow('does not take prompts');
    await expect(queue.queuePrompt('x'.repeat(4001), ['chatgpt'])).rejects.toBeInstanceOf(QueueError);
  });

  it('refuses more than 100,000 URLs at once with a clear message', async () => {
    const { queue } = setup();
    const urls = Array.from({ length: 100_001 }, (_, i) => `https://a.test/${i}`);
    await expect(queue.queueUrlList(urls, 'browser', {})).rejects.toThrow('Too many URLs (100,001)');
  });
});
