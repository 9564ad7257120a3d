import type { Job } from '@/lib/db/schema';
import { MonitorForm } from '@/lib/ui/MonitorForm';

export interface MonitorDialogProps {
  job: Job;
  /** Closed; `message` says what was started (absent when canceled). */
  onClose: (message?: string) => void;
}

/** "Monitor…" on a finished job: its URL(s), its provider preselected, its result as the first snapshot. */
export function MonitorDialog({ job, onClose }: MonitorDialogProps) {
  const urls = job.input.kind === 'urls' ? job.input.urls : [];
  return (
    <section class="monitor-dialog" role="dialog" aria-label="Monitor this page">
      <h2 class="dialog-title">Monitor…</h2>
      <MonitorForm urls={urls} provider={job.provider} baselineJobId={job.id} onDone={onClose} onCancel={() => onClose()} />
    </section>
  );
}
