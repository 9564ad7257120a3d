import type { RelayEvent } from '@@/shared/relay-protocol';
import { ProviderId } from '@@/shared/schemas/job';
import type { Job } from '../db/schema';
import type { SchedulerDeps } from '../scheduler/deps';
import { applyUpdate } from '../scheduler/apply-update';
import { decodeEvent } from './decode-event';

/**
 * Matches one relay event to jobs and applies it. The webhook URL carries `p=<provider>&j=<job id>`,
 * so the provider is known; jobs are found by provider job id, or by the tagged job id.
 * Returns how many jobs it changed (0 for duplicates, unknown jobs, and payloads no adapter understands).
 */
export async function applyRelayEvent(deps: SchedulerDeps, channelId: string, event: RelayEvent): Promise<number> {
  // The relay's stable event id when it gives one (the same on every redelivery, from any instance).
  const seenKey = event.id ? `${channelId}:id:${event.id}` : `${channelId}:${event.cursor}`;
  if (await deps.repo.wasEventSeen(seenKey)) return 0;
  // Marked only after applying, so an event interrupted half-way is applied again, not lost.
  const changed = await applyDecoded(deps, event);
  await deps.repo.markEventSeen(seenKey, deps.now());
  return changed;
}

async function applyDecoded(deps: SchedulerDeps, event: RelayEvent): Promise<number> {
  const params = new URLSearchParams(event.query);
  const provider = ProviderId.safeParse(params.get('p'));
  if (!provider.success) {
    deps.logger.warn(`Relay event ${event.cursor} has no provider tag; ignored`);
    return 0;
  }
  const adapter = deps.adapters[provider.data];
  if (!adapter.parseWebhook) return 0;
  let updates;
  try {
    updates = adapter.parseWebhook(await decodeEvent(event));
  } catch (e) {
    deps.logger.warn(`Relay event ${event.cursor} for ${adapter.id} could not be read`, e);
    return 0;
  }
  let changed = 0;
  const tagged = params.get('j');
  for (const update of updates) {
    const byProviderId = await deps.repo.findByProviderJobId(update.providerJobId);
    const taggedJob = tagged && byProviderId.length === 0 ? await deps.repo.get(tagged) : undefined;
    const jobs: Job[] = [...byProviderId, ...(taggedJob ? [taggedJob] : [])];
    for (const job of jobs) {
      if (job.provider !== adapter.id || job.active !== 1) continue;
      await applyUpdate(deps, job, update);
      changed++;
    }
  }
  return changed;
}
