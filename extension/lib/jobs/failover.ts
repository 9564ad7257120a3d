/**
 * Failover: a failed or expired job queued again on another provider. What to send (only the URLs
 * that failed), where it may go (the other configured providers that take its input kind) and the
 * links both ways (`retriedFrom` on the new job, `retriedOn` on the original).
 * @module
 */
import type { JobInput, JobStatus, ProviderId, ScrapeRecord } from '@@/shared/schemas/job';
import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import type { ProviderDescriptor } from '../providers/descriptor';
import { PROVIDERS } from '../providers/registry';
import type { QueueResult } from '../messaging/protocol';

export const FAILOVER_STATUSES: readonly JobStatus[] = ['failed', 'expired'];
export const canFailOver = (job: Pick<Job, 'status'>): boolean => FAILOVER_STATUSES.includes(job.status);

export interface FailoverTarget {
  id: ProviderId;
  label: string;
}

export class FailoverError extends Error {
  override readonly name = 'FailoverError';
}

/**
 * The providers `job` may be retried on: every other one that takes its input kind and can run
 * (needs no key, or has one).
 */
export function failoverTargets(
  job: Pick<Job, 'provider' | 'input'>,
  hasKey: (id: ProviderId) => boolean,
  providers: readonly ProviderDescriptor[] = PROVIDERS,
): FailoverTarget[] {
  return providers
    .filter((d) => d.id !== job.provider && d.capabilities.inputKinds.includes(job.input.kind) && (!d.needsKey || hasKey(d.id)))
    .map((d) => ({ id: d.id, label: d.label }));
}

/**
 * What to send again. A URL job: its URLs without a record or whose record has an error (all of them
 * when nothing was stored); a live-tab capture becomes a plain fetch. Prompt and discovery jobs as they were.
 * Undefined when nothing failed.
 */
export function failedInput(job: Pick<Job, 'input'>, records: readonly ScrapeRecord[] | undefined): JobInput | undefined {
  if (job.input.kind !== 'urls') return job.input;
  const ok = new Set((records ?? []).filter((r) => !r.error).map((r) => r.url));
  const urls = job.input.urls.filter((url) => !ok.has(url));
  return urls.length ? { kind: 'urls', urls } : undefined;
}

export interface FailoverDeps {
  repo: Pick<JobsRepo, 'get' | 'getResult' | 'update' | 'groupJobs'>;
  queue: { queueRetry: (provider: ProviderId, input: JobInput, retriedFrom: string, groupId?: string) => Promise<string[]> };
  hasKey: () => Promise<(id: ProviderId) => boolean>;
  now: () => number;
  newId: () => string;
  providers?: readonly ProviderDescriptor[];
}

const countUrls = (input: JobInput): number => (input.kind === 'urls' ? input.urls.length : 1);

/** The background's failover actions. */
export function createFailover(deps: FailoverDeps) {
  async function load(id: string): Promise<Job> {
    const job = await deps.repo.get(id);
    if (!job) throw new FailoverError(`Job ${id} no longer exists.`);
    return job;
  }

  type HasKey = (id: ProviderId) => boolean;
  const targetsOf = (job: Job, hasKey: HasKey) => (canFailOver(job) ? failoverTargets(job, hasKey, deps.providers) : []);

  /** Queues what `job` failed on `provider`; 0 queued when nothing failed. */
  async function retry(job: Job, provider: ProviderId, groupId: string): Promise<{ queued: number; jobIds: string[] }> {
    const input = failedInput(job, (await deps.repo.getResult(job.id))?.records);
    if (!input) return { queued: 0, jobIds: [] };
    const jobIds = await deps.queue.queueRetry(provider, input, job.id, groupId);
    const links = jobIds.map((jobId) => ({ jobId, provider, at: deps.now() }));
    await deps.repo.update(job.id, { retriedOn: [...(job.retriedOn ?? []), ...links] });
    return { queued: countUrls(input), jobIds };
  }

  const offered = (job: Job, provider: ProviderId, hasKey: HasKey): boolean => targetsOf(job, hasKey).some((t) => t.id === provider);

  return {
    targets: async (id: string): Promise<FailoverTarget[]> => targetsOf(await load(id), await deps.hasKey()),
    async retryOn(id: string, provider: ProviderId): Promise<QueueResult> {
      const job = await load(id);
      if (!canFailOver(job)) throw new FailoverError('Only a failed or expired job can be retried on another provider.');
      if (!offered(job, provider, await deps.hasKey())) throw new FailoverError('That provider cannot take this job (not configured, or another input kind).');
      const { queued, jobIds } = await retry(job, provider, deps.newId());
      return { queued, duplicates: 0, invalid: [], jobIds };
    },
    /** The providers offered for any failed or expired job of the group. */
    async groupTargets(groupId: string): Promise<FailoverTarget[]> {
      const byId = new Map<ProviderId, FailoverTarget>();
      const hasKey = await deps.hasKey();
      for (const job of await deps.repo.groupJobs(groupId)) for (const t of targetsOf(job, hasKey)) byId.set(t.id, t);
      const order = (deps.providers ?? PROVIDERS).map((d) => d.id);
      return [...byId.values()].toSorted((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    },
    /** Every failed or expired job of the group that `provider` takes, into one new group. */
    async retryGroupOn(groupId: string, provider: ProviderId): Promise<QueueResult> {
      const newGroup = deps.newId();
      const result: QueueResult = { queued: 0, duplicates: 0, invalid: [], jobIds: [] };
      const hasKey = await deps.hasKey();
      for (const job of await deps.repo.groupJobs(groupId)) {
        if (!offered(job, provider, hasKey)) continue;
        const { queued, jobIds } = await retry(job, provider, newGroup);
        result.queued += queued;
        result.jobIds.push(...jobIds);
      }
      if (result.jobIds.length === 0) throw new FailoverError('No failed or expired job of this group can go to that provider.');
      return result;
    },
  };
}

export type Failover = ReturnType<typeof createFailover>;
