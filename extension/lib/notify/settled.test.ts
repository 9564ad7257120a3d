import { describe, expect, it, vi } from 'vitest';
import { makeWorld } from '../scheduler/test-helpers';
import { createBadge } from './badge';
import { createSettledHandler } from './settled';

function setup(enabled = true) {
  const world = makeWorld({ submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' }), result: async () => [] });
  const notes: { id: string; title: string; message: string }[] = [];
  let badgeRefreshes = 0;
  const onSettled = createSettledHandler({
    repo: world.repo,
    notificationsEnabled: async () => enabled,
    notify: async (id, title, message) => void notes.push({ id, title, message }),
    refreshBadge: () => void badgeRefreshes++,
  });
  return { world, notes, onSettled, badgeRefreshes: () => badgeRefreshes };
}

describe('finish notifications', () => {
  it('notifies once per group, when its last job settles, with a summary', async () => {
    const { world, notes, onSettled } = setup();
    const a = await world.addJob({ groupId: 'g1' });
    const b = await world.addJob({ groupId: 'g1' });
    await world.repo.update(a.id, { status: 'done', active: 0 });
    await onSettled({ ...a, status: 'done', active: 0 });
    expect(notes).toEqual([]);
    await world.repo.update(b.id, { status: 'failed', active: 0 });
    await onSettled({ ...b, status: 'failed', active: 0 });
    expect(notes).toEqual([{ id: 'sq-g1', title: '2 jobs finished', message: '1 done, 1 failed' }]);
  });

  it('names a single job and its error', async () => {
    const { world, notes, onSettled } = setup();
    const job = await world.addJob({ groupId: 'solo', label: 'https://a.test/' });
    await world.repo.update(job.id, { status: 'failed', active: 0 });
    await onSettled({ ...job, status: 'failed', active: 0, error: 'HTTP 500' });
    expect(notes).toEqual([{ id: 'sq-solo', title: 'Job failed', message: 'https://a.test/: HTTP 500' }]);
  });

  it('stays quiet when notifications are off, but still refreshes the badge', async () => {
    const { world, notes, onSettled, badgeRefreshes } = setup(false);
    const job = await world.addJob();
    await onSettled({ ...job, status: 'done', active: 0 });
    expect(notes).toEqual([]);
    expect(badgeRefreshes()).toBe(1);
  });
});

describe('badge', () => {
  it('coalesces refreshes and abbreviates large counts', async () => {
    const texts: string[] = [];
    let counts = 0;
    const badge = createBadge(
      async () => {
        counts++;
        return 12_345;
      },
      async (t) => void texts.push(t),
      0,
    );
    badge.refresh();
    badge.refresh();
    badge.refresh();
    await vi.waitFor(() => expect(texts).toEqual(['12k']));
    expect(counts).toBe(1);
  });
});
