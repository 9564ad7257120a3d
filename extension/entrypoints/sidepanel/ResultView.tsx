import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { Tabs, type TabItem } from '@/lib/ui/Tabs';
import { DetailsPanel, detailRows } from './DetailsPanel';
import { ExportBar } from './ExportBar';
import { recordJson, recordText } from './record-text';
import { RenderedPanel } from './RenderedPanel';
import { TablePanel } from './table/TablePanel';
import { ChangesView } from './ChangesView';
import { useMonitorFor } from './use-monitor-for';

type TabId = 'rendered' | 'source' | 'text' | 'json' | 'table' | 'details' | 'changes';

const TABS: readonly TabItem<TabId>[] = [
  { id: 'rendered', label: 'Rendered' },
  { id: 'source', label: 'Source' },
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'table', label: 'Table' },
  { id: 'details', label: 'Details' },
];

export interface ResultViewProps {
  job: Job;
  records: readonly ScrapeRecord[];
}

/** One job's records: a record picker for batches, five views of the record, and exports. */
export function ResultView({ job, records }: ResultViewProps) {
  // ?view=table opens a view directly (links, benchmarks).
  const [tab, setTab] = useState<TabId>(() => TABS.find((t) => t.id === new URLSearchParams(location.search).get('view'))?.id ?? 'rendered');
  const tableText = useRef<() => string>(() => '');
  const onTableText = useCallback((get: () => string) => void (tableText.current = get), []);
  const [picked, setPicked] = useState(0);
  const index = Math.min(picked, records.length - 1);
  const record = records[index];
  const monitorId = useMonitorFor(job);
  const tabs = monitorId ? [...TABS, { id: 'changes' as const, label: 'Changes' }] : TABS;

  // Markdown from big pages is not free: only made when the Text tab (or Copy there) needs it.
  const text = useMemo(() => (record && tab === 'text' ? recordText(record) : ''), [record, tab]);

  const tabContent = (): string => {
    if (!record) return '';
    switch (tab) {
      case 'rendered':
        return record.answer ? recordText(record) : (record.html ?? record.markdown ?? record.text ?? '');
      case 'source':
        return record.html ?? '';
      case 'text':
        return text;
      case 'json':
        return recordJson(record);
      case 'table':
        return tableText.current();
      case 'changes':
        return '';
      case 'details':
        return detailRows({ job, record, recordCount: records.length })
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n');
    }
  };

  return (
    <>
      {records.length > 1 && (
        <label class="field record-picker">
          Record
          <select value={String(index)} onChange={(e) => setPicked(Number(e.currentTarget.value))}>
            {records.map((r, i) => (
              // The option's name is exactly the URL, so it can be picked by URL.
              <option key={i} value={String(i)}>
                {r.url}
              </option>
            ))}
          </select>
        </label>
      )}
      <ExportBar job={job} records={records} record={record} copyText={tabContent} />
      <Tabs label="Result views" idPrefix="result" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'changes' && monitorId ? (
          <ChangesView monitorId={monitorId} />
        ) : !record ? (
          <p class="muted">This job finished without records.</p>
        ) : tab === 'rendered' ? (
          <>
            {record.error && <p class="error">{record.error}</p>}
            <RenderedPanel record={record} />
          </>
        ) : tab === 'source' ? (
          record.html ? <pre class="source">{record.html}</pre> : <p class="muted">No HTML in this record.</p>
        ) : tab === 'text' ? (
          text ? <pre>{text}</pre> : <p class="muted">No text in this record.</p>
        ) : tab === 'json' ? (
          <pre>{recordJson(record)}</pre>
        ) : tab === 'table' ? (
          <TablePanel job={job} records={records} recordIndex={index} onCopyText={onTableText} />
        ) : (
          <DetailsPanel job={job} record={record} recordCount={records.length} />
        )}
      </Tabs>
    </>
  );
}
