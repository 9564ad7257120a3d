/**
 * One ScraperAPI job answer (status URL or webhook) → what it means for that URL.
 * Shared by status polling and webhook parsing so both read a finished job the same way.
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { statusWord } from '../kit/fields';
import type { OutputFormat, TaskState } from './ref';
import type { JobAnswer } from './schemas';

export interface TaskOutcome {
  state: TaskState;
  record?: ScrapeRecord;
  cost?: number;
  error?: string;
}

/** "This request exceeds your max_cost" / "would cost more than your max_cost" (§2 Cost control). */
export const mentionsMaxCost = (text: string): boolean => /max_cost/i.test(text);
export const costCapMessage = (message: string): string => `Cost cap exceeded: ${message.trim().slice(0, 300)}`;

function stringHeaders(raw: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Status values: running, finished, failed (§2); `cancelled` after DELETE is a guess (§2 Cancel [UNKNOWN]). */
const STATES: Record<string, TaskState> = { running: 'running', finished: 'finished', failed: 'failed', canceled: 'canceled', cancelled: 'canceled' };

export const taskStateOf = (status: string): TaskState | undefined => statusWord(STATES, status);

export function outcomeOf(answer: JobAnswer, format: OutputFormat): TaskOutcome {
  const state = taskStateOf(answer.status) ?? 'running';
  if (state === 'failed') {
    const error = `ScraperAPI gave up on ${answer.url}: ${answer.failReason || 'no reason given'}`;
    return { state, error, record: { url: answer.url, error } };
  }
  if (state !== 'finished') return { state };

  const response = answer.response ?? {};
  const headers = stringHeaders(response.headers);
  const statusCode = response.statusCode ?? (Number(headers['sa-statuscode']) || undefined);
  const body = response.body ?? undefined;
  const costHeader = Number(headers['sa-credit-cost']);
  const cost = Number.isFinite(costHeader) && headers['sa-credit-cost'] !== undefined ? costHeader : undefined;
  // The max_cost 403 may come inside the finished job rather than on submit (§2 Cost control [UNKNOWN — placement]).
  if (statusCode === 403 && body && mentionsMaxCost(body)) {
    const error = costCapMessage(body);
    return { state: 'failed', error, cost, record: { url: answer.url, statusCode, error } };
  }
  const record: ScrapeRecord = {
    url: answer.url,
    finalUrl: headers['sa-final-url'],
    statusCode,
    headers,
    // A finished job can carry a non-200 target status (403 = target blocked, §2).
    ...(statusCode !== undefined && statusCode >= 400 ? { error: `Target answered HTTP ${statusCode}` } : {}),
    ...(body !== undefined ? { [format === 'html' ? 'html' : format]: body } : {}),
    // Binary targets (PDF, images) arrive Base64-encoded; kept as-is for the export to decode (§2).
    ...(response.base64EncodedBody
      ? { data: { base64EncodedBody: response.base64EncodedBody, contentType: headers['content-type'] } }
      : {}),
  };
  return { state, record, cost };
}
