import { useMemo, useState } from 'preact/hooks';
import { Dexie } from 'dexie';
import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import { diffRows } from '@/lib/monitors/row-diff';
import { diffText, type Part } from '@/lib/monitors/text-diff';
import type { Snapshot } from '@/lib/monitors/types';
import { formatTime } from '@/lib/ui/format';
import { useLiveQuery } from '@/lib/ui/use-live-query';

export interface ChangesViewProps {
  monitorId: string;
}

function Parts({ parts, kind }: { parts: Part[]; kind: 'added' | 'removed' | 'same' }) {
  return (
    <>
      {parts.map((p, i) => (p.mark ? kind === 'added' ? <ins key={i}>{p.text}</ins> : <del key={i}>{p.text}</del> : p.text))}
    </>
  );
}

function TextDiff({ before, after }: { before: Snapshot; after: Snapshot }) {
  const diff = useMemo(() => diffText(before.text, after.text), [before, after]);
  if (diff.added === 0 && diff.removed === 0) return <p class="muted">The text did not change (apart from dates and times).</p>;
  return (
    <section class="text-diff" aria-label="Text changes">
      <p class="muted">
        {diff.added} line{diff.added === 1 ? '' : 's'} added, {diff.removed} removed
      </p>
      {diff.lines.map((line, i) =>
        line.kind === 'skip' ? (
          <p key={i} class="diff-skip muted">
            … {line.count} unchanged line{line.count === 1 ? '' : 's'}
          </p>
        ) : (
          <p key={i} class={`diff-line diff-${line.kind}`} data-kind={line.kind}>
            <span class="diff-sign" aria-hidden="true">
              {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
            </span>
            {line.kind !== 'same' && <span class="visually-hidden">{line.kind === 'added' ? 'Added: ' : 'Removed: '}</span>}
            <Parts parts={line.parts} kind={line.kind} />
          </p>
        ),
      )}
    </section>
  );
}

function RowDiffTable({ before, after }: { before: Snapshot; after: Snapshot }) {
  const diff = useMemo(() => diffRows(before.rows ?? [], after.rows ?? []), [before, after]);
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return <p class="muted">No rows changed.</p>;
  const cells = (row: Record<string, string>, marked: readonly string[] = []) =>
    diff.columns.map((c) => (
      <td key={c} class={marked.includes(c) ? 'cell-changed' : undefined}>
        {row[c] ?? ''}
      </td>
    ));
  return (
    <table class="row-diff" aria-label="Row changes">
      <thead>
        <tr>
          <th scope="col">Change</th>
          {diff.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {diff.added.map((row, i) => (
          <tr key={`a${i}`} class="row-added">
            <td>Added</td>
            {cells(row)}
          </tr>
        ))}
        {diff.removed.map((row, i) => (
          <tr key={`r${i}`} class="row-removed">
            <td>Removed</td>
            {cells(row)}
          </tr>
        ))}
        {diff.changed.map((c) => (
          <tr key={`c${c.key}`} class="row-changed">
            <td>Changed ({c.cells.join(', ')})</td>
            {cells(c.after, c.cells)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A monitor's snapshot timeline and the diff of two of them (newest vs previous by default). */
export function ChangesView({ monitorId }: ChangesViewProps) {
  const db = archiveDb();
  const snapshots = useLiveQuery(
    () => db.snapshots.where('[monitorId+at]').between([monitorId, Dexie.minKey], [monitorId, Dexie.maxKey]).reverse().toArray(),
    [db, monitorId],
  );
  const [picked, setPicked] = useState<{ newer?: string; older?: string }>({});
  if (!snapshots) return <p class="muted">Loading…</p>;
  if (snapshots.length === 0) return <p class="muted">No snapshots yet: the first check has not finished.</p>;
  const newerIndex = Math.max(0, snapshots.findIndex((s) => s.id === picked.newer));
  const newer = snapshots[newerIndex]!;
  const older = snapshots.find((s) => s.id === picked.older && s.at < newer.at) ?? snapshots[newerIndex + 1];
  const option = (s: Snapshot) => (
    <option key={s.id} value={s.id}>
      {formatTime(s.at)}
      {s.changed ? ' · changed' : ''}
    </option>
  );
  return (
    <div class="changes">
      <ol class="timeline" aria-label="Snapshots">
        {snapshots.map((s, i) => (
          <li key={s.id} data-changed={s.changed}>
            <button type="button" aria-pressed={s.id === newer.id} onClick={() => setPicked({ newer: s.id, older: snapshots[i + 1]?.id })}>
              {formatTime(s.at)}
            </button>
            {s.changed && <span class="changed-badge"> changed</span>}
            {s.error && <span class="error"> {s.error}</span>}
          </li>
        ))}
      </ol>
      {older ? (
        <>
          <div class="row compare-row">
            <label class="field">
              Older snapshot
              <select value={older.id} onChange={(e) => setPicked((p) => ({ ...p, newer: newer.id, older: e.currentTarget.value }))}>
                {snapshots.filter((s) => s.at < newer.at).map(option)}
              </select>
            </label>
            <label class="field">
              Newer snapshot
              <select value={newer.id} onChange={(e) => setPicked({ newer: e.currentTarget.value })}>
                {snapshots.slice(0, -1).map(option)}
              </select>
            </label>
          </div>
          {older.rows && newer.rows && <RowDiffTable before={older} after={newer} />}
          <TextDiff before={older} after={newer} />
        </>
      ) : (
        <p class="muted">Only one snapshot so far; the next check will show what changed.</p>
      )}
    </div>
  );
}
