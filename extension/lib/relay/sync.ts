import type { RelayEvent } from '@@/shared/relay-protocol';
import { ProviderId } from '@@/shared/schemas/job';
import { newStepBatch } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import type { WebhookUpdate } from '../providers/types';
import type { SchedulerDeps } from '../scheduler/deps';
import { applyUpdate } from '../scheduler/apply-update';
import { decodeEvent } from './decode-event';
import { WEBHOOK_TOKEN_PARAM, webhookTokenMatches } from './webhook-token';

/** An event read and understood by its provider's adapter, not yet applied. */
interface ReadEvent {
  event: RelayEvent;
  seenKey: string;
  adapterId: ProviderId;
  tagged: string | null;
  /** The webhook URL's `t=`: the tagged job's token, when the URL is really that job's. */
  token: string | null;
  updates: WebhookUpdate[];
}

/** Why an event was skipped: it has no provider tag, or its adapter cannot read the payload. */
export interface RejectedEvent {
  cursor: number;
  id?: string;
  reason: string;
}

export interface BatchOutcome {
  /** Jobs changed. */
  changed: number;
  rejected: RejectedEvent[];
  /** Jobs the batch finished, for {@link runSettledHooks} (not run yet). */
  settled: Job[];
}

/**
 * Matches one relay event to jobs and applies it. The webhook URL carries `p=<provider>&j=<job id>&t=<token>`,
 * so the provider is known; jobs are found by provider job id, or else by the tagged job id, but only
 * when `t` is that job's token: anyone holding the channel's webhook URL could otherwise feed any job
 * whose id they know.
 * Returns how many jobs it changed (0 for duplicates, unknown jobs, and payloads no adapter understands).
 */
export async function applyRelayEvent(deps: SchedulerDeps, channelId: string, event: RelayEvent): Promise<number> {
  const read = await readEvent(deps, channelId, event);
  if ('reason' in read) {
    // Marked seen all the same: it will never read better.
    await deps.repo.markEventSeen(seenKeyOf(channelId, event), deps.now());
    return 0;
  }
  return applyRead(deps, read);
}

/**
 * Applies events received together (in cursor order) with one IndexedDB transaction per run of
 * events instead of several per event: at 1,000 webhooks/s the per-event transactions, not the
 * relay, set how late a job was seen done. Events are decoded and parsed first (WebCrypto and
 * gunzip cannot run inside an IndexedDB transaction); one that cannot be read is skipped and
 * reported, the others are applied. An event whose "done" carries no records needs a result
 * download, so it is applied on its own, in order. After-settle hooks (notifications, badge,
 * indexing) do not run here: the caller runs them for `settled` once it is ready to (the link does
 * so without holding back the next batch).
 */
export async function applyRelayEvents(deps: SchedulerDeps, channelId: string, events: readonly RelayEvent[]): Promise<BatchOutcome> {
  const rejected: RejectedEvent[] = [];
  const read: ReadEvent[] = [];
  // Decoded together (gunzip and base64 are async), kept in cursor order.
  const decoded = await Promise.all(events.map((event) => readEvent(deps, channelId, event)));
  decoded.forEach((r, i) => {
    const event = events[i]!;
    if ('reason' in r) rejected.push({ cursor: event.cursor, ...(event.id && { id: event.id }), reason: r.reason });
    else read.push(r);
  });

  const settled: Job[] = [];
  const collectSettled: SchedulerDeps = { ...deps, onJobSettled: async (job) => void settled.push(job) };
  let changed = 0;
  let run: ReadEvent[] = [];
  const flushRun = async () => {
    if (run.length === 0) return;
    const batch = run;
    run = [];
    changed += await deps.repo.inTransaction(() => applyRun(collectSettled, batch));
  };
  for (const r of read) {
    if (!needsDownload(r)) {
      run.push(r);
      continue;
    }
    await flushRun();
    changed += await applyRead(collectSettled, r);
  }
  await flushRun();
  // Still marked seen, so a redelivery does not report them again.
  if (rejected.length > 0) {
    await deps.repo.inTransaction(async () => {
      for (const r of rejected) await deps.repo.markEventSeen(seenKeyOf(channelId, r), deps.now());
    });
  }
  return { changed, rejected, settled };
}

/** The after-settle hooks of jobs a batch finished, one job at a time. */
export async function runSettledHooks(deps: SchedulerDeps, jobs: readonly Job[]): Promise<void> {
  for (const job of jobs) {
    try {
      await deps.onJobSettled(job);
    } catch (e) {
      // As in settleJob: a notification or badge failure never changes the recorded outcome.
      deps.logger.warn(`After-settle hook failed for ${job.id}`, e);
    }
  }
}

// The relay's stable event id when it gives one (the same on every redelivery, from any instance).
const seenKeyOf = (channelId: string, event: Pick<RelayEvent, 'id' | 'cursor'>) =>
  event.id ? `${channelId}:id:${event.id}` : `${channelId}:${event.cursor}`;

const needsDownload = (r: ReadEvent) => r.updates.some((u) => u.state === 'done' && !u.records);

async function readEvent(deps: SchedulerDeps, channelId: string, event: RelayEvent): Promise<ReadEvent | { reason: string }> {
  const params = new URLSearchParams(event.query);
  const provider = ProviderId.safeParse(params.get('p'));
  if (!provider.success) {
    deps.logger.warn(`Relay event ${event.cursor} has no provider tag; ignored`);
    return { reason: 'no provider tag (p=) in the webhook URL' };
  }
  const adapter = deps.adapters[provider.data];
  if (!adapter.parseWebhook) return { reason: `${adapter.id} does not send webhooks` };
  try {
    const updates = adapter.parseWebhook(await decodeEvent(event));
    return { event, seenKey: seenKeyOf(channelId, event), adapterId: adapter.id, tagged: params.get('j'), token: params.get(WEBHOOK_TOKEN_PARAM), updates };
  } catch (e) {
    deps.logger.warn(`Relay event ${event.cursor} for ${adapter.id} could not be read`, e);
    return { reason: `${adapter.id} could not read the payload: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * A run of events inside one transaction. Each IndexedDB request is a round trip to the browser
 * process, so the seen checks and seen marks are one request each for the whole run, the job
 * lookups are issued together, and the job rows, results, counters and cost ledger are written once
 * for the run (a StepBatch). A job written earlier in the run is taken from the batch.
 */
async function applyRun(deps: SchedulerDeps, run: readonly ReadEvent[]): Promise<number> {
  const seen = await deps.repo.seenAmong(run.map((r) => r.seenKey));
  // Issued together (one request each, answered together); anyOf on the multi-entry index made Dexie
  // see the transaction commit early.
  const ids = [...new Set(run.flatMap((r) => r.updates.map((u) => u.providerJobId)))];
  const found = [...new Map((await Promise.all(ids.map((id) => deps.repo.findByProviderJobId(id)))).flat().map((j) => [j.id, j])).values()];
  const byProviderId = new Map<string, Job[]>();
  for (const job of found) for (const id of job.providerJobIds ?? []) byProviderId.set(id, [...(byProviderId.get(id) ?? []), job]);
  // The steps' writes are kept in `batch` and written together after the run (see StepBatch); each
  // step starts from the row read here, or the one an earlier step of the run wrote.
  const batch = newStepBatch();
  const stored = new Map(found.map((j) => [j.id, j]));
  const rowOf = (job: Job) => batch.jobs.get(job.id) ?? stored.get(job.id) ?? job;
  const batched: SchedulerDeps = {
    ...deps,
    repo: {
      ...deps.repo,
      advance: (job, patch, records, at, opts) => deps.repo.advance(job, patch, records, at, { ...opts, batch, stored: stored.get(job.id) }),
      mergeRecords: (jobId, records, at) => deps.repo.mergeRecords(jobId, records, at, batch),
    },
  };
  const marks: string[] = [];
  let changed = 0;
  for (const r of run) {
    if (seen.has(r.seenKey)) continue;
    seen.add(r.seenKey);
    for (const update of r.updates) {
      const byId = byProviderId.get(update.providerJobId) ?? [];
      const tagged = r.tagged && byId.length === 0 ? trustedTag(deps, r, batch.jobs.get(r.tagged) ?? (await deps.repo.get(r.tagged))) : undefined;
      for (const candidate of [...byId, ...(tagged ? [tagged] : [])]) {
        const job = rowOf(candidate);
        if (job.provider !== r.adapterId || job.active !== 1) continue;
        await applyUpdate(batched, job, update);
        changed++;
      }
    }
    marks.push(r.seenKey);
  }
  await deps.repo.flushSteps(batch);
  await deps.repo.markEventsSeen(marks, deps.now());
  return changed;
}

/**
 * The job the URL is tagged with, kept only when the event carries that job's token. Synchronous on
 * purpose: the caller awaits the Dexie read itself, because one more async layer between the
 * transaction and its read made the batch's transaction commit early (PrematureCommitError, seen in sync.test).
 */
function trustedTag(deps: SchedulerDeps, r: ReadEvent, job: Job | undefined): Job | undefined {
  if (!job) return undefined;
  if (webhookTokenMatches(job.webhookToken, r.token)) return job;
  deps.logger.warn(`Relay event ${r.event.cursor} is tagged with job ${job.id} without its token; ignored for that job`);
  return undefined;
}

async function applyRead(deps: SchedulerDeps, r: ReadEvent): Promise<number> {
  if (await deps.repo.wasEventSeen(r.seenKey)) return 0;
  let changed = 0;
  for (const update of r.updates) {
    const byProviderId = await deps.repo.findByProviderJobId(update.providerJobId);
    const tagged = r.tagged && byProviderId.length === 0 ? trustedTag(deps, r, await deps.repo.get(r.tagged)) : undefined;
    const jobs: Job[] = [...byProviderId, ...(tagged ? [tagged] : [])];
    for (const job of jobs) {
      if (job.provider !== r.adapterId || job.active !== 1) continue;
      await applyUpdate(deps, job, update);
      changed++;
    }
  }
  // Marked only after applying, so an event interrupted half-way is applied again, not lost.
  await deps.repo.markEventSeen(r.seenKey, deps.now());
  return changed;
}
