import { useEffect, useRef, useState } from 'preact/hooks';
import { JobStatus } from '@@/shared/schemas/job';
import { TEXT_COUNT_CAP } from '@/lib/db/jobs-repo';
import { usePublishedFilter } from '@/lib/tables/popup-filter';
import { countLabel } from '@/lib/ui/format';
import { useFirstScreenOverscan } from '@/lib/ui/use-first-screen-overscan';
import { useVirtualizer } from '@/lib/ui/use-virtualizer';
import { BulkBar } from './BulkBar';
import { GettingStarted } from './GettingStarted';
import { JobRow, type JobAction } from './JobRow';
import type { Job } from '@/lib/db/schema';
import { useJobWindow } from './use-job-window';

export interface JobListProps {
  onAction: (action: JobAction, job: Job) => void;
}

/** A first guess for rows not measured yet (one URL line and the status line); rows are then measured. */
const ROW_ESTIMATE = 58;
const FILTER_DELAY_MS = 200;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Newest-first jobs with status and text filters; only the rows in view are rendered and read. */
export function JobList({ onAction }: JobListProps) {
  const [status, setStatus] = useState<JobStatus>();
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(typed.trim()), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  usePublishedFilter({ status, text });

  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(5_000);
  const [range, setRange] = useState({ start: 0, end: 20 });
  const { count, known: total, jobAt } = useJobWindow({ status, text }, range.start, range.end);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: useFirstScreenOverscan(jobAt(range.start) !== undefined, 6),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (first !== range.start || last !== range.end) setRange({ start: first, end: last });
  }, [first, last, range.start, range.end]);

  // A new filter starts at the top.
  useEffect(() => virtualizer.scrollToOffset(0), [status, text, virtualizer]);

  return (
    <section class="jobs" aria-label="Job list">
      <div class="row jobs-filters">
        <label class="visually-hidden" for="status-filter">
          Status filter
        </label>
        <select
          id="status-filter"
          value={status ?? ''}
          onChange={(e) => setStatus(e.currentTarget.value ? JobStatus.parse(e.currentTarget.value) : undefined)}
        >
          <option value="">All</option>
          {JobStatus.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input
          class="grow"
          type="search"
          aria-label="Filter jobs"
          placeholder="Filter jobs"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <span class="muted jobs-count">{count === undefined ? '…' : count >= TEXT_COUNT_CAP && text ? `${countLabel(count, 'job').replace(' ', '+ ')}` : countLabel(count, 'job')}</span>
      </div>
      <BulkBar filter={{ status, text }} count={count} />
      <div class="jobs-scroll" ref={scrollRef}>
        <div role="list" aria-label="Jobs" class="jobs-list" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => (
            <JobRow
              key={item.key}
              job={jobAt(item.index)}
              index={item.index}
              total={total}
              top={item.start}
              measureRef={virtualizer.measureElement}
              now={now}
              onAction={onAction}
            />
          ))}
        </div>
        {count === 0 && (text || status ? <p class="muted empty">No jobs match the filter.</p> : <GettingStarted />)}
      </div>
    </section>
  );
}
