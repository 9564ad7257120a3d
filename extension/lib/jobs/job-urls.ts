import type { Job } from '../db/schema';

/** The pages a job reads (none for prompt and discovery jobs): what host access it needs. */
export function jobUrls(job: Pick<Job, 'input'>): readonly string[] {
  return job.input.kind === 'urls' ? job.input.urls : [];
}
