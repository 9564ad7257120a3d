import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { backupFileName, buildBackup, restoreFile } from '@/lib/archive/backup-file';
import { loadArchivePrefs, saveArchivePrefs, type ArchivePrefs } from '@/lib/archive/prefs';
import type { RestoreReport } from '@/lib/archive/restore';
import { planRetention, type RetentionPlan } from '@/lib/archive/retention';
import { formatBytes } from '@/lib/archive/size';
import { providerName } from '@/lib/archive/ui/provider-name';
import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import { measureUsage, type Usage } from '@/lib/archive/usage';
import { countLabel, formatTime } from '@/lib/ui/format';
import { useServices } from '@/lib/ui/services';

type Persist = 'unknown' | 'persistent' | 'best-effort' | 'unsupported';

function reportText(r: RestoreReport): string {
  const added = Object.entries(r.added).filter(([, n]) => n > 0);
  const parts = added.length ? added.map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`).join(', ') : 'nothing new';
  return `Restored: added ${parts}; ${r.present.toLocaleString('en-US')} already here${r.storage.length ? `; merged ${r.storage.join(', ')}` : ''}${r.invalid.length ? `; ${countLabel(r.invalid.length, 'line')} skipped (first: line ${r.invalid[0]!.line}, ${r.invalid[0]!.reason})` : ''}.`;
}

/** A whole number ≥ 1; other input is ignored until it is one. */
function CountField({ label, value, onChange }: { label: string; value: number; onChange: (n: number) => void }) {
  return (
    <label class="field">
      {label}
      <input
        type="number"
        min={1}
        step={1}
        value={value}
        onChange={(e) => {
          const n = Number(e.currentTarget.value);
          if (Number.isInteger(n) && n >= 1) onChange(n);
        }}
      />
    </label>
  );
}

/** Options "Storage": space used, "Keep results" with a preview, persistence, backup and restore. */
export function StorageSection() {
  const { send } = useServices();
  const db = archiveDb();
  const [usage, setUsage] = useState<Usage>();
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number }>();
  const [persist, setPersist] = useState<Persist>('unknown');
  const [prefs, setPrefs] = useState<ArchivePrefs>();
  const [plan, setPlan] = useState<RetentionPlan>();
  const [progress, setProgress] = useState<{ label: string; done: number; total: number }>();
  const [message, setMessage] = useState('');

  const refreshUsage = async () => {
    setUsage(await measureUsage(db));
    setEstimate(await navigator.storage?.estimate?.());
  };

  useEffect(() => {
    void loadArchivePrefs().then(setPrefs);
    void refreshUsage();
    // Ask the browser not to evict the archive under storage pressure (granted at once to extensions with unlimitedStorage).
    const storage = navigator.storage;
    if (!storage?.persist) setPersist('unsupported');
    else void storage.persist().then((ok) => setPersist(ok ? 'persistent' : 'best-effort'), () => setPersist('best-effort'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount only
  }, []);

  useEffect(() => {
    if (prefs) void planRetention(db, prefs, Date.now()).then(setPlan);
  }, [prefs, db]);

  const run = async (work: () => Promise<string>) => {
    setMessage('');
    try {
      setMessage(await work());
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(undefined);
      void refreshUsage();
    }
  };

  const backup = () =>
    run(async () => {
      const blob = await buildBackup(db, () => browser.storage.local.get(), (p) => setProgress({ label: 'Backing up', done: p.rows, total: p.total }));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = backupFileName(new Date());
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return `Backup written (${formatBytes(blob.size)}).`;
    });

  const restore = (file: File) =>
    run(async () => {
      const report = await restoreFile(
        file,
        (lines, firstLine) => send('restoreBatch', { lines, firstLine }),
        (done, total) => setProgress({ label: 'Restoring', done, total }),
      );
      await send('restoreFinished', {});
      return reportText(report);
    });

  const applyKeep = (next: ArchivePrefs) =>
    run(async () => {
      setPrefs(await saveArchivePrefs(() => next));
      const removed = await send('applyRetention', {});
      return `Saved. Removed ${countLabel(removed.jobs, 'job')} and ${countLabel(removed.snapshots, 'snapshot')}.`;
    });

  const [draft, setDraft] = useState<ArchivePrefs>({});
  useEffect(() => {
    if (prefs) setDraft(prefs);
  }, [prefs]);
  const [draftPlan, setDraftPlan] = useState<RetentionPlan>();
  useEffect(() => {
    void planRetention(db, draft, Date.now()).then(setDraftPlan);
  }, [draft, db]);

  return (
    <section id="storage" class="card" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      <table class="storage-table" aria-label="Space used">
        <tbody>
          <tr>
            <th scope="row">Results</th>
            <td>{usage ? `${formatBytes(usage.results)} (${countLabel(usage.resultCount, 'result')})` : '…'}</td>
          </tr>
          <tr>
            <th scope="row">Snapshots</th>
            <td>{usage ? `${formatBytes(usage.snapshots)} (${countLabel(usage.snapshotCount, 'snapshot')})` : '…'}</td>
          </tr>
          <tr>
            <th scope="row">Search index</th>
            <td>{usage ? formatBytes(usage.index) : '…'}</td>
          </tr>
          {usage &&
            Object.entries(usage.byProvider).map(([id, bytes]) => (
              <tr key={id}>
                <th scope="row">Results from {providerName(id)}</th>
                <td>{formatBytes(bytes)}</td>
              </tr>
            ))}
          <tr>
            <th scope="row">Browser total</th>
            <td>{estimate?.usage !== undefined ? `${formatBytes(estimate.usage)}${estimate.quota ? ` of ${formatBytes(estimate.quota)}` : ''}` : '…'}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted">
        {persist === 'persistent'
          ? 'Storage is persistent: the browser will not evict the archive to free space.'
          : persist === 'best-effort'
            ? 'The browser did not grant persistent storage; it may evict data under storage pressure. Back up regularly.'
            : persist === 'unsupported'
              ? 'This browser offers no persistent storage request.'
              : ''}
      </p>

      <fieldset>
        <legend>Keep results</legend>
        <label class="field">
          Keep results
          <select
            value={draft.keepResultsDays === undefined ? 'forever' : 'days'}
            onChange={(e) => setDraft((d) => ({ ...d, keepResultsDays: e.currentTarget.value === 'forever' ? undefined : (d.keepResultsDays ?? 90) }))}
          >
            <option value="forever">Forever</option>
            <option value="days">For a number of days</option>
          </select>
        </label>
        {draft.keepResultsDays !== undefined && (
          <CountField label="Days to keep results" value={draft.keepResultsDays} onChange={(keepResultsDays) => setDraft((d) => ({ ...d, keepResultsDays }))} />
        )}
        <label class="field">
          Snapshots per monitor
          <select
            value={draft.keepSnapshots === undefined ? 'all' : 'last'}
            onChange={(e) => setDraft((d) => ({ ...d, keepSnapshots: e.currentTarget.value === 'all' ? undefined : (d.keepSnapshots ?? 50) }))}
          >
            <option value="all">Keep all</option>
            <option value="last">Keep the newest</option>
          </select>
        </label>
        {draft.keepSnapshots !== undefined && (
          <CountField label="Snapshots to keep per monitor" value={draft.keepSnapshots} onChange={(keepSnapshots) => setDraft((d) => ({ ...d, keepSnapshots }))} />
        )}
        <div aria-label="Retention preview" role="group">
          {draftPlan && draftPlan.jobIds.length + draftPlan.snapshotIds.length === 0 ? (
            <p class="muted">Nothing would be removed.</p>
          ) : (
            draftPlan && (
              <>
                <p>
                  Would remove {countLabel(draftPlan.jobIds.length, 'job')} with their results and {countLabel(draftPlan.snapshotIds.length, 'snapshot')} (about{' '}
                  {formatBytes(draftPlan.bytes)}).
                </p>
                <ul>
                  {draftPlan.sampleJobs.map((j) => (
                    <li key={j.id}>
                      {j.label} · {formatTime(j.finishedAt)}
                    </li>
                  ))}
                  {draftPlan.sampleSnapshots.map((s) => (
                    <li key={s.id}>Snapshot of {formatTime(s.at)}</li>
                  ))}
                </ul>
              </>
            )
          )}
        </div>
        <button type="button" disabled={!prefs || JSON.stringify(draft) === JSON.stringify(prefs)} onClick={() => void applyKeep(draft)}>
          Save and apply
        </button>
        {plan && prefs && <span class="muted"> Current setting removes {countLabel(plan.jobIds.length, 'job')} now.</span>}
      </fieldset>

      <div class="row">
        <button type="button" disabled={Boolean(progress)} onClick={() => void backup()}>
          Back up everything
        </button>
        <label class="button file-button">
          Restore from backup
          <input
            type="file"
            class="visually-hidden"
            accept=".ndjson,application/x-ndjson,application/json,text/plain"
            disabled={Boolean(progress)}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void restore(file);
            }}
          />
        </label>
      </div>
      {progress && (
        <progress aria-label={`${progress.label} progress`} max={Math.max(1, progress.total)} value={progress.done}>
          {progress.done} / {progress.total}
        </progress>
      )}
      <p role="status" aria-label="Storage status">
        {message}
      </p>
    </section>
  );
}
