import { useEffect, useState } from 'preact/hooks';
import { EXPORT_TYPES, type ExportFormat } from '@/lib/export/jobs-export';
import { exportFinishedJobs } from '@/lib/export/stream-export';
import { outcomeLine } from '@/lib/jobs/bulk/labels';
import type { BulkAction, BulkSelection } from '@/lib/jobs/bulk/types';
import { downloadBlob } from '@/lib/ui/download';
import { countLabel } from '@/lib/ui/format';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';
import { BulkProgress } from './BulkProgress';
import type { JobFilter } from './use-job-window';
// oxlint-disable-next-line import/no-unassigned-import -- the bar's styles travel with it instead of going into the shared popup.css
import './bulk.css';

export interface BulkBarProps {
  /** The list's current status and text filter. */
  filter: JobFilter;
  /** Jobs matching it, when known (0 disables "Select all matching"). */
  count: number | undefined;
}

interface Selected {
  selection: BulkSelection;
  /** Exact number of jobs selected; undefined while a text filter is being counted. */
  count: number | undefined;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const FORMATS = Object.keys(EXPORT_TYPES) as ExportFormat[];

/**
 * "Select all matching" the list's filter, then Retry failed / Cancel / Delete / Export results; and
 * one-click Clear finished. The work runs in the worker (export: here, in chunks), so the list keeps scrolling.
 */
export function BulkBar({ filter, count }: BulkBarProps) {
  const { send, repo } = useServices();
  const [selected, setSelected] = useState<Selected>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [exporting, setExporting] = useState<{ checked: number; total: number; exported: number }>();
  const progress = useLiveQuery(() => repo.bulkProgress(), [repo]);

  // A selection means "all matching this filter": another filter is another selection.
  useEffect(() => {
    setSelected(undefined);
    setConfirming(false);
  }, [filter.status, filter.text]);

  const selectAll = async () => {
    const selection: BulkSelection = { status: filter.status, text: filter.text || undefined, createdUpTo: Date.now() };
    setMessage(undefined);
    setSelected({ selection, count: undefined });
    const exact = await repo.countExact({ status: filter.status, text: filter.text });
    setSelected((current) => (current?.selection === selection ? { selection, count: exact } : current));
  };

  const run = async (action: BulkAction, selection: BulkSelection) => {
    setBusy(true);
    setConfirming(false);
    setMessage(undefined);
    try {
      setMessage({ error: false, text: outcomeLine(await send('bulkJobs', { action, selection })) });
      setSelected(undefined);
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const exportResults = async (selection: BulkSelection) => {
    setBusy(true);
    setMessage(undefined);
    const started = performance.now();
    try {
      const total = await repo.count({});
      setExporting({ checked: 0, total, exported: 0 });
      const { blob, jobs } = await exportFinishedJobs(repo, selection, format, { onProgress: (checked, exported) => setExporting({ checked, total, exported }) });
      if (jobs === 0) {
        setMessage({ error: true, text: 'No finished jobs in the selection to export.' });
        return;
      }
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      downloadBlob(`scrape-queue-${stamp}.${EXPORT_TYPES[format].extension}`, blob);
      setMessage({ error: false, text: `Exported ${countLabel(jobs, 'finished job')} in ${((performance.now() - started) / 1000).toFixed(1)} s.` });
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    } finally {
      setExporting(undefined);
      setBusy(false);
    }
  };

  const working = busy || progress?.state === 'running';
  const n = selected?.count;
  const howMany = n === undefined ? 'Counting…' : `${countLabel(n, 'job')} selected`;

  return (
    <section class="bulk" aria-label="Bulk actions">
      <div class="row bulk-row">
        {selected ? (
          <>
            <span class="bulk-count">{howMany}</span>
            <button type="button" onClick={() => setSelected(undefined)}>
              Clear selection
            </button>
          </>
        ) : (
          <>
            <button type="button" disabled={working || count === 0} onClick={() => void selectAll()}>
              Select all matching
            </button>
            <button type="button" disabled={working} onClick={() => void run('clear-finished', { createdUpTo: Date.now() })}>
              Clear finished
            </button>
          </>
        )}
      </div>
      {selected && (
        <div class="row bulk-row">
          <button type="button" disabled={working} onClick={() => void run('retry-failed', selected.selection)}>
            Retry failed
          </button>
          <button type="button" disabled={working} onClick={() => void run('cancel', selected.selection)}>
            Cancel
          </button>
          <button type="button" class="danger" disabled={working || n === undefined || n === 0} onClick={() => setConfirming(true)}>
            Delete
          </button>
          <label class="bulk-format">
            <span class="visually-hidden">Export format</span>
            <select value={format} onChange={(e) => setFormat(FORMATS.find((f) => f === e.currentTarget.value) ?? 'ndjson')}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {EXPORT_TYPES[f].label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={working} onClick={() => void exportResults(selected.selection)}>
            Export results
          </button>
        </div>
      )}
      {confirming && selected && n !== undefined && (
        <div role="alertdialog" aria-label="Confirm delete" aria-describedby="bulk-confirm-text" class="bulk-confirm">
          <p id="bulk-confirm-text">Delete {countLabel(n, 'job')} and their results? This cannot be undone.</p>
          <button type="button" class="danger" onClick={() => void run('delete', selected.selection)}>
            Delete {countLabel(n, 'job')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </div>
      )}
      <div aria-live="polite" class="bulk-live">
        <BulkProgress progress={progress} exporting={exporting} />
        {message && <p class={message.error ? 'error' : undefined}>{message.text}</p>}
      </div>
    </section>
  );
}
