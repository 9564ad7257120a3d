import type { BulkProgress as Progress } from '@/lib/db/bulk-progress';
import { BULK_WORDS } from '@/lib/jobs/bulk/labels';
import { countLabel } from '@/lib/ui/format';

export interface BulkProgressProps {
  /** The worker's progress row for the current or last bulk action. */
  progress: Progress | undefined;
  /** An export running in this page. */
  exporting: { checked: number; total: number; exported: number } | undefined;
}

const n = (x: number) => x.toLocaleString('en-US');

/** A progress bar for the running bulk action or export; the last action's problem if it did not finish. */
export function BulkProgress({ progress, exporting }: BulkProgressProps) {
  if (exporting) {
    return (
      <div class="bulk-progress">
        <progress aria-label="Export progress" max={Math.max(1, exporting.total)} value={Math.min(exporting.checked, exporting.total)} />
        <span>
          Exporting… {n(exporting.checked)} of {n(exporting.total)} checked · {countLabel(exporting.exported, 'job')} written
        </span>
      </div>
    );
  }
  if (!progress) return null;
  const words = BULK_WORDS[progress.action];
  if (progress.state === 'running') {
    return (
      <div class="bulk-progress">
        <progress aria-label="Bulk action progress" max={Math.max(1, progress.total)} value={Math.min(progress.checked, progress.total)} />
        <span>
          {words.doing}… {n(progress.checked)} of {n(progress.total)} checked · {n(progress.affected)} {words.done.toLowerCase()}
        </span>
      </div>
    );
  }
  if (progress.state === 'interrupted' || progress.state === 'failed') {
    return (
      <p class="bulk-progress error">
        {words.doing} stopped after {n(progress.affected)}: {progress.error}
      </p>
    );
  }
  return null;
}
