import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { creditsText } from '@/lib/providers/kit/credits';
import { FailoverLinks } from '@/lib/ui/FailoverLinks';
import { formatTime, providerLabel } from '@/lib/ui/format';

export interface DetailsPanelProps {
  job: Job;
  record: ScrapeRecord | undefined;
  recordCount: number;
}

/** Label/value rows for the Details tab; also what Copy copies there. */
export function detailRows({ job, record, recordCount }: DetailsPanelProps): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Status', job.status + (job.paused === 'auth' ? ' (paused: API key rejected)' : job.paused === 'access' ? ' (waiting for access)' : '')],
    ['Provider', providerLabel(job)],
    ['Provider job IDs', job.providerJobIds.join(', ') || undefined],
    ['Progress', job.progress ? `${job.progress.done}/${job.progress.total}` : undefined],
    ['Records', String(recordCount)],
    ['Created', formatTime(job.createdAt)],
    ['Submitted', job.submittedAt === undefined ? undefined : formatTime(job.submittedAt)],
    ['Finished', job.finishedAt === undefined ? undefined : formatTime(job.finishedAt)],
    ['Expires', job.expiresAt === undefined ? undefined : formatTime(job.expiresAt)],
    ['Cost', job.cost],
    ['Job error', job.error],
    ['URL', record?.url],
    ['Status code', record?.statusCode === undefined ? undefined : String(record.statusCode)],
    ['Final URL', record?.finalUrl],
    ['Title', record?.title],
    ['Record error', record?.error],
    // Providers that bill per URL (no job total) report the cost here.
    ['Record cost', record?.cost === undefined ? undefined : creditsText(record.cost)],
    ...Object.entries(record?.timings ?? {}).map(([k, v]): [string, string] => [`Timing: ${k}`, `${v} ms`]),
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

export function DetailsPanel(props: DetailsPanelProps) {
  return (
    <>
    <dl class="details">
      {detailRows(props).map(([label, value]) => (
        <div key={label} class="detail">
          <dt>{label}</dt>
          <dd class={label.includes('error') ? 'error' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
    <FailoverLinks job={props.job} />
    </>
  );
}
