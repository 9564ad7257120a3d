/**
 * Monitors: each due monitor gets a normal job (so alarms, backoff, concurrency caps and the relay
 * apply), created in the same transaction that moves the monitor's schedule on, so a worker stopped at
 * any point neither loses a check nor makes two for one slot. A finished check becomes a snapshot.
 * @module
 */
import { Dexie } from 'dexie';
import type { ProviderId, ScrapeRecord } from '@@/shared/schemas/job';
import type { Job, ScrapeQueueDB } from '../db/schema';
import { newJob } from '../jobs/build-jobs';
import type { Logger } from '../providers/types';
import { recordMainText } from '../text/record-text';
import { fingerprint } from './normalize';
import { isDue, planAfterCheck, planInterval, planNew, planResume, staggeredStart, type IntervalMs } from './schedule';
import { diffText } from './text-diff';
import type { IntervalId, Monitor, Row, Snapshot } from './types';

export interface MonitorDeps {
  db: ScrapeQueueDB;
  now: () => number;
  random: () => number;
  newId: () => string;
  logger: Logger;
  /** Interval lengths (a test-only preference may shorten the shortest one). */
  intervalMs: () => Promise<IntervalMs>;
  rowsFor: (record: ScrapeRecord) => Promise<Row[] | undefined>;
  notify: (id: string, title: string, message: string) => Promise<void>;
  /** The durable wake-up for the earliest next check (chrome.alarms). */
  setAlarm: (when: number | undefined) => Promise<void>;
  /** Runs the job scheduler after check jobs were stored. */
  kick: () => void;
}

export interface NewMonitorSpec {
  urls: string[];
  provider: ProviderId;
  interval: IntervalId;
  notify: boolean;
  /** A finished job whose result is the first snapshot (so the first check can already show a change). */
  baselineJobId?: string;
}

export type MonitorAction = 'pause' | 'resume' | 'checkNow' | 'delete';

export class MonitorError extends Error {
  override readonly name = 'MonitorError';
}

export const CHANGE_NOTIFICATION = 'sq-change:';

function pickRecord(records: readonly ScrapeRecord[], url: string): ScrapeRecord | undefined {
  return records.find((r) => r.url === url) ?? records[0];
}

function changeSummary(before: string, after: string): string {
  const { added, removed } = diffText(before, after);
  const parts = [added && `${added} line${added === 1 ? '' : 's'} added`, removed && `${removed} removed`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'The table changed';
}

export function createMonitorService(deps: MonitorDeps) {
  const { db } = deps;

  const latestSnapshot = (monitorId: string) =>
    db.snapshots.where('[monitorId+at]').between([monitorId, Dexie.minKey], [monitorId, Dexie.maxKey]).last();

  async function snapshotOf(monitor: Monitor, job: Job, at: number): Promise<Omit<Snapshot, 'changed'> | undefined> {
    const result = await db.results.get(job.id);
    const record = result && pickRecord(result.records, monitor.url);
    if (!record) return undefined;
    const { title, text } = recordMainText(record);
    const rows = await deps.rowsFor(record);
    return {
      id: job.id,
      monitorId: monitor.id,
      jobId: job.id,
      at,
      ...(title ? { title } : {}),
      text,
      fingerprint: await fingerprint(text, rows),
      ...(rows ? { rows } : {}),
      ...(record.error ? { error: record.error } : {}),
    };
  }

  /** Turns a finished check job into a snapshot (idempotent: the snapshot id is the job id). */
  async function recordCheck(job: Job): Promise<void> {
    const monitorId = job.monitorId;
    if (!monitorId) return;
    const monitor = await db.monitors.get(monitorId);
    if (!monitor) return;
    const release = monitor.checkJobId === job.id ? { checkJobId: undefined } : {};
    if (await db.snapshots.get(job.id)) {
      await db.monitors.update(monitorId, release);
      return;
    }
    const at = job.finishedAt ?? deps.now();
    const taken = job.status === 'done' ? await snapshotOf(monitor, job, at) : undefined;
    if (!taken) {
      await db.monitors.update(monitorId, { ...release, lastError: job.error ?? `The check ended ${job.status}.` });
      return;
    }
    const previous = await latestSnapshot(monitorId);
    const changed = previous !== undefined && previous.fingerprint !== taken.fingerprint;
    await db.transaction('rw', db.monitors, db.snapshots, async () => {
      await db.snapshots.put({ ...taken, changed });
      const current = await db.monitors.get(monitorId);
      if (!current) return;
      await db.monitors.update(monitorId, {
        ...(current.checkJobId === job.id ? { checkJobId: undefined } : {}),
        lastCheckAt: at,
        lastError: taken.error,
        checks: current.checks + 1,
        ...(changed ? { lastChangeAt: at, changes: current.changes + 1 } : {}),
        ...(taken.title ? { title: taken.title } : {}),
      });
    });
    if (changed && monitor.notify && previous) {
      await deps
        .notify(`${CHANGE_NOTIFICATION}${monitorId}`, `Changed: ${taken.title || monitor.url}`, changeSummary(previous.text, taken.text))
        .catch((e: unknown) => deps.logger.warn(`Change notification for ${monitorId} failed`, e));
    }
  }

  /** Starts one check in a single transaction with the schedule step; false if it was not startable. */
  async function startCheck(monitorId: string, index: number, force: boolean): Promise<boolean> {
    const lengths = await deps.intervalMs();
    const now = deps.now();
    const started = await db.transaction('rw', db.monitors, db.jobs, async () => {
      const monitor = await db.monitors.get(monitorId);
      if (!monitor || monitor.checkJobId !== undefined) return false;
      if (!force && !isDue(monitor, now)) return false;
      const job: Job = {
        ...newJob({ provider: monitor.provider, input: { kind: 'urls', urls: [monitor.url] }, options: {}, groupId: `monitor:${monitor.id}` }, now, index, deps.newId()),
        monitorId: monitor.id,
        // Checks started together are spaced out, so a pass never fires them all at once.
        nextPollAt: staggeredStart(now, index),
      };
      await db.jobs.add(job);
      await db.monitors.update(monitor.id, { checkJobId: job.id, ...planAfterCheck(monitor, now, lengths(monitor.interval), deps.random) });
      return true;
    });
    return started;
  }

  async function scheduleAlarm(): Promise<void> {
    const next = await db.monitors.where('[state+nextCheckAt]').between(['active', Dexie.minKey], ['active', Dexie.maxKey]).first();
    await deps.setAlarm(next?.nextCheckAt);
  }

  /** Records finished checks, starts due ones (once each, however many slots were missed), re-arms the alarm. */
  async function tick(): Promise<void> {
    const monitors = await db.monitors.toArray();
    const inFlight = monitors.filter((m) => m.checkJobId !== undefined);
    const jobs = await db.jobs.bulkGet(inFlight.map((m) => m.checkJobId!));
    for (const [i, monitor] of inFlight.entries()) {
      const job = jobs[i];
      if (!job) await db.monitors.update(monitor.id, { checkJobId: undefined, lastError: 'The check job was deleted.' });
      else if (job.active === 0) await recordCheck(job);
    }
    const now = deps.now();
    const due = await db.monitors.where('[state+nextCheckAt]').between(['active', Dexie.minKey], ['active', now], true, true).toArray();
    let started = 0;
    for (const monitor of due) if (await startCheck(monitor.id, started, false)) started++;
    if (started) deps.kick();
    await scheduleAlarm();
  }

  return {
    tick,
    recordCheck,
    async create(spec: NewMonitorSpec): Promise<Monitor[]> {
      const urls = [...new Set(spec.urls)];
      if (urls.length === 0) throw new MonitorError('Nothing to monitor: no URL.');
      const lengths = await deps.intervalMs();
      const now = deps.now();
      const baseline = spec.baselineJobId ? await db.jobs.get(spec.baselineJobId) : undefined;
      const made: Monitor[] = [];
      for (const url of urls) {
        const existing = await db.monitors.where('url').equals(url).filter((m) => m.provider === spec.provider).first();
        if (existing) {
          await db.monitors.update(existing.id, { interval: spec.interval, notify: spec.notify, state: 'active', ...planInterval(now, lengths(spec.interval), deps.random) });
          made.push((await db.monitors.get(existing.id))!);
          continue;
        }
        const monitor: Monitor = {
          id: deps.newId(),
          url,
          provider: spec.provider,
          interval: spec.interval,
          notify: spec.notify,
          state: 'active',
          createdAt: now,
          checks: 0,
          changes: 0,
          ...planNew(now, lengths(spec.interval), deps.random, false),
        };
        const first = baseline?.status === 'done' ? await snapshotOf(monitor, baseline, baseline.finishedAt ?? now) : undefined;
        if (first) Object.assign(monitor, planNew(now, lengths(spec.interval), deps.random, true), { lastCheckAt: first.at, checks: 1, title: first.title });
        await db.transaction('rw', db.monitors, db.snapshots, async () => {
          await db.monitors.add(monitor);
          if (first) await db.snapshots.put({ ...first, id: `${monitor.id}:baseline`, changed: false });
        });
        made.push(monitor);
      }
      await tick();
      return made;
    },
    async act(id: string, action: MonitorAction): Promise<void> {
      const monitor = await db.monitors.get(id);
      if (!monitor) throw new MonitorError('This monitor no longer exists.');
      switch (action) {
        case 'pause':
          await db.monitors.update(id, { state: 'paused' });
          break;
        case 'resume':
          await db.monitors.update(id, { state: 'active', ...planResume(monitor, deps.now()) });
          break;
        case 'checkNow':
          if (monitor.checkJobId) throw new MonitorError('A check is already running.');
          if (await startCheck(id, 0, true)) deps.kick();
          break;
        case 'delete':
          await db.transaction('rw', db.monitors, db.snapshots, async () => {
            await db.monitors.delete(id);
            await db.snapshots.where('[monitorId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
          });
          break;
      }
      await tick();
    },
    async update(id: string, patch: { interval?: IntervalId; notify?: boolean }): Promise<void> {
      const monitor = await db.monitors.get(id);
      if (!monitor) throw new MonitorError('This monitor no longer exists.');
      const lengths = await deps.intervalMs();
      await db.monitors.update(id, {
        ...(patch.notify !== undefined ? { notify: patch.notify } : {}),
        ...(patch.interval && patch.interval !== monitor.interval ? { interval: patch.interval, ...planInterval(deps.now(), lengths(patch.interval), deps.random) } : {}),
      });
      await tick();
    },
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
