import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Job } from '@/lib/db/schema';
import type { ExtractedEntry } from '@/lib/db/extract-tables';
import { mergeTables, type ExtractedTable, type PageTables } from '@/lib/extract';
import { pageExtractRepo } from '@/lib/tables/page-repo';
import { readPopupFilter } from '@/lib/tables/popup-filter';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';

/** Where the Table tab takes rows from. */
export type Scope = 'record' | 'job' | 'group' | 'filter';

/** At most this many jobs are merged for "jobs matching the popup's filter". */
export const FILTER_JOB_CAP = 5_000;

/** The job ids a scope covers, live (a crawl adds jobs to the group while the tab is open). */
export function useScopeJobIds(scope: Scope, job: Job): string[] | undefined {
  const { repo } = useServices();
  return useLiveQuery(async () => {
    if (scope === 'group' && job.groupId) return pageExtractRepo.groupJobIds(job.groupId);
    if (scope === 'filter') {
      const filter = await readPopupFilter();
      return (await repo.list({ ...filter, offset: 0, limit: FILTER_JOB_CAP })).filter((j) => j.status === 'done').map((j) => j.id);
    }
    return [job.id];
  }, [scope, job.id, job.groupId, repo]);
}

function tablesOf(entries: ExtractedEntry[]): ExtractedTable[] {
  return entries.flatMap((e) => e.tables);
}

export interface ScopeTables {
  /** undefined while the first read is pending. */
  tables: ExtractedTable[] | undefined;
  /** Recipe problems (bad selectors), deduplicated. */
  errors: string[];
  /** True while the background is (re)computing rows for this scope. */
  busy: boolean;
}

/**
 * The tables of a scope: one record's candidates, or every page's tables merged with a "Page URL"
 * column. Rows come from the background's cache; the background is asked to fill what is missing
 * each time the scope's jobs change (a finished job, a new result, a changed recipe).
 */
export function useScopeTables(jobIds: readonly string[] | undefined, recordIndex: number | undefined): ScopeTables {
  const { send } = useServices();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  const key = jobIds?.join(',') ?? '';
  const jobsSignature = useLiveQuery(async () => {
    if (!jobIds?.length) return '';
    const jobs = await pageExtractRepo.jobStamps(jobIds);
    const recipes = await pageExtractRepo.listRecipes();
    return `${jobs}|${recipes.map((r) => `${r.id}:${r.version}`).join(',')}`;
  }, [key]);

  useEffect(() => {
    if (!jobIds?.length || jobsSignature === undefined) return;
    let live = true;
    setBusy(true);
    setFailed('');
    send('extractTables', { jobIds: [...jobIds] })
      .catch((e: unknown) => {
        console.error('Scrape Queue: extracting tables failed', e);
        // Shown, so a failure is not mistaken for "no table found".
        if (live) setFailed(`Finding tables failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [key, jobsSignature, send]);

  const entries = useLiveQuery(async () => (jobIds ? pageExtractRepo.entriesForJobs(jobIds) : undefined), [key]);

  const tables = useMemo(() => {
    if (!entries || !jobIds) return undefined;
    if (recordIndex !== undefined) {
      return tablesOf(entries.filter((e) => e.jobId === jobIds[0] && e.recordIndex === recordIndex)).toSorted((a, b) => b.score - a.score);
    }
    const order = new Map(jobIds.map((id, i) => [id, i]));
    const byPage = new Map<string, { sort: [number, number]; page: PageTables & { tables: ExtractedTable[] } }>();
    for (const e of entries) {
      const pageKey = `${e.jobId}\u0001${e.recordIndex}`;
      const found = byPage.get(pageKey) ?? { sort: [order.get(e.jobId) ?? 0, e.recordIndex], page: { url: e.url, tables: [] } };
      found.page.tables.push(...e.tables);
      byPage.set(pageKey, found);
    }
    const pages = [...byPage.values()].toSorted((a, b) => a.sort[0] - b.sort[0] || a.sort[1] - b.sort[1]).map((p) => p.page);
    return mergeTables(pages);
  }, [entries, key, recordIndex]);

  const errors = useMemo(
    () => [...new Set([...(failed ? [failed] : []), ...(entries ?? []).filter((e) => recordIndex === undefined || e.recordIndex === recordIndex).flatMap((e) => (e.error ? [e.error] : []))])],
    [entries, recordIndex, failed],
  );
  return { tables, errors, busy };
}
