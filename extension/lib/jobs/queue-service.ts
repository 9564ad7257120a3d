import type { JobInput, ProviderId, ScrapeLlmScraper } from '@@/shared/schemas/job';
import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import type { QueueResult } from '../messaging/protocol';
import type { ProviderAdapter } from '../providers/types';
import { extractUrls, MAX_URLS_PER_ACTION } from '../urls/extract';
import { chunkUrls, newJob } from './build-jobs';

export interface QueueDeps {
  repo: JobsRepo;
  adapters: Record<ProviderId, ProviderAdapter>;
  now: () => number;
  newId: () => string;
  defaultProvider: () => Promise<ProviderId>;
  /** Called after jobs are stored so the scheduler picks them up now. */
  kick: () => void;
}

/** Rows written per bulkAdd; keeps each IndexedDB transaction short while queuing 50,000 URLs. */
const WRITE_CHUNK = 5_000;

export class QueueError extends Error {
  override readonly name = 'QueueError';
}

/** Turns user input (pasted text, a link, a tab, a prompt) into stored queued jobs. */
export function createQueueService(deps: QueueDeps) {
  async function store(provider: ProviderId, inputs: JobInput[], options: Record<string, unknown>, group?: string): Promise<string[]> {
    const adapter = deps.adapters[provider];
    for (const input of inputs) {
      if (!adapter.capabilities.inputKinds.includes(input.kind)) {
        throw new QueueError(`${adapter.label} does not take ${input.kind === 'prompt' ? 'prompts' : input.kind === 'discover' ? 'discovery keywords' : 'URLs'}.`);
      }
    }
    const now = deps.now();
    const groupId = group ?? deps.newId();
    const jobs: Job[] = inputs.map((input, seq) => newJob({ provider, input, options, groupId }, now, seq, deps.newId()));
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
    const chunks = tabId !== undefined ? [urls] : chunkUrls(urls, deps.adapters[provider].capabilities.maxBatch);
    return store(
      provider,
      chunks.map((chunk): JobInput => ({ kind: 'urls', urls: chunk, ...(tabId !== undefined ? { tabId } : {}) })),
      options,
      groupId,
    );
  }

  return {
    queueUrlList,
    async queueText(text: string, provider: ProviderId | undefined, options: Record<string, unknown> = {}): Promise<QueueResult> {
      const extracted = extractUrls(text);
      if (extracted.urls.length === 0) {
        return { queued: 0, duplicates: extracted.duplicates, invalid: extracted.invalid, jobIds: [] };
      }
      const jobIds = await queueUrlList(extracted.urls, provider, options);
      return { queued: extracted.urls.length, duplicates: extracted.duplicates, invalid: extracted.invalid, jobIds };
    },
    async queuePrompt(prompt: string, scrapers: ScrapeLlmScraper[], options: Record<string, unknown> = {}): Promise<QueueResult> {
      const trimmed = prompt.trim();
      if (!trimmed) throw new QueueError('Write a prompt first.');
      if (trimmed.length > 4000) throw new QueueError(`The prompt is ${trimmed.length} characters; ScrapeLLM takes at most 4,000.`);
      if (scrapers.length === 0) throw new QueueError('Choose at least one scraper.');
      const jobIds = await store(
        'scrapellm',
        [...new Set(scrapers)].map((scraper) => ({ kind: 'prompt', prompt: trimmed, scraper })),
        options,
      );
      return { queued: jobIds.length, duplicates: 0, invalid: [], jobIds };
    },
    async queueDiscovery(keyword: string, options: Record<string, unknown> = {}): Promise<QueueResult> {
      if (!keyword.trim()) throw new QueueError('Enter a keyword to discover.');
      const jobIds = await store('brightdata', [{ kind: 'discover', keyword: keyword.trim() }], options);
      return { queued: 1, duplicates: 0, invalid: [], jobIds };
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
