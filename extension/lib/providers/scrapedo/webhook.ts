/**
 * Scrape.do per-task webhooks → WebhookUpdate.
 *
 * Scrape.do POSTs each task's details JSON on its own when that task reaches a terminal status (3P svdc1
 * `WebhookPayload = TaskDetails`; reference §3 "Webhooks"), so a job of N URLs produces N webhooks, possibly
 * duplicated or out of order (reference §6). A stateless parser cannot know how many siblings already
 * arrived, so each update carries:
 * - `records`: exactly that task's record, keyed by its URL (merge by URL to accumulate);
 * - `ref`: `{jobId, tasks: {[TaskID]: {url, status}}}`, a partial ref the adapter can merge (mergeRef) and
 *   that the adapter also accepts on its own (it re-learns the task list from the job details);
 * - `state`: terminal only when the job has exactly one task (we tag the webhook URL with the task count
 *   at submit, see `tagWebhookUrl`), otherwise 'running' and the next poll/ result() completes the job;
 * - the task's cost on its record (`cost`, see cost.ts), and on the update itself for a one-task job.
 * @module
 */
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { creditsText } from '../kit/credits';
import { parseJson } from '../kit/http';
import type { WebhookEvent, WebhookUpdate } from '../types';
import { TaskDetails } from './schemas';
import { taskPhase, taskToRecord } from './tasks';

/** Query parameter we add to the relay URL: how many tasks (URLs) the Scrape.do job has. */
export const TASK_COUNT_PARAM = 'sqTasks';
/** Query parameter we add when the job asked for Markdown output. */
export const MARKDOWN_PARAM = 'sqMd';

export function tagWebhookUrl(webhookUrl: string, taskCount: number, markdown: boolean): string {
  const url = new URL(webhookUrl);
  url.searchParams.set(TASK_COUNT_PARAM, String(taskCount));
  if (markdown) url.searchParams.set(MARKDOWN_PARAM, '1');
  return url.toString();
}

export function parseScrapeDoWebhook(event: WebhookEvent, now: number): WebhookUpdate[] {
  const task = parseJson({ status: 200, headers: new Headers(), text: event.body }, TaskDetails, 'Scrape.do webhook');
  const query = new URLSearchParams(event.query);
  const taskCount = Number(query.get(TASK_COUNT_PARAM));
  const record: ScrapeRecord = taskToRecord(task, task.URL ?? '', query.get(MARKDOWN_PARAM) === '1');
  const phase = taskPhase(task.Status);
  const expiresAt = task.ExpiresAt ? Date.parse(task.ExpiresAt) : Number.NaN;
  const update: WebhookUpdate = {
    providerJobId: task.JobID,
    state: 'running',
    records: phase === 'running' ? [] : [record],
    ref: { jobId: task.JobID, tasks: { [task.TaskID]: { url: record.url, status: task.Status } } },
    ...(Number.isFinite(expiresAt) && expiresAt > now && { expiresAt }),
  };
  if (taskCount === 1 && phase !== 'running') {
    update.progress = { done: 1, total: 1 };
    // The only task's cost is the job's: set it on the job too, so a failed one (not billed) is costed 0
    // even though a failed job is settled without its records. Batches sum their records instead.
    if (record.cost !== undefined) update.cost = creditsText(record.cost);
    if (phase === 'success') update.state = 'done';
    else if (phase === 'canceled') update.state = 'canceled';
    else {
      update.state = 'failed';
      update.error = record.error ?? 'The Scrape.do task failed';
    }
  }
  return [update];
}
