import type { Job } from '@/lib/db/schema';
import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import { useLiveQuery } from '@/lib/ui/use-live-query';

/** The monitor of this job's page: the one that ran the check, else one watching its (single) URL. */
export function useMonitorFor(job: Job): string | undefined {
  const url = job.input.kind === 'urls' && job.input.urls.length === 1 ? job.input.urls[0] : undefined;
  const found = useLiveQuery(async () => {
    if (job.monitorId && (await archiveDb().monitors.get(job.monitorId))) return job.monitorId;
    return url ? ((await archiveDb().monitors.where('url').equals(url).first())?.id ?? null) : null;
  }, [job.monitorId, url]);
  return found ?? undefined;
}
