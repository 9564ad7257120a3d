/**
 * Fetching a page from the worker, with the user's cookies, a time limit and a size cap, once the
 * page's host is granted (optional host permissions asked for during the user's click).
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import type { AdapterDeps } from '../types';
import { createAccessCheck } from './access';
import { pageRecord } from './page-record';

/** Pages larger than this are cut, so one huge download cannot exhaust the worker's memory. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 60_000;

export function createPageFetcher(deps: Pick<AdapterDeps, 'fetch' | 'now' | 'canAccess'>) {
  const ensureAccess = createAccessCheck(deps);
  return async function fetchPage(url: string): Promise<ScrapeRecord> {
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
