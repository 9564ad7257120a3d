import type { QueueResult } from '@/lib/messaging/protocol';
import { countLabel } from '@/lib/ui/format';

export type Report =
  | { kind: 'queued'; result: QueueResult }
  | { kind: 'info'; message: string }
  | { kind: 'error'; message: string };

export interface QueueReportProps {
  report: Report | undefined;
}

/** The outcome of the last action, announced politely: what was queued, merged and refused, and why. */
export function QueueReport({ report }: QueueReportProps) {
  return (
    <div role="status" class="report">
      {report?.kind === 'error' && <p class="error">{report.message}</p>}
      {report?.kind === 'info' && <p>{report.message}</p>}
      {report?.kind === 'queued' && <QueuedSummary result={report.result} />}
    </div>
  );
}

function QueuedSummary({ result }: { result: QueueResult }) {
  return (
    <>
      <p>
        <strong>
          {/* Batched URLs: say how many URLs, and in how many jobs. */}
          {result.jobIds.length === result.queued
            ? `Queued ${countLabel(result.queued, 'job')}`
            : `Queued ${countLabel(result.queued, 'URL')} in ${countLabel(result.jobIds.length, 'job')}`}
        </strong>
        {result.duplicates > 0 && <span> · {countLabel(result.duplicates, 'duplicate')} merged</span>}
        {result.invalid.length > 0 && <span class="error"> · {countLabel(result.invalid.length, 'invalid entry', 'invalid entries')}</span>}
      </p>
      {result.invalid.length > 0 && (
        <ul class="invalid-list" aria-label="Invalid entries">
          {result.invalid.map((item, i) => (
            <li key={i}>
              <code>{item.input}</code> — {item.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
