import { z } from 'zod';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { PROVIDERS } from '../catalog';
import { ProviderError } from '../errors';
import type { ProviderAdapter, ProviderDeps } from '../types';
import { pageRecord } from './page-record';

export interface CapturedPage {
  html: string;
  title: string;
  url: string;
  text: string;
}

export interface BrowserProviderDeps extends ProviderDeps {
  /** Reads the live DOM of a tab (chrome.scripting), so logged-in and script-rendered content is kept. */
  captureTab: (tabId: number) => Promise<CapturedPage>;
  /** Whether the extension may read this URL's origin (optional host permissions granted at run time). */
  canAccess: (url: string) => Promise<boolean>;
}

/** Pages larger than this are cut, so one huge download cannot exhaust the worker's memory. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 60_000;

const BrowserRef = z.object({ kind: z.enum(['tab', 'fetch']) });

/**
 * The built-in provider: no account. A live tab is captured at submit; other URLs are fetched
 * from the worker on the first "status" step, so it runs through the same submit → status → result
 * path (and the same concurrency cap) as the remote providers.
 */
export function createBrowserAdapter(deps: BrowserProviderDeps): ProviderAdapter {
  /** Throws 'access' (the job waits, it does not fail) when any URL's host is not granted yet. */
  async function ensureAccess(urls: readonly string[]): Promise<void> {
    const missing: string[] = [];
    for (const url of urls) if (!(await deps.canAccess(url))) missing.push(new URL(url).origin);
    if (missing.length) {
      const hosts = [...new Set(missing)];
      const shown = hosts.length > 3 ? `${hosts.slice(0, 3).join(', ')} and ${hosts.length - 3} more` : hosts.join(', ');
      throw new ProviderError('access', `Waiting for access to ${shown}. Press Allow access to let this browser read ${hosts.length === 1 ? 'it' : 'them'}.`);
    }
  }

  async function fetchPage(url: string): Promise<ScrapeRecord> {
    await ensureAccess([url]);
    const started = deps.now();
    let res: Response;
    try {
      res = await deps.fetch(url, { redirect: 'follow', credentials: 'include', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (cause) {
      throw new ProviderError('transient', `Could not fetch ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, {
        cause,
      });
    }
    const body = await readCapped(res);
    return pageRecord({
      url,
      finalUrl: res.url || url,
      statusCode: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: body.text,
      truncated: body.truncated,
      timings: { fetchMs: deps.now() - started },
    });
  }

  return {
    id: 'browser',
    label: PROVIDERS.browser.label,
    defaultBaseUrl: '',
    needsKey: false,
    capabilities: { inputKinds: ['urls'], cancel: false, webhook: false, maxBatch: 1 },
    pollPlan: {
      firstPollDelayMs: 0,
      firstPollDelayWithRelayMs: 0,
      minIntervalMs: 0,
      maxIntervalMs: 60_000,
      backoffFactor: 2,
      concurrency: 4,
      retentionMs: 24 * 3600_000,
      maxTransientAttempts: 3,
    },
    async submit(job) {
      if (job.input.kind !== 'urls') throw new ProviderError('fatal', 'This browser can only scrape URLs.');
      if (job.input.tabId !== undefined) {
        let page: CapturedPage;
        try {
          page = await deps.captureTab(job.input.tabId);
        } catch (cause) {
          // No host access (e.g. clicked from the side panel, which grants no activeTab): wait for it.
          await ensureAccess(job.input.urls);
          throw new ProviderError('fatal', `Could not read the tab: ${cause instanceof Error ? cause.message : String(cause)}`);
        }
        return {
          ref: { kind: 'tab' },
          providerJobIds: [],
          records: [{ url: job.input.urls[0] ?? page.url, finalUrl: page.url, title: page.title, html: page.html, text: page.text }],
        };
      }
      // Checked before the job leaves "queued", so a host not granted yet leaves it queued and waiting.
      await ensureAccess(job.input.urls);
      return { ref: { kind: 'fetch' }, providerJobIds: [], progress: { done: 0, total: job.input.urls.length } };
    },
    async status(job) {
      BrowserRef.parse(job.ref);
      if (job.input.kind !== 'urls') throw new ProviderError('fatal', 'This browser can only scrape URLs.');
      const records: ScrapeRecord[] = [];
      for (const url of job.input.urls) records.push(await fetchPage(url));
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

async function readCapped(res: Response): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: await res.text(), truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PAGE_BYTES) {
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return { text: new TextDecoder().decode(concat(chunks)), truncated };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
