import { describe, expect, it } from 'vitest';
import type { Job } from '../db/schema';
import { freshDb } from '../archive/test-helpers';
import { RecordingLogger } from '../scheduler/test-helpers';
import { createMonitorService } from './monitor-service';
import { createRowsFor } from './rows';
import { INTERVAL_MS } from './schedule';

const H = INTERVAL_MS.hourly;

function world() {
  const db = freshDb();
  let clock = 10 * H;
  let n = 0;
  const notes: { id: string; title: string; message: string }[] = [];
  const alarms: (number | undefined)[] = [];
  let kicks = 0;
  // A fresh service per "worker start": nothing but the database carries over.
  const make = () =>
    createMonitorService({
      db,
      now: () => clock,
      random: () => 0.5,
      newId: () => `id${n++}`,
      logger: new RecordingLogger(),
      intervalMs: async () => (interval) => INTERVAL_MS[interval],
      rowsFor: createRowsFor(),
      notify: async (id, title, message) => void notes.push({ id, title, message }),
      setAlarm: async (when) => void alarms.push(when),
      kick: () => void kicks++,
    });
  /** What the scheduler would do with a check job: fetch the page and settle the job done. */
  const finishChecks = async (service: ReturnType<typeof make>, html: string) => {
    const open = await db.jobs.filter((j) => j.monitorId !== undefined && j.active === 1).toArray();
    for (const job of open) {
      await db.results.put({ jobId: job.id, records: [{ url: job.input.kind === 'urls' ? job.input.urls[0]! : '', html }], receivedAt: clock });
      const done: Job = { ...job, status: 'done', active: 0, finishedAt: clock };
      await db.jobs.put(done);
      await service.recordCheck(done);
    }
    return open.length;
  };
  const checkJobs = () => db.jobs.filter((j) => j.monitorId !== undefined).count();
  return { db, make, notes, alarms, kicks: () => kicks, finishChecks, checkJobs, advance: (ms: number) => (clock += ms), now: () => clock };
}

const page = (price: string, time: string) => `<title>Tea shop</title><main><p>Tea costs ${price}</p><p>Generated at ${time}</p></main>`;

describe('monitor service', () => {
  it('checks at once, then once per interval; a change is a snapshot marked changed with a notification', async () => {
    const w = world();
    const service = w.make();
    const [monitor] = await service.create({ urls: ['https://shop.test/tea'], provider: 'browser', interval: 'hourly', notify: true });
    expect(await w.checkJobs()).toBe(1);
    expect(w.kicks()).toBe(1);
    await w.finishChecks(service, page('4 €', '10:00:00'));
    // Only the timestamp changes: no change, no notification.
    w.advance(H + 0.1 * H);
    await service.tick();
    await w.finishChecks(service, page('4 €', '11:06:00'));
    w.advance(H);
    await service.tick();
    await w.finishChecks(service, page('5 €', '12:06:00'));
    const snapshots = await w.db.snapshots.orderBy('at').toArray();
    expect(snapshots.map((s) => s.changed)).toEqual([false, false, true]);
    expect(w.notes).toEqual([{ id: `sq-change:${monitor!.id}`, title: 'Changed: Tea shop', message: '1 line added, 1 removed' }]);
    const stored = await w.db.monitors.get(monitor!.id);
    expect(stored).toMatchObject({ checks: 3, changes: 1, lastChangeAt: w.now() });
    expect(stored?.checkJobId).toBeUndefined();
  });

  it('a worker restart between checks neither loses nor doubles a check; missed slots run once', async () => {
    const w = world();
    await w.make().create({ urls: ['https://shop.test/a'], provider: 'browser', interval: 'hourly', notify: false });
    await w.finishChecks(w.make(), page('1', '1'));
    // Stopped with a check due: three new workers start, each ticks; one check job exists.
    w.advance(2 * H);
    await Promise.all([w.make().tick(), w.make().tick(), w.make().tick()]);
    expect(await w.checkJobs()).toBe(2);
    // A worker that dies after the job finished but before recording it: the next tick records it once.
    const open = await w.db.jobs.filter((j) => j.active === 1).first();
    await w.db.results.put({ jobId: open!.id, records: [{ url: 'https://shop.test/a', html: page('1', '2') }], receivedAt: w.now() });
    await w.db.jobs.update(open!.id, { status: 'done', active: 0, finishedAt: w.now() });
    await w.make().tick();
    await w.make().tick();
    expect(await w.db.snapshots.count()).toBe(2);
    // Closed for ten hours: one check on start-up, the next one on the grid an hour later.
    w.advance(10 * H);
    await w.make().tick();
    await w.make().tick();
    expect(await w.checkJobs()).toBe(3);
    const monitor = await w.db.monitors.toCollection().first();
    expect(monitor!.nextCheckAt).toBeGreaterThan(w.now());
    expect(monitor!.nextCheckAt - w.now()).toBeLessThanOrEqual(H + 0.1 * H);
    expect(w.alarms.at(-1)).toBe(monitor!.nextCheckAt);
  });

  it('pause stops checks; resume checks an overdue monitor once; check now and delete', async () => {
    const w = world();
    const service = w.make();
    const [monitor] = await service.create({ urls: ['https://shop.test/p'], provider: 'browser', interval: 'hourly', notify: false });
    await w.finishChecks(service, page('1', '1'));
    await service.act(monitor!.id, 'pause');
    w.advance(5 * H);
    await service.tick();
    expect(await w.checkJobs()).toBe(1);
    expect(w.alarms.at(-1)).toBeUndefined();
    await service.act(monitor!.id, 'resume');
    expect(await w.checkJobs()).toBe(2);
    await w.finishChecks(service, page('1', '1'));
    await service.act(monitor!.id, 'checkNow');
    expect(await w.checkJobs()).toBe(3);
    await expect(service.act(monitor!.id, 'checkNow')).rejects.toThrow('already running');
    await service.act(monitor!.id, 'delete');
    expect(await w.db.monitors.count()).toBe(0);
    expect(await w.db.snapshots.count()).toBe(0);
  });

  it('a finished job is the baseline: no immediate check, the first check can already show a change', async () => {
    const w = world();
    await w.db.jobs.add({
      id: 'base', provider: 'browser', input: { kind: 'urls', urls: ['https://shop.test/b'] }, label: '', search: '', options: {},
      status: 'done', active: 0, providerJobIds: [], createdAt: 0, updatedAt: 0, finishedAt: 5, nextPollAt: 0, polls: 0, attempts: 0,
    });
    await w.db.results.put({ jobId: 'base', records: [{ url: 'https://shop.test/b', data: [{ name: 'Tea', price: '4' }] }], receivedAt: 5 });
    const service = w.make();
    const [monitor] = await service.create({ urls: ['https://shop.test/b'], provider: 'browser', interval: 'hourly', notify: true, baselineJobId: 'base' });
    expect(await w.checkJobs()).toBe(0);
    expect(monitor!.nextCheckAt).toBeGreaterThanOrEqual(w.now() + H);
    w.advance(1.2 * H);
    await service.tick();
    const open = await w.db.jobs.filter((j) => j.active === 1).first();
    await w.db.results.put({ jobId: open!.id, records: [{ url: 'https://shop.test/b', data: [{ name: 'Tea', price: '5' }] }], receivedAt: w.now() });
    const done: Job = { ...open!, status: 'done', active: 0, finishedAt: w.now() };
    await w.db.jobs.put(done);
    await service.recordCheck(done);
    const latest = await w.db.snapshots.orderBy('at').last();
    expect(latest).toMatchObject({ changed: true, rows: [{ name: 'Tea', price: '5' }] });
  });
});
