import { isActiveStatus } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { canFailOver } from '@/lib/jobs/failover';
import { RetryOnMenu } from '@/lib/ui/RetryOnMenu';
import { BreakableUrl } from '@/lib/ui/BreakableUrl';
import { formatAge, jobLabel, providerLabel } from '@/lib/ui/format';
import { JobError } from './JobError';

export type JobAction = 'open' | 'retry' | 'cancel' | 'delete' | 'monitor';

export interface JobRowProps {
  job: Job | undefined;
  index: number;
  total: number;
  /** Pixel offset from the virtualizer; the row's height is its content's, measured through `measureRef`. */
  top: number;
  measureRef: (el: HTMLElement | null) => void;
  now: number;
  onAction: (action: JobAction, job: Job) => void;
}

const RETRYABLE = new Set(['failed', 'canceled', 'expired']);

/** One job: what, where, state, age and the actions that apply to it. */
export function JobRow({ job, index, total, top, measureRef, now, onAction }: JobRowProps) {
  const position = {
    ref: measureRef,
    'data-index': index,
    'aria-posinset': index + 1,
    'aria-setsize': total,
    style: { transform: `translateY(${top}px)` },
  };
  if (!job) {
    return (
      <div role="listitem" class="job-row placeholder" aria-busy="true" {...position}>
        <span class="muted">Loading…</span>
      </div>
    );
  }
  const label = jobLabel(job);
  const progress = job.progress && (job.progress.total > 1 || (job.input.kind === 'urls' && job.input.urls.length > 1));
  const showError = job.error && (job.status === 'failed' || job.status === 'expired' || job.paused);
  return (
    <div role="listitem" class="job-row" data-job-id={job.id} {...position}>
      <div class="job-label" title={label}>
        <BreakableUrl text={label} />
      </div>
      <div class="job-meta">
        <span class="job-status" data-status={job.status}>
          {job.status}
        </span>
        {job.paused === 'auth' && <span class="error">paused</span>}
        <span class="muted">{providerLabel(job)}</span>
        {progress && job.progress && (
          <span class="job-progress">
            {job.progress.done}/{job.progress.total}
          </span>
        )}
        <span class="muted job-age">{formatAge(job.createdAt, now)}</span>
        <span class="job-actions">
          {job.status === 'done' && (
            <button type="button" aria-label={`Open result for ${label}`} onClick={() => onAction('open', job)}>
              Open
            </button>
          )}
          {job.status === 'done' && job.input.kind === 'urls' && (
            <button type="button" aria-label={`Monitor ${label}`} onClick={() => onAction('monitor', job)}>
              Monitor…
            </button>
          )}
          {RETRYABLE.has(job.status) && (
            <button type="button" aria-label={`Retry ${label}`} onClick={() => onAction('retry', job)}>
              Retry
            </button>
          )}
          {canFailOver(job) && <RetryOnMenu scope={{ id: job.id }} />}
          {isActiveStatus(job.status) && (
            <button type="button" aria-label={`Cancel ${label}`} onClick={() => onAction('cancel', job)}>
              Cancel
            </button>
          )}
          <button type="button" class="danger" aria-label={`Delete ${label}`} onClick={() => onAction('delete', job)}>
            Delete
          </button>
        </span>
      </div>
      {showError && <JobError job={job} label={label} />}
    </div>
  );
}
