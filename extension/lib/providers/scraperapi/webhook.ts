/**
 * ScraperAPI callbacks: each per-URL job POSTs "the same content the status URL returns" when it
 * finishes (and, since we ask, when it fails) — §2 Webhooks. A batch of N URLs therefore sends N
 * webhooks, and a stateless parser cannot know how many siblings already arrived: submit tags the
 * relay URL with the URL count, so a single-URL job completes from its webhook alone, while a
 * batch URL's webhook is reported as 'running' with that URL's record (merge by URL) and the next
 * status() call, which reads each status URL, completes the job.
 */
import { parseJsonText } from '../kit/http';
import type { WebhookEvent, WebhookUpdate } from '../types';
import { OutputFormat } from './ref';
import { JobAnswer } from './schemas';
import { FORMAT_PARAM, TASK_COUNT_PARAM } from './submit';
import { outcomeOf } from './task';

export function parseScraperApiWebhook(event: WebhookEvent): WebhookUpdate[] {
  const answer = parseJsonText(event.body, JobAnswer, 'ScraperAPI webhook');
  const query = new URLSearchParams(event.query);
  const format = OutputFormat.catch('html').parse(query.get(FORMAT_PARAM) ?? 'html');
  const outcome = outcomeOf(answer, format);
  const records = outcome.record ? [outcome.record] : [];
  const cost = outcome.cost === undefined ? {} : { cost: String(outcome.cost) };
  if (query.get(TASK_COUNT_PARAM) !== '1' || outcome.state === 'running') {
    return [{ providerJobId: answer.id, state: 'running', records, ...cost }];
  }
  const progress = { done: 1, total: 1 };
  switch (outcome.state) {
    case 'finished':
      return [{ providerJobId: answer.id, state: 'done', records, progress, ...cost }];
    case 'failed':
      return [{ providerJobId: answer.id, state: 'failed', error: outcome.error, records, progress, ...cost }];
    default:
      return [{ providerJobId: answer.id, state: 'canceled', progress }];
  }
}
