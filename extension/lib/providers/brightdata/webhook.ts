/**
 * Bright Data webhook deliveries: the body is the same JSON a download returns (we ask for
 * uncompressed JSON, §1 Webhooks). The payload carries no snapshot id, so submit tags the endpoint
 * URL with our job id and returns that tag among providerJobIds; the relay passes the query back.
 */
import { recordsFromText } from './records';
import { WEBHOOK_TAG_PARAM, webhookTagOf } from './submit';
import type { WebhookEvent, WebhookUpdate } from '../types';

export function parseBrightDataWebhook(event: WebhookEvent): WebhookUpdate[] {
  const jobId = new URLSearchParams(event.query).get(WEBHOOK_TAG_PARAM);
  // Not one of ours (no tag): nothing to match it to.
  if (!jobId) return [];
  const records = recordsFromText(event.body);
  const progress = { done: records.length, total: records.length };
  return [{ providerJobId: webhookTagOf(jobId), state: 'done', records, progress }];
}
