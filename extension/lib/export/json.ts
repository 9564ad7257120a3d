import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';

/** Option names that could carry a credential; their values never leave the extension in an export. */
const SECRET_KEY = /key|token|secret|password|auth/i;

function redact(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : v]));
}

/**
 * The job (what was asked, status, timings, provider ids) and its records, as exported.
 * Internal bookkeeping (search copy, poll counters, adapter ref) is left out.
 */
export function exportedJob(job: Job, records: readonly ScrapeRecord[] = []) {
  return {
    id: job.id,
    provider: job.provider,
    input: job.input,
    options: redact(job.options),
    status: job.status,
    progress: job.progress,
    providerJobIds: job.providerJobIds,
    createdAt: new Date(job.createdAt).toISOString(),
    submittedAt: job.submittedAt === undefined ? undefined : new Date(job.submittedAt).toISOString(),
    finishedAt: job.finishedAt === undefined ? undefined : new Date(job.finishedAt).toISOString(),
    cost: job.cost,
    error: job.error,
    records,
  };
}

/** One job and its records as pretty JSON (the viewer's Download JSON). */
export function jobToJson(job: Job, records: readonly ScrapeRecord[] = []): string {
  return JSON.stringify(exportedJob(job, records), null, 2) + '\n';
}
