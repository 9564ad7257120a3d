/**
 * Scrape.do task states and how one finished task becomes a ScrapeRecord.
 * @module
 */
import type { Progress, ScrapeRecord } from '@@/shared/schemas/job';
import type { RemoteState } from '../types';
import { taskCredits } from './cost';
import type { TaskDetails } from './schemas';

export type TaskPhase = 'running' | 'success' | 'error' | 'canceled';

/**
 * queuing/queued/pending/rotating ("retrying with other proxies") are all still in flight; success, error and
 * canceled are terminal (3P svdc1 `JobStatus`, reference §3 "Status"). Anything unknown counts as in flight:
 * the retention deadline bounds the wait, whereas calling it terminal could drop results.
 */
export function taskPhase(status: string | undefined): TaskPhase {
  switch (status?.toLowerCase()) {
    case 'success':
    case 'completed':
      return 'success';
    case 'error':
    case 'failed':
      return 'error';
    case 'canceled':
    case 'cancelled':
      return 'canceled';
    default:
      return 'running';
  }
}

/** The job's overall state from its tasks' phases. */
export function jobState(phases: TaskPhase[], canceled: boolean): { state: RemoteState; progress: Progress } {
  const total = phases.length;
  const done = phases.filter((p) => p !== 'running').length;
  const progress = { done, total };
  if (canceled) return { state: 'canceled', progress };
  if (total === 0 || done < total) return { state: 'running', progress };
  if (phases.every((p) => p === 'canceled')) return { state: 'canceled', progress };
  // Even when every task errored the job is 'done': the per-task answers carry each URL's reason
  // (status code, error text), which result() turns into error records. A 'failed' job would lose them.
  return { state: 'done', progress };
}

/** Decodes Base64 to UTF-8 text without Node's Buffer (this runs in the extension's service worker). */
export function decodeBase64(value: string): string {
  const binary = atob(value.replace(/\s+/g, ''));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Base64 text decoded, or the text as it came when it is not Base64 after all (field naming is unconfirmed). */
function decodeOrKeep(value: string): string {
  try {
    return decodeBase64(value);
  } catch {
    return value;
  }
}

/**
 * `Base64EncodedContent` as a flag: a boolean, a number, or "true"/"false" next to a `Content` field.
 * Undefined when it is not a flag (absent, or a string of content).
 */
function contentFlag(task: TaskDetails): boolean | undefined {
  const b = task.Base64EncodedContent;
  if (typeof b === 'boolean') return b;
  if (typeof b === 'number') return b !== 0;
  if (typeof b === 'string' && typeof task.Content === 'string' && /^(true|false)$/i.test(b)) return b.toLowerCase() === 'true';
  return undefined;
}

/**
 * The page a task carries. The content field's shape is not documented (reference §3 "Results"): either
 * `Base64EncodedContent` holds the page in Base64, or it is a flag saying whether `Content` is Base64,
 * or only `Content` (plain) is there. Every shape is read.
 */
function content(task: TaskDetails): string | undefined {
  const flag = contentFlag(task);
  const plain = task.Content ?? undefined;
  if (flag !== undefined) return plain === undefined ? undefined : flag ? decodeOrKeep(plain) : plain;
  if (typeof task.Base64EncodedContent === 'string' && task.Base64EncodedContent) return decodeOrKeep(task.Base64EncodedContent);
  return plain;
}

function headers(task: TaskDetails): Record<string, string> | undefined {
  if (!task.ResponseHeaders) return undefined;
  return Object.fromEntries(
    Object.entries(task.ResponseHeaders).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}

const titleOf = (html: string): string | undefined => /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() || undefined;

/**
 * One terminal task → one record. `fallbackUrl` is the target we submitted, for answers without `URL`.
 * With `Output: "markdown"` the content is Markdown, otherwise the page as fetched.
 */
export function taskToRecord(task: TaskDetails, fallbackUrl: string, markdown: boolean): ScrapeRecord {
  const url = task.URL ?? fallbackUrl;
  const phase = taskPhase(task.Status);
  const cost = taskCredits(task, phase);
  const base: ScrapeRecord = {
    url,
    ...(task.StatusCode != null && { statusCode: task.StatusCode }),
    ...(headers(task) && { headers: headers(task) }),
    // Per task, since a Scrape.do job reports no total: the ledger sums the job's records.
    ...(cost !== undefined && { cost }),
  };
  if (phase !== 'success') {
    const reason = task.Error ?? task.ErrorMessage ?? task.Message;
    const code = task.StatusCode != null ? ` (HTTP ${task.StatusCode})` : '';
    return { ...base, error: reason ? `${reason}${code}` : `Scrape.do task ${task.Status ?? 'failed'}${code}` };
  }
  const body = content(task);
  if (body === undefined) return base;
  if (markdown) return { ...base, markdown: body };
  const title = titleOf(body);
  return { ...base, html: body, ...(title && { title }) };
}
