import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Job } from '@/lib/db/schema';
import { jobUrls } from '@/lib/jobs/job-urls';
import { requestPageAccess } from '@/lib/permissions/host-access';
import { useServices } from '@/lib/ui/services';

export interface JobErrorProps {
  job: Job;
  label: string;
}

/**
 * A job's error or pause reason: two lines, the whole text on "Show full error" (a button, so the
 * keyboard reaches it), and the one-click fix where there is one: Options for a key, "Allow access"
 * for a host the user has not granted yet.
 */
export function JobError({ job, label }: JobErrorProps) {
  const { send } = useServices();
  const [expanded, setExpanded] = useState(false);
  const [clamped, setClamped] = useState(false);
  const [asking, setAsking] = useState(false);
  const textRef = useRef<HTMLDivElement>(null);
  const id = `job-error-${job.id}`;

  // Only offer "Show full error" when the two-line clamp actually hides something.
  useLayoutEffect(() => {
    const el = textRef.current;
    if (el && !expanded) setClamped(el.scrollHeight > el.clientHeight + 1);
  }, [job.error, expanded]);

  const allowAccess = () => {
    // permissions.request must start inside the click; the worker resumes the job when access is added.
    setAsking(true);
    void requestPageAccess(jobUrls(job))
      .then((granted) => (granted ? send('resumeWaitingForAccess', {}) : undefined))
      .finally(() => setAsking(false));
  };

  return (
    <div class="job-error">
      <div id={id} ref={textRef} class={`job-error-text ${job.paused === 'access' ? 'warn' : 'error'} ${expanded ? 'expanded' : ''}`}>
        {job.error}
      </div>
      {(clamped || expanded || job.paused) && (
        <div class="job-error-actions">
          {(clamped || expanded) && (
            <button type="button" class="link-button" aria-expanded={expanded} aria-controls={id} aria-label={`${expanded ? 'Show less of' : 'Show full'} error for ${label}`} onClick={() => setExpanded((x) => !x)}>
              {expanded ? 'Show less' : 'Show full error'}
            </button>
          )}
          {job.paused === 'auth' && (
            <button type="button" aria-label={`Open Options to fix the key for ${label}`} onClick={() => void browser.runtime.openOptionsPage()}>
              Open Options
            </button>
          )}
          {job.paused === 'budget' && (
            <button type="button" aria-label={`Open Options to raise the budget for ${label}`} onClick={() => void browser.runtime.openOptionsPage()}>
              Open Options
            </button>
          )}
          {job.paused === 'access' && (
            <button type="button" class="primary" disabled={asking} aria-label={`Allow access for ${label}`} onClick={allowAccess}>
              Allow access
            </button>
          )}
        </div>
      )}
    </div>
  );
}
