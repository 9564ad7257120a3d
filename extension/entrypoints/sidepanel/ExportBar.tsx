import { useEffect, useState } from 'preact/hooks';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { jobToJson, recordsToCsv, recordsToNdjson, recordToHtml } from '@/lib/export';
import { downloadText, fileStem } from '@/lib/ui/download';
import { jobLabel } from '@/lib/ui/format';

export interface ExportBarProps {
  job: Job;
  records: readonly ScrapeRecord[];
  record: ScrapeRecord | undefined;
  /** What the selected tab shows, as text. */
  copyText: () => string;
}

/** Copy the visible tab, or download the record/job in one of the export formats. */
export function ExportBar({ job, records, record, copyText }: ExportBarProps) {
  const [copyState, setCopyState] = useState('');
  const stem = fileStem(record?.url ?? jobLabel(job));
  useEffect(() => {
    if (!copyState) return;
    const timer = setTimeout(() => setCopyState(''), 4_000);
    return () => clearTimeout(timer);
  }, [copyState]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(copyText());
      setCopyState('Copied');
    } catch (e) {
      setCopyState(`Copy failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div class="export-bar">
      <div class="row">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        {record && (
          <button type="button" onClick={() => downloadText(`${stem}.html`, recordToHtml(record), 'text/html')}>
            Download HTML
          </button>
        )}
        <button type="button" onClick={() => downloadText(`${fileStem(jobLabel(job))}.json`, jobToJson(job, records), 'application/json')}>
          Download JSON
        </button>
        {records.length > 1 && (
          <>
            <button type="button" onClick={() => downloadText(`${fileStem(jobLabel(job))}.csv`, recordsToCsv(records), 'text/csv')}>
              Download CSV
            </button>
            <button
              type="button"
              onClick={() => downloadText(`${fileStem(jobLabel(job))}.ndjson`, recordsToNdjson(records), 'application/x-ndjson')}
            >
              Download NDJSON
            </button>
          </>
        )}
      </div>
      <span role="status" class="muted copy-state">
        {copyState}
      </span>
    </div>
  );
}
