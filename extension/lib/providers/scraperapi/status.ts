/**
 * Polling ScraperAPI: one `GET {statusUrl}` per unfinished URL. The status URL is a "personal URL"
 * that needs no key (§2 Status & results) and may sit on another host, so the key is never sent
 * there. Finished answers carry the page, so each record is kept in the ref at once and the job is
 * done, with every record, when no URL is left running.
 */
import { ProviderError } from '../errors';
import { parseJson, send } from '../kit/http';
import { readRef as readStoredRef } from '../kit/read';
import type { RateLimitBackoff } from '../kit/backoff';
import type { CallContext, JobView, ProviderDeps, StatusResult } from '../types';
import { scraperApiError } from './messages';
import { ScraperApiRef, type Task } from './ref';
import { JobAnswer } from './schemas';
import { outcomeOf } from './task';

/** Status URLs fetched per status() call, and in parallel; big batches are walked round-robin. */
export const STATUS_PER_CALL = 200;
const PARALLEL = 8;

export const readRef = (job: JobView): ScraperApiRef => readStoredRef(ScraperApiRef, job.ref, 'ScraperAPI');

/** Unfinished task indexes, starting at the cursor and wrapping around. */
function pickPending(ref: ScraperApiRef): number[] {
  const pending = ref.tasks.map((t, i) => (t.state === 'running' ? i : -1)).filter((i) => i >= 0);
  const start = pending.findIndex((i) => i >= ref.cursor);
  const rotated = start <= 0 ? pending : [...pending.slice(start), ...pending.slice(0, start)];
  return rotated.slice(0, STATUS_PER_CALL);
}

export function summarize(ref: ScraperApiRef): StatusResult {
  const { tasks } = ref;
  const finished = tasks.filter((t) => t.state !== 'running');
  const progress = { done: finished.length, total: tasks.length };
  const costs = tasks.map((t) => t.cost).filter((c): c is number => c !== undefined);
  const cost = costs.length ? String(costs.reduce((a, b) => a + b, 0)) : undefined;
  const base = { ref, progress, ...(cost ? { cost } : {}) };
  if (finished.length < tasks.length) return { ...base, state: 'running' };
  if (tasks.every((t) => t.state === 'canceled')) return { ...base, state: 'canceled' };
  if (tasks.every((t) => t.state === 'failed')) {
    const first = tasks[0]?.error ?? 'ScraperAPI job failed';
    const error = tasks.length === 1 ? first : `All ${tasks.length} ScraperAPI jobs failed, e.g. ${first}`;
    return { ...base, state: 'failed', error };
  }
  const records = tasks.map((t) => t.record ?? { url: t.url, error: t.error ?? `ScraperAPI job ${t.state}` });
  return { ...base, state: 'done', records };
}

/**
 * Whether a status URL the provider named may be fetched: https anywhere, or the configured
 * origin (a loopback fake, a proxy the user chose). Plain http elsewhere would let anyone on the
 * path read and rewrite the scraped page.
 */
export function statusUrlAllowed(statusUrl: string, baseUrl: string): boolean {
  try {
    const url = new URL(statusUrl);
    return url.protocol === 'https:' || url.origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

export const statusUrlRefused = (statusUrl: string): string =>
  `ScraperAPI named a status URL that is neither https nor on its configured host (${statusUrl}); it was not fetched`;

export async function pollScraperApi(deps: ProviderDeps, backoff: RateLimitBackoff, job: JobView, ctx: CallContext): Promise<StatusResult> {
  const ref = readRef(job);
  const tasks: Task[] = [...ref.tasks];
  const picked = pickPending(ref);
  let learned = 0;
  let firstError: ProviderError | undefined;

  for (let i = 0; i < picked.length; i += PARALLEL) {
    // Stop at the first failure (429, 5xx …): hammering on would only earn more of them.
    if (firstError) break;
    await Promise.all(
      picked.slice(i, i + PARALLEL).map(async (index) => {
        const task = tasks[index]!;
        if (!statusUrlAllowed(task.statusUrl, ctx.config.baseUrl)) {
          tasks[index] = { ...task, state: 'failed', error: statusUrlRefused(task.statusUrl) };
          learned += 1;
          return;
        }
        try {
          // No keyedFor: no key goes to the status URL, whatever host it names.
          const res = await send(deps, { url: task.statusUrl });
          if (res.status === 404 && tasks.length > 1) {
            // One URL of a batch is gone (retention passed): fail that URL, keep the others.
            tasks[index] = { ...task, state: 'failed', error: 'ScraperAPI no longer has this job (results are kept 24–72 h)' };
            learned += 1;
            return;
          }
          if (res.status !== 200) throw scraperApiError(deps, res, 'status', backoff);
          const answer = parseJson(res, JobAnswer, 'ScraperAPI status URL');
          const outcome = outcomeOf(answer, ref.format);
          if (outcome.state === 'running' && answer.status !== 'running') {
            deps.logger.warn(`ScraperAPI job ${task.id}: unknown status "${answer.status}", treated as running`);
          }
          tasks[index] = { ...task, state: outcome.state, record: outcome.record, cost: outcome.cost, error: outcome.error };
          learned += 1;
        } catch (e) {
          if (!(e instanceof ProviderError)) throw e;
          firstError ??= e;
        }
      }),
    );
  }
  if (firstError && learned === 0) throw firstError;
  if (firstError) deps.logger.warn(`ScraperAPI status: ${firstError.message}; keeping what ${learned} answers told`);
  else backoff.reset();
  const last = picked.at(-1);
  return summarize({ ...ref, tasks, cursor: last === undefined ? 0 : (last + 1) % tasks.length });
}
