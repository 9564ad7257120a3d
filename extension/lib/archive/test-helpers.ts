import type { ScrapeRecord } from '@@/shared/schemas/job';
import { openDb, type Job, type ScrapeQueueDB } from '../db/schema';

let counter = 0;

/** A fresh fake-indexeddb database with the full schema. */
export function freshDb(): ScrapeQueueDB {
  return openDb(`archive-test-${Date.now()}-${counter++}`);
}

export function doneJob(id: string, patch: Partial<Job> = {}): Job {
  const url = `https://site.test/${id}`;
  return {
    id,
    provider: 'browser',
    input: { kind: 'urls', urls: [url] },
    label: url,
    search: url,
    options: {},
    status: 'done',
    active: 0,
    providerJobIds: [],
    createdAt: 1_000 + counter++,
    updatedAt: 1_000,
    finishedAt: 1_000,
    nextPollAt: 0,
    polls: 1,
    attempts: 0,
    ...patch,
  };
}

/** Stores a finished job with one page record. */
export async function addPage(db: ScrapeQueueDB, id: string, page: { title: string; body: string; at?: number; patch?: Partial<Job> }): Promise<Job> {
  const job = doneJob(id, page.patch);
  const url = job.input.kind === 'urls' ? job.input.urls[0]! : id;
  const record: ScrapeRecord = { url, html: `<html><head><title>${page.title}</title></head><body><main><p>${page.body}</p></main></body></html>` };
  await db.jobs.add(job);
  await db.results.put({ jobId: id, records: [record], receivedAt: page.at ?? job.createdAt });
  return job;
}
