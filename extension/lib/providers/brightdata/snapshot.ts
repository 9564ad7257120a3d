/**
 * Following a Bright Data snapshot: progress, download, cancel (provider-apis.md §1 Status, Results,
 * Cancel). A 404 on an id we were given means the snapshot is gone: retention is 30 days (§1 Results).
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError, parseRetryAfter } from '../errors';
import { parseJson, type HttpResponse } from '../kit/http';
import { statusWord } from '../kit/fields';
import { readRef } from '../kit/read';
import type { JobView, ProviderConfig, ProviderDeps, RemoteState, StatusResult } from '../types';
import type { BrightDataClient } from './client';
import { brightDataError, brightDataMessage } from './messages';
import { recordsFromText } from './records';
import { BrightDataRef } from './ref';
import { NotReadyAnswer, ProgressAnswer } from './schemas';

/** "Snapshot is not ready yet, try again in 10s" (§1 Results). */
export const NOT_READY_RETRY_MS = 10_000;

export const refOf = (job: JobView): BrightDataRef => readRef(BrightDataRef, job.ref, 'Bright Data');

const STATES: Record<string, RemoteState> = {
  starting: 'running',
  running: 'running',
  collecting: 'running',
  digesting: 'running',
  building: 'running',
  ready: 'done',
  failed: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled',
};

/**
 * Both vocabularies map here: starting/running (monitor-progress enum) and collecting/digesting
 * (per-scraper async guides); `canceled` comes from the official MCP server (§1 Status [CONFLICT]).
 */
export const stateOf = (status: string): RemoteState | undefined => statusWord(STATES, status);

function goneError(res: HttpResponse, snapshotId: string): ProviderError {
  return new ProviderError('expired', `Bright Data no longer has snapshot ${snapshotId} (${brightDataMessage(res.text)})`, {
    status: res.status,
  });
}

export async function progressOf(
  deps: ProviderDeps,
  client: BrightDataClient,
  job: JobView,
  config: ProviderConfig,
): Promise<StatusResult> {
  const ref = refOf(job);
  // Sync /scrape already handed the records over; nothing exists on Bright Data's side to poll.
  if (ref.kind === 'inline') return { state: 'done' };
  const res = await client.request(config, { path: `/datasets/v3/progress/${encodeURIComponent(ref.snapshotId)}` });
  if (res.status === 404) throw goneError(res, ref.snapshotId);
  if (res.status !== 200) throw brightDataError(deps, res, 'progress');
  const answer = parseJson(res, ProgressAnswer, 'Bright Data /progress');
  const state = stateOf(answer.status);
  if (!state) {
    // Undocumented status: keep polling rather than fail a job that may well finish.
    deps.logger.warn(`Bright Data snapshot ${ref.snapshotId}: unknown status "${answer.status}", treated as running`);
    return { state: 'running' };
  }
  if (state === 'failed') return { state, error: answer.error_message || 'Bright Data reported the collection as failed' };
  return { state };
}

export async function downloadSnapshot(
  deps: ProviderDeps,
  client: BrightDataClient,
  job: JobView,
  config: ProviderConfig,
): Promise<ScrapeRecord[]> {
  const ref = refOf(job);
  if (ref.kind === 'inline') {
    throw new ProviderError('fatal', 'This Bright Data job was answered synchronously; its records came with the submit');
  }
  const res = await client.request(config, {
    path: `/datasets/v3/snapshot/${encodeURIComponent(ref.snapshotId)}`,
    query: { format: 'json' },
  });
  if (res.status === 202) {
    // Normal while building, and also right after progress says `ready`: the official Python SDK
    // retries that race (§1 Results). Not an error: poll again.
    const answer = parseJson(res, NotReadyAnswer, 'Bright Data /snapshot');
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now()) ?? NOT_READY_RETRY_MS;
    throw new ProviderError('not-ready', answer.message || 'Bright Data snapshot is not ready yet', { status: 202, retryAfterMs });
  }
  if (res.status === 400) {
    const message = brightDataMessage(res.text);
    // "an empty result [] is not an error" (§1 Results, error-codes.md): an empty snapshot has no records.
    if (/empty/i.test(message)) return [];
    if (/expired/i.test(message)) throw goneError(res, ref.snapshotId);
    throw new ProviderError('fatal', `Bright Data download failed: ${message}`, { status: 400 });
  }
  if (res.status === 404) throw goneError(res, ref.snapshotId);
  if (res.status !== 200) throw brightDataError(deps, res, 'download');
  return recordsFromText(res.text);
}

export async function cancelSnapshot(
  deps: ProviderDeps,
  client: BrightDataClient,
  job: JobView,
  config: ProviderConfig,
): Promise<void> {
  const ref = refOf(job);
  if (ref.kind === 'inline') return;
  const res = await client.request(config, {
    method: 'POST',
    path: `/datasets/v3/snapshot/${encodeURIComponent(ref.snapshotId)}/cancel`,
  });
  if (res.status === 200) return;
  // Already finished, failed or canceled: the goal (not running) is met (§1 Status/error-list-by-endpoint).
  if (res.status === 400 && /not running/i.test(res.text)) return;
  if (res.status === 404) return;
  throw brightDataError(deps, res, 'cancel');
}
