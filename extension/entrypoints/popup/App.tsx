import { useState } from 'preact/hooks';
import type { Job } from '@/lib/db/schema';
import { AppHeader } from '@/lib/ui/AppHeader';
import { jobLabel } from '@/lib/ui/format';
import { useServices } from '@/lib/ui/services';
import { JobList } from './JobList';
import type { JobAction } from './JobRow';
import { openViewer } from './open-viewer';
import { QueueForm } from './QueueForm';
import { QueueReport, type Report } from './QueueReport';
import { MonitorDialog } from './MonitorDialog';
import { SearchPanel } from './SearchPanel';

export function App() {
  const { send } = useServices();
  const [report, setReport] = useState<Report>();
  const [monitoring, setMonitoring] = useState<Job>();

  const onAction = async (action: JobAction, job: Job) => {
    try {
      if (action === 'open') await openViewer(job.id, (id) => send('viewJob', { id }));
      else if (action === 'monitor') setMonitoring(job);
      else if (action === 'retry') await send('retryJob', { id: job.id });
      else if (action === 'cancel') await send('cancelJob', { id: job.id });
      else await send('deleteJobs', { ids: [job.id] });
    } catch (e) {
      setReport({ kind: 'error', message: `${jobLabel(job)}: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const closeMonitor = (message?: string) => {
    setMonitoring(undefined);
    if (message) setReport({ kind: 'info', message });
  };

  return (
    <div class="popup">
      <AppHeader asHeading />
      <main class="popup-main">
        <QueueForm onReport={setReport} />
        <QueueReport report={report} />
        <SearchPanel onOpen={(id) => void openViewer(id, (jobId) => send('viewJob', { id: jobId }))} />
        {monitoring && <MonitorDialog job={monitoring} onClose={closeMonitor} />}
        <JobList onAction={(action, job) => void onAction(action, job)} />
      </main>
    </div>
  );
}
