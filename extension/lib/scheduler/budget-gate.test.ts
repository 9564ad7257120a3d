import { describe, expect, it } from 'vitest';
import { processJob } from './process-job';
import { makeWorld } from './test-helpers';

describe('monthly budget gate', () => {
  it('a budget of 1 credit holds the second submit with the message; a higher budget lets it go; running jobs finish', async () => {
    let submits = 0;
    const world = makeWorld({
      submit: async () => ({ ref: { n: ++submits }, providerJobIds: [`p${submits}`] }),
      status: async () => ({ state: 'done', cost: '1', records: [{ url: 'https://a.test/', html: '<p>a</p>' }] }),
      result: async () => [],
    });
    let budget = 1;
    world.deps.settings = async () => ({ pollIntervalScale: 1, concurrency: {}, budgets: { scrapedo: budget } });

    const first = await world.addJob();
    await processJob(world.deps, first);
    const running = await world.addJob();
    await processJob(world.deps, running);
    // Both were submitted (nothing spent yet); each costs 1 when it finishes, and the second still finishes.
    await processJob(world.deps, (await world.repo.get(first.id))!);
    await processJob(world.deps, (await world.repo.get(running.id))!);
    expect((await world.repo.get(running.id))?.status).toBe('done');
    expect(await world.repo.monthCredits('scrapedo', world.now())).toBe(2);

    const waiting = await world.addJob();
    await processJob(world.deps, waiting);
    const held = await world.repo.get(waiting.id);
    expect(held).toMatchObject({ status: 'queued', paused: 'budget', error: 'Monthly budget reached for Fake (2 of 1 credits). Raise it in Options to continue.' });
    expect(submits).toBe(2);

    budget = 3;
    await processJob(world.deps, held!);
    const resumed = await world.repo.get(waiting.id);
    expect([resumed?.status, resumed?.paused, resumed?.error]).toEqual(['submitted', undefined, undefined]);
    expect(submits).toBe(3);
  });
});
