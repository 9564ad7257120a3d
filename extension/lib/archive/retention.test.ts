import { describe, expect, it } from 'vitest';
import { applyRetention, planRetention } from './retention';
import { addPage, freshDb } from './test-helpers';

const DAY = 86_400_000;
const NOW = 100 * DAY;

describe('retention preview', () => {
  it('keeps everything by default', async () => {
    const db = freshDb();
    await addPage(db, 'old', { title: 'Old', body: 'x', patch: { createdAt: 1, finishedAt: 1 } });
    expect(await planRetention(db, {}, NOW)).toMatchObject({ jobIds: [], snapshotIds: [], bytes: 0 });
  });

  it('lists finished jobs older than N days (never active ones) and what removing them frees; applying removes exactly those', async () => {
    const db = freshDb();
    await addPage(db, 'old', { title: 'Old', body: 'x'.repeat(1000), patch: { createdAt: NOW - 40 * DAY, finishedAt: NOW - 40 * DAY } });
    await addPage(db, 'old-failed', { title: 'F', body: 'y', patch: { status: 'failed', createdAt: NOW - 31 * DAY, finishedAt: NOW - 31 * DAY } });
    // Created long ago but finished recently: kept.
    await addPage(db, 'slow', { title: 'Slow', body: 'z', patch: { createdAt: NOW - 40 * DAY, finishedAt: NOW - DAY } });
    await addPage(db, 'active', { title: 'A', body: 'a', patch: { status: 'running', active: 1, createdAt: NOW - 90 * DAY } });
    await addPage(db, 'new', { title: 'New', body: 'n', patch: { createdAt: NOW - DAY, finishedAt: NOW - DAY } });
    const plan = await planRetention(db, { keepResultsDays: 30 }, NOW);
    expect(plan.jobIds.toSorted()).toEqual(['old', 'old-failed']);
    expect(plan.bytes).toBeGreaterThan(1000);
    expect(plan.sampleJobs.map((j) => j.label).toSorted()).toEqual(['https://site.test/old', 'https://site.test/old-failed']);
    await applyRetention(db, plan);
    expect((await db.jobs.toCollection().primaryKeys()).toSorted()).toEqual(['active', 'new', 'slow']);
    expect(await db.results.get('old')).toBeUndefined();
  });

  it('keeps the newest N snapshots of each monitor', async () => {
    const db = freshDb();
    for (const monitorId of ['a', 'b']) {
      await db.monitors.add({ id: monitorId, url: 'u', provider: 'browser', interval: 'daily', notify: false, state: 'active', createdAt: 0, slotAt: 0, nextCheckAt: 0, checks: 0, changes: 0 });
      for (let at = 1; at <= 5; at++) {
        await db.snapshots.add({ id: `${monitorId}${at}`, monitorId, jobId: `${monitorId}${at}`, at, text: 'text', fingerprint: 'f', changed: false });
      }
    }
    const plan = await planRetention(db, { keepSnapshots: 2 }, NOW);
    expect(plan.snapshotIds.toSorted()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    await applyRetention(db, plan);
    expect((await db.snapshots.toCollection().primaryKeys()).toSorted()).toEqual(['a4', 'a5', 'b4', 'b5']);
  });
});
