import type { JobInput, ProviderId } from '@@/shared/schemas/job';
import type { Job } from '../db/schema';
import { newWebhookToken } from '../relay/webhook-token';

/** Only the first URLs of a batch go into the searchable label, to keep rows small. */
const SEARCH_URLS = 20;

export interface NewJobSpec {
  provider: ProviderId;
  input: JobInput;
  options: Record<string, unknown>;
  groupId: string;
  /** Set on a failover job: the job it retries. */
  retriedFrom?: string;
}

export function describeInput(input: JobInput): string {
  switch (input.kind) {
    case 'urls':
      return input.urls.length === 1 ? (input.urls[0] ?? '') : `${input.urls.length} URLs: ${input.urls[0] ?? ''}`;
    case 'prompt':
      return input.prompt;
    case 'discover':
      return `Discover: ${input.keyword}`;
  }
}

function searchText(input: JobInput): string {
  const parts =
    input.kind === 'urls'
      ? input.urls.slice(0, SEARCH_URLS)
      : input.kind === 'prompt'
        ? [input.prompt, input.scraper]
        : [input.keyword];
  return parts.join(' ').toLowerCase();
}

export const CREATED_AT_STEP_MS = 0.001;

/**
 * A job id that sorts by creation time (base-36 ms, then the position in the paste), then a unique part.
 * Jobs queued together are neighbours in the primary key, so deleting old finished jobs takes a few
 * key-range deletes instead of one request per job, and key-order exports come out oldest first.
 */
export function jobId(now: number, seq: number, unique: string): string {
  const time = Math.max(0, Math.floor(now)).toString(36).padStart(9, '0');
  return `${time}-${seq.toString(36).padStart(4, '0')}-${unique}`;
}

/**
 * A new queued job row, due at once. `seq` orders jobs created in the same millisecond. The webhook
 * token is made here, once, so it is stored before any webhook URL carrying it is handed out.
 */
export function newJob(spec: NewJobSpec, now: number, seq: number, id: string, webhookToken = newWebhookToken()): Job {
  return {
    id,
    provider: spec.provider,
    input: spec.input,
    label: describeInput(spec.input),
    search: searchText(spec.input),
    options: spec.options,
    status: 'queued',
    active: 1,
    providerJobIds: [],
    // Microsecond steps keep the paste order when thousands of jobs share one millisecond. (Near 1.7e12 a
    // double resolves ~0.00024 ms, so smaller steps would collapse into ties.)
    createdAt: now + seq * CREATED_AT_STEP_MS,
    updatedAt: now,
    nextPollAt: now,
    polls: 0,
    attempts: 0,
    groupId: spec.groupId,
    webhookToken,
    ...(spec.retriedFrom === undefined ? {} : { retriedFrom: spec.retriedFrom }),
  };
}

/** Splits a URL list into provider-sized batches (one job per URL for providers with maxBatch 1). */
export function chunkUrls(urls: readonly string[], maxBatch: number): string[][] {
  const size = Math.max(1, maxBatch);
  const chunks: string[][] = [];
  for (let i = 0; i < urls.length; i += size) chunks.push(urls.slice(i, i + size));
  return chunks;
}
