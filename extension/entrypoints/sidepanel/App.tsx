import type { Job } from '@/lib/db/schema';
import { AppHeader } from '@/lib/ui/AppHeader';
import { BreakableUrl } from '@/lib/ui/BreakableUrl';
import { jobLabel } from '@/lib/ui/format';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';
import { DetailsPanel } from './DetailsPanel';
import { MonitorChanges } from './MonitorChanges';
import { ResultView } from './ResultView';
import { ScrapeThisTab } from './ScrapeThisTab';
import { CrawlProgress } from './table/CrawlProgress';
import { useViewerJob } from './use-viewer-job';

export function App() {
  const monitorId = new URLSearchParams(location.search).get('monitor');
  return (
    <div class="viewer-page">
      <AppHeader />
      {monitorId ? <MonitorChanges monitorId={monitorId} /> : <JobApp />}
    </div>
  );
}

function JobApp() {
  const { job, loading, show } = useViewerJob();
  if (loading) return <main class="viewer" aria-busy="true" />;
  if (!job) {
    return (
      <main class="viewer viewer-empty">
        <h1>Nothing scraped on this tab yet</h1>
        <p>Scrape the page in this tab now, or open a finished job from the Scrape Queue popup to see it here.</p>
        <ScrapeThisTab onQueued={show} />
      </main>
    );
  }
  return <JobViewer job={job} />;
}

function JobViewer({ job }: { job: Job }) {
  const { repo } = useServices();
  const result = useLiveQuery(async () => ({ jobId: job.id, stored: await repo.getResult(job.id) }), [repo, job.id]);
  // Ignore a result still loaded for the previously shown job.
  const stored = result?.jobId === job.id ? result.stored : undefined;
  const label = jobLabel(job);
  return (
    <main class="viewer">
      <header class="viewer-head">
        <h1 title={label}>
          <BreakableUrl text={label} />
        </h1>
        <p class="muted">
          <span class="job-status" data-status={job.status}>
            {job.status}
          </span>
          {job.progress && ` · ${job.progress.done}/${job.progress.total}`}
          {stored && ` · ${stored.records.length.toLocaleString('en-US')} record${stored.records.length === 1 ? '' : 's'}`}
        </p>
        <CrawlProgress groupId={job.groupId} />
      </header>
      {stored ? (
        <ResultView key={job.id} job={job} records={stored.records} />
      ) : (
        <section class="empty-state">
          <p class="empty">
            No result yet <span class="muted">(status: {job.status})</span>
          </p>
          <DetailsPanel job={job} record={undefined} recordCount={0} />
        </section>
      )}
    </main>
  );
}
