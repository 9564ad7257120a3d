/**
 * The built-in provider: no account. A live tab is captured at submit; other URLs are fetched from the
 * worker on the "status" steps, so it runs through the same submit → status → result path (and the
 * same concurrency cap) as the remote providers. A one-URL job is fetched in one step and its failure is
 * the job's; a batch is fetched a few URLs per step (x/y progress, records stored as they come), and a
 * URL that cannot be fetched becomes a record with its error, so one bad URL does not fail the others.
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { urlsOf } from '../kit/guards';
import { readRef } from '../kit/read';
import { costField } from '../kit/credits';
import type { AdapterBehaviour, AdapterDeps, CapturedPage, PollPlan } from '../types';
import { createAccessCheck } from './access';
import { createPageFetcher } from './client';
import { BrowserRef } from './ref';

/** Pages fetched by this browser cost no provider credits. */
const FREE = costField(0);

export const LABEL = 'This browser';

export const BROWSER_POLL_PLAN: PollPlan = {
  firstPollDelayMs: 0,
  firstPollDelayWithRelayMs: 0,
  minIntervalMs: 0,
  maxIntervalMs: 60_000,
  backoffFactor: 2,
  concurrency: 4,
  retentionMs: 24 * 3600_000,
  maxTransientAttempts: 3,
};

/** URLs per batch job: each step rewrites the batch's stored records, so batches stay modest. */
export const BATCH_URLS = 100;
/** URLs fetched (one after another) per status step of a batch: steps stay short and progress moves. */
export const URLS_PER_STEP = 5;

export function createBrowserAdapter(deps: AdapterDeps): AdapterBehaviour {
  const fetchPage = createPageFetcher(deps);
  const ensureAccess = createAccessCheck(deps);
  /** A batch's page: an error is kept in the record instead of failing the job, except missing access, which pauses it. */
  const fetchBatchPage = async (url: string): Promise<ScrapeRecord> => {
    try {
      return await fetchPage(url);
    } catch (e) {
      if (e instanceof ProviderError && e.kind === 'access') throw e;
      return { url, error: e instanceof Error ? e.message : String(e) };
    }
  };
  return {
    async submit(job) {
      const urls = urlsOf(job, LABEL);
      if (job.input.kind === 'urls' && job.input.tabId !== undefined) {
        let page: CapturedPage;
        try {
          page = await deps.captureTab(job.input.tabId);
        } catch (cause) {
          // No host access (e.g. clicked from the side panel, which grants no activeTab): wait for it.
          await ensureAccess(urls);
          throw new ProviderError('fatal', `Could not read the tab: ${cause instanceof Error ? cause.message : String(cause)}`);
        }
        return {
          ref: { kind: 'tab' },
          providerJobIds: [],
          ...FREE,
          records: [{ url: urls[0] ?? page.url, finalUrl: page.url, title: page.title, html: page.html, text: page.text }],
        };
      }
      // Checked before the job leaves "queued", so a host not granted yet leaves it queued and waiting.
      await ensureAccess(urls);
      return { ref: { kind: 'fetch' }, providerJobIds: [], progress: { done: 0, total: urls.length } };
    },
    async status(job) {
      const ref = readRef(BrowserRef, job.ref, LABEL);
      const urls = urlsOf(job, LABEL);
      if (urls.length === 1) return { state: 'done', records: [await fetchPage(urls[0]!)], progress: { done: 1, total: 1 }, ...FREE };
      const from = Math.min(ref.next ?? 0, urls.length);
      const to = Math.min(urls.length, from + URLS_PER_STEP);
      const records: ScrapeRecord[] = [];
      for (const url of urls.slice(from, to)) records.push(await fetchBatchPage(url));
      return {
        state: to === urls.length ? 'done' : 'running',
        records,
        partial: true,
        ref: { kind: 'fetch', next: to },
        progress: { done: to, total: urls.length },
        ...FREE,
      };
    },
    async result() {
      // status() always carries the records; nothing is stored remotely.
      throw new ProviderError('expired', 'This browser keeps no remote copy of results.');
    },
    async checkKey() {
      return { ok: true, message: 'This browser needs no key.' };
    },
  };
}
