/**
 * The archive's worker services: search index, monitors, restore and retention, built once per
 * worker start like the rest of lib/background/services.ts. Nothing here must survive a restart.
 * @module
 */
import { browser } from 'wxt/browser';
import type { Job, ScrapeQueueDB } from '../db/schema';
import { createMonitorService } from '../monitors/monitor-service';
import { createRecipeRows } from '../monitors/recipe-rows';
import { createRowsFor } from '../monitors/rows';
import { INTERVAL_MS, type IntervalMs } from '../monitors/schedule';
import type { Logger } from '../providers/types';
import { createSearchService } from '../search/search-service';
import { loadArchivePrefs } from './prefs';
import { restoreLines } from './restore';
import { applyRetention, planRetention } from './retention';

export const MONITOR_ALARM = 'scrape-queue-monitors';
/** Retention runs at most this often on its own (and at once when the user applies it). */
const RETENTION_EVERY_MS = 60 * 60_000;

export interface ArchiveDeps {
  db: ScrapeQueueDB;
  now: () => number;
  random: () => number;
  newId: () => string;
  logger: Logger;
  notify: (id: string, title: string, message: string) => Promise<void>;
  /** Runs the job scheduler (check jobs, restored jobs). */
  kick: () => void;
}

/** The interval lengths; e2e builds honour a test-only preference that shortens the shortest one. */
async function intervalLengths(): Promise<IntervalMs> {
  const testMs = import.meta.env.MODE === 'e2e' ? (await loadArchivePrefs()).testShortestIntervalMs : undefined;
  return (interval) => (interval === '15m' && testMs ? testMs : INTERVAL_MS[interval]);
}

export function createArchiveServices(deps: ArchiveDeps) {
  const { db } = deps;
  const search = createSearchService({ db, now: deps.now, logger: deps.logger });
  // Recipes are issue 8's table; until it exists no recipe applies and rows come from structured data.
  const recipeRows = createRecipeRows(async () => (db.tables.some((t) => t.name === 'recipes') ? db.table('recipes').toArray() : []));
  const monitors = createMonitorService({
    db,
    now: deps.now,
    random: deps.random,
    newId: deps.newId,
    logger: deps.logger,
    intervalMs: intervalLengths,
    rowsFor: createRowsFor(recipeRows),
    notify: deps.notify,
    kick: deps.kick,
    async setAlarm(when) {
      if (when === undefined) await browser.alarms.clear(MONITOR_ALARM);
      else await browser.alarms.create(MONITOR_ALARM, { when: Math.max(when, Date.now() + 1_000) });
    },
  });

  let retentionAt = 0;
  async function retention(force: boolean): Promise<{ jobs: number; snapshots: number }> {
    if (!force && deps.now() - retentionAt < RETENTION_EVERY_MS) return { jobs: 0, snapshots: 0 };
    retentionAt = deps.now();
    const plan = await planRetention(db, await loadArchivePrefs(), deps.now());
    if (plan.jobIds.length || plan.snapshotIds.length) {
      await applyRetention(db, plan);
      await search.refresh();
    }
    return { jobs: plan.jobIds.length, snapshots: plan.snapshotIds.length };
  }

  return {
    search,
    monitors,
    /** After any job settles: index its result; a monitor's check becomes a snapshot. */
    async onJobSettled(job: Job): Promise<void> {
      await search.onJobSettled(job).catch((e: unknown) => deps.logger.warn(`Indexing ${job.id} failed`, e));
      if (job.monitorId) await monitors.recordCheck(job);
    },
    /** Part of every wake: due monitor checks, then (hourly) retention. */
    async tick(): Promise<void> {
      await monitors.tick();
      await retention(false);
    },
    applyRetention: () => retention(true),
    restoreBatch: (lines: string[], firstLine: number) =>
      restoreLines(
        {
          db,
          readStorage: async (key) => (await browser.storage.local.get(key))[key],
          writeStorage: (key, value) => browser.storage.local.set({ [key]: value }),
        },
        lines,
        firstLine,
      ),
    /** Restored results become searchable and restored monitors scheduled; restored queued jobs run. */
    async restoreFinished(): Promise<void> {
      await search.refresh();
      await monitors.tick();
      deps.kick();
    },
  };
}

export type ArchiveServices = ReturnType<typeof createArchiveServices>;
