/**
 * The built-in provider: no account. A live tab is captured at submit; other URLs are fetched from the
 * worker on the first "status" step, so it runs through the same submit → status → result path (and the
 * same concurrency cap) as the remote providers.
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import { urlsOf } from '../kit/guards';
import { readRef } from '../kit/read';
import type { AdapterBehaviour, AdapterDeps, CapturedPage, PollPlan } from '../types';
import { createAccessCheck } from './access';
import { createPageFetcher } from './client';
import { BrowserRef } from './ref';

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

export function createBrowserAdapter(deps: AdapterDeps): AdapterBehaviour {
  const fetchPage = createPageFetcher(deps);
  const ensureAccess = createAccessCheck(deps);
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
          records: [{ url: urls[0] ?? page.url, finalUrl: page.url, title: page.title, html: page.html, text: page.text }],
        };
      }
      // Checked before the job leaves "queued", so a host not granted yet leaves it queued and waiting.
      await ensureAccess(urls);
      return { ref: { kind: 'fetch' }, providerJobIds: [], progress: { done: 0, total: urls.length } };
    },
    async status(job) {
      readRef(BrowserRef, job.ref, LABEL);
      const records: ScrapeRecord[] = [];
      for (const url of urlsOf(job, LABEL)) records.push(await fetchPage(url));
      return { state: 'done', records, progress: { done: records.length, total: records.length } };
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
