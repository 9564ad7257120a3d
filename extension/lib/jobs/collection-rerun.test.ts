import { describe, expect, it } from 'vitest';
import { descriptor } from '../providers/registry';
import { adapterFor, recordingLogger } from '../providers/testing';
import { makeWorld } from '../scheduler/test-helpers';
import { collectionUrls, newestJobForCollection, UnknownCollectionError } from './collection-rerun';

function setup() {
  return makeWorld({ submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' }), result: async () => [] });
}

const owner = {
  provider: 'scrapingpros' as const,
  collections: adapterFor(descriptor('scrapingpros'), { fetch, now: () => 0, logger: recordingLogger() }).collections!,
};

describe('collection re-run lookup', () => {
  it('takes the URLs of the newest ScrapingPros job whose ref names the collection', async () => {
    const world = setup();
    await world.addJob({ provider: 'scrapingpros', input: { kind: 'urls', urls: ['https://old.test/'] }, ref: { collectionId: 'c1', runId: 'r1' } });
    world.advance(1_000);
    const newest = await world.addJob({
      provider: 'scrapingpros',
      input: { kind: 'urls', urls: ['https://a.test/', 'https://b.test/'] },
      ref: { collectionId: 'c1', runId: 'r2', completed: true },
    });
    world.advance(1_000);
    // Newer, but another collection, another provider, or a ref that is not a ScrapingPros ref.
    await world.addJob({ provider: 'scrapingpros', input: { kind: 'urls', urls: ['https://other.test/'] }, ref: { collectionId: 'c2', runId: 'r3' } });
    await world.addJob({ provider: 'scrapedo', input: { kind: 'urls', urls: ['https://scrapedo.test/'] }, ref: { collectionId: 'c1', runId: 'r4' } });
    await world.addJob({ provider: 'scrapingpros', input: { kind: 'urls', urls: ['https://bad.test/'] }, ref: { collectionId: 'c1' } });

    expect((await newestJobForCollection(world.repo, owner, 'c1'))?.id).toBe(newest.id);
    expect(await collectionUrls(world.repo, owner, 'c1')).toEqual(['https://a.test/', 'https://b.test/']);
    expect(await collectionUrls(world.repo, owner, 'c2')).toEqual(['https://other.test/']);
  });

  it('ignores jobs not submitted yet (no ref) and says why when no local job ran the collection', async () => {
    const world = setup();
    await world.addJob({ provider: 'scrapingpros', options: { collectionId: 'c1' } });
    expect(await newestJobForCollection(world.repo, owner, 'c1')).toBeUndefined();
    const error = await collectionUrls(world.repo, owner, 'c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownCollectionError);
    expect(error).toHaveProperty(
      'message',
      'This collection was not created from this browser, so its URLs are unknown here; queue its URLs again instead.',
    );
  });
});
