import type { JobInput, ProviderId } from '@@/shared/schemas/job';
import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import type { QueueResult } from '../messaging/protocol';
import type { ProviderDescriptor } from '../providers/descriptor';
import { descriptor as registered, PROVIDERS } from '../providers/registry';
import type { ProviderAdapter } from '../providers/types';
import { extractUrls, MAX_URLS_PER_ACTION } from '../urls/extract';
import { chunkUrls, jobId, newJob } from './build-jobs';

export interface QueueDeps {
  repo: JobsRepo;
  adapters: Record<ProviderId, ProviderAdapter>;
  now: () => number;
  newId: () => string;
  defaultProvider: () => Promise<ProviderId>;
  /** Called after jobs are stored so the scheduler picks them up now. */
  kick: () => void;
  /** Descriptors by id (the registry's; tests may pass their own). */
  descriptor?: (id: ProviderId) => ProviderDescriptor;
}

const NOUN: Record<JobInput['kind'], string> = { urls: 'URLs', prompt: 'prompts', discover: 'discovery keywords' };

/** Rows written per bulkAdd; keeps each IndexedDB transaction short while queuing 50,000 URLs. */
const WRITE_CHUNK = 5_000;

export class QueueError extends Error {
  override readonly name = 'QueueError';
}

/** Turns user input (pasted text, a link, a tab, a prompt) into stored queued jobs. */
export function createQueueService(deps: QueueDeps) {
  const descriptor = deps.descriptor ?? registered;
  /** The provider asked for, or the first that takes `kind` (the default when it does). */
  async function providerFor(kind: JobInput['kind'], asked: ProviderId | undefined): Promise<ProviderId> {
    if (asked) return asked;
    const fallback = await deps.defaultProvider();
    if (descriptor(fallback).capabilities.inputKinds.includes(kind)) return fallback;
    const taker = PROVIDERS.find((d) => d.capabilities.inputKinds.includes(kind));
    if (!taker) throw new QueueError(`No provider takes ${NOUN[kind]}.`);
    return taker.id;
  }

  async function store(
    provider: ProviderId,
    inputs: JobInput[],
    options: Record<string, unknown>,
    group?: string,
    retriedFrom?: string,
  ): Promise<string[]> {
    const adapter = deps.adapters[provider];
    for (const input of inputs) {
      if (!adapter.capabilities.inputKinds.includes(input.kind)) {
        throw new QueueError(`${adapter.label} does not take ${NOUN[input.kind]}.`);
      }
    }
    const now = deps.now();
    const groupId = group ?? deps.newId();
    const jobs: Job[] = inputs.map((input, seq) => newJob({ provider, input, options, groupId, retriedFrom }, now, seq, jobId(now, seq, deps.newId())));
    for (let i = 0; i < jobs.length; i += WRITE_CHUNK) await deps.repo.addJobs(jobs.slice(i, i + WRITE_CHUNK));
    deps.kick();
    return jobs.map((j) => j.id);
  }

  async function queueUrlList(
    urls: string[],
    providerId: ProviderId | undefined,
    options: Record<string, unknown>,
    tabId?: number,
    /** Adds the jobs to an existing group (a crawl's followed pages) instead of a new one. */
    groupId?: string,
  ): Promise<string[]> {
    if (urls.length > MAX_URLS_PER_ACTION) {
      throw new QueueError(`Too many URLs (${urls.length.toLocaleString('en-US')}); queue at most ${MAX_URLS_PER_ACTION.toLocaleString('en-US')} at a time.`);
    }
    const provider = providerId ?? (await deps.defaultProvider());
    return store(provider, urlInputs(provider, urls, tabId), options, groupId);
  }

  /** A live tab stays one job; a list becomes jobs of the provider's batch size (one URL each below its batchFrom). */
  function urlInputs(provider: ProviderId, urls: string[], tabId?: number): JobInput[] {
    if (tabId !== undefined) return [{ kind: 'urls', urls, tabId }];
    const { maxBatch, batchFrom = 0 } = deps.adapters[provider].capabilities;
    return chunkUrls(urls, urls.length >= batchFrom ? maxBatch : 1).map((chunk) => ({ kind: 'urls', urls: chunk }));
  }

  return {
    queueUrlList,
    /**
     * Failover: `input` queued again on `provider` with that provider's default options, URLs in its
     * batch size; every new job records `retriedFrom`.
     */
    async queueRetry(provider: ProviderId, input: JobInput, retriedFrom: string, groupId?: string): Promise<string[]> {
      const defaults = descriptor(provider).queueOptions.safeParse({});
      const options = defaults.success ? defaults.data : {};
      return store(provider, input.kind === 'urls' ? urlInputs(provider, input.urls) : [input], options, groupId, retriedFrom);
    },
    async queueText(text: string, provider: ProviderId | undefined, options: Record<string, unknown> = {}): Promise<QueueResult> {
      const extracted = extractUrls(text);
      if (extracted.urls.length === 0) {
        return { queued: 0, duplicates: extracted.duplicates, invalid: extracted.invalid, jobIds: [] };
      }
      const jobIds = await queueUrlList(extracted.urls, provider, options);
      return { queued: extracted.urls.length, duplicates: extracted.duplicates, invalid: extracted.invalid, jobIds };
    },
    async queuePrompt(
      prompt: string,
      targets: string[],
      options: Record<string, unknown> = {},
      asked?: ProviderId,
    ): Promise<QueueResult> {
      const provider = await providerFor('prompt', asked);
      const spec = descriptor(provider).prompt;
      if (!spec) throw new QueueError(`${deps.adapters[provider].label} does not take prompts.`);
      const trimmed = prompt.trim();
      if (!trimmed) throw new QueueError('Write a prompt first.');
      if (trimmed.length > spec.maxLength) {
        const max = spec.maxLength.toLocaleString('en-US');
        throw new QueueError(`The prompt is ${trimmed.length} characters; ${deps.adapters[provider].label} takes at most ${max}.`);
      }
      if (targets.length === 0) throw new QueueError(`Choose at least one of the ${spec.targetsLabel.toLowerCase()}.`);
      const unknown = targets.find((t) => !(t in spec.targets));
      if (unknown) throw new QueueError(`${deps.adapters[provider].label} cannot ask "${unknown}".`);
      const jobIds = await store(
        provider,
        [...new Set(targets)].map((scraper) => ({ kind: 'prompt', prompt: trimmed, scraper })),
        options,
      );
      return { queued: jobIds.length, duplicates: 0, invalid: [], jobIds };
    },
    async queueDiscovery(keyword: string, options: Record<string, unknown> = {}, asked?: ProviderId): Promise<QueueResult> {
      if (!keyword.trim()) throw new QueueError('Enter a keyword to discover.');
      const provider = await providerFor('discover', asked);
      const jobIds = await store(provider, [{ kind: 'discover', keyword: keyword.trim() }], options);
      return { queued: 1, duplicates: 0, invalid: [], jobIds };
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
