import { parseJson } from '../kit/http';
import type { WebhookEvent, WebhookUpdate } from '../types';
import { RunCompletedWebhook } from './schemas';

/**
 * The newer docs' `run.completed` callback → one update. It is HMAC-SHA256 signed, but the header name and
 * how the secret is provisioned are not in the docs (reference §4 "Webhooks"), so the signature is not
 * checked here: the update only says "done", and result() reads everything from the API with the key.
 * `failed_jobs` is not in the payload, so the ref carries no `completed` flag and result() re-reads the run.
 */
export function parseScrapingProsWebhook(event: WebhookEvent): WebhookUpdate[] {
  const hook = parseJson({ status: 200, headers: new Headers(), text: event.body }, RunCompletedWebhook, 'ScrapingPros webhook');
  if (hook.event && hook.event !== 'run.completed') return [];
  const total = hook.total_requests;
  const done = (hook.success_requests ?? 0) + (hook.failed_requests ?? 0) + (hook.timeout_requests ?? 0);
  return [
    {
      providerJobId: hook.run_id,
      state: 'done',
      ...(total !== undefined && { progress: { done: Math.min(done, total) || total, total } }),
      ...(hook.collection_id && { ref: { collectionId: hook.collection_id, runId: hook.run_id, ...(hook.job_ids && { jobIds: hook.job_ids }) } }),
    },
  ];
}
