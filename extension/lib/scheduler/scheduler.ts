import type { ProviderId } from '@@/shared/schemas/job';
import type { Job } from '../db/schema';
import type { SchedulerDeps } from './deps';
import { mapLimit } from '../providers/kit/map-limit';
import { processJob } from './process-job';

export const WAKE_ALARM = 'scrape-queue-wake';
/**
 * Set before a pass works on jobs: if the worker is stopped mid-request, this alarm wakes it
 * to retry (30 s is Chrome's minimum alarm delay for packed extensions).
 */
export const WATCHDOG_MS = 30_000;
/** Jobs taken per pass; a pass repeats while more are due, up to MAX_ROUNDS. */
const BATCH = 200;
const MAX_ROUNDS = 50;

export interface WakeDeps {
  /** Durable wake-up (chrome.alarms); survives the worker being stopped. */
  setAlarm: (when: number | undefined) => Promise<void>;
  /** Optional in-memory timer for delays shorter than the alarm minimum while the worker is alive. */
  setTimer: (delayMs: number | undefined, run: () => void) => void;
}

/**
 * Drives all jobs. Holds no state that matters across restarts: which jobs are due and when
 * to wake next both come from IndexedDB. The in-flight set only stops one worker from
 * processing a job twice at the same time.
 */
export function createScheduler(deps: SchedulerDeps, wake: WakeDeps) {
  const inFlight = new Set<string>();
  let running: Promise<void> | undefined;
  let again = false;

  async function pass(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = (await deps.repo.dueJobs(deps.now(), BATCH)).filter((job) => !inFlight.has(job.id));
      if (due.length === 0) break;
      await wake.setAlarm(deps.now() + WATCHDOG_MS);
      const settings = await deps.settings();
      const byProvider = new Map<ProviderId, Job[]>();
      for (const job of due) byProvider.set(job.provider, [...(byProvider.get(job.provider) ?? []), job]);
      await Promise.all(
        [...byProvider].map(([provider, jobs]) => {
          const limit = settings.concurrency[provider] ?? deps.adapters[provider].pollPlan.concurrency;
          return mapLimit(jobs, limit, async (job) => {
            inFlight.add(job.id);
            try {
              // Re-read: the job may have been canceled or finished by a webhook since the query.
              const fresh = await deps.repo.get(job.id);
              if (fresh?.active === 1) await processJob(deps, fresh);
            } catch (e) {
              deps.logger.error(`Job ${job.id} step failed`, e);
            } finally {
              inFlight.delete(job.id);
            }
          });
        }),
      );
    }
    await scheduleWake();
  }

  async function scheduleWake(): Promise<void> {
    const next = await deps.repo.nextDueAt();
    await wake.setAlarm(next);
    wake.setTimer(next === undefined ? undefined : Math.max(0, next - deps.now()), () => {
      run().catch((e: unknown) => deps.logger.error('Scheduler pass failed', e));
    });
  }

  /** Runs due work; concurrent calls coalesce into one more pass. */
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return { run, scheduleWake };
}

export type Scheduler = ReturnType<typeof createScheduler>;
