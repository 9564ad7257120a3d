import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { providerName } from '@/lib/archive/ui/provider-name';
import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import type { MonitorAction } from '@/lib/monitors/monitor-service';
import { INTERVAL_LABELS, IntervalId, type Monitor } from '@/lib/monitors/types';
import { formatTime } from '@/lib/ui/format';
import { MonitorForm } from '@/lib/ui/MonitorForm';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';

const statusOf = (m: Monitor): string => (m.state === 'paused' ? 'Paused' : m.checkJobId ? 'Checking…' : m.lastError ? `Error: ${m.lastError}` : 'Active');

/** "Monitors": every monitor with its schedule and outcome, and Pause / Resume / Check now / Delete. */
export function MonitorsSection({ search = location.search }: { search?: string }) {
  const { send } = useServices();
  const monitors = useLiveQuery(() => archiveDb().monitors.orderBy('createdAt').toArray(), []);
  const [newUrl, setNewUrl] = useState(() => new URLSearchParams(search).get('monitorUrl') ?? '');
  const [message, setMessage] = useState('');

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) setMessage(done);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const act = (m: Monitor, action: MonitorAction) => run(() => send('monitorAction', { id: m.id, action }));
  const showChanges = (m: Monitor) => run(() => browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html?monitor=${encodeURIComponent(m.id)}`) }));

  return (
    <section id="monitors" class="card" aria-labelledby="monitors-heading">
      <h2 id="monitors-heading">Monitors</h2>
      {newUrl && (
        <MonitorForm
          urls={[newUrl]}
          onDone={(done) => {
            setNewUrl('');
            setMessage(done);
          }}
          onCancel={() => setNewUrl('')}
        />
      )}
      <p role="status" aria-label="Monitors status" class="muted">
        {message}
      </p>
      {monitors && monitors.length === 0 && <p class="muted">No monitors yet. Use “Monitor…” on a finished job, or right-click a page: “Monitor this page”.</p>}
      <ul class="monitors" aria-label="Monitors">
        {monitors?.map((m) => (
          <li key={m.id} class="monitor" aria-label={m.url}>
            <div class="monitor-head">
              <strong class="monitor-url" title={m.url}>
                {m.title ? `${m.title} — ` : ''}
                {m.url}
              </strong>
            </div>
            <dl class="monitor-facts">
              <dt>Provider</dt>
              <dd>{providerName(m.provider)}</dd>
              <dt>Last check</dt>
              <dd>{formatTime(m.lastCheckAt)}</dd>
              <dt>Last change</dt>
              <dd>{formatTime(m.lastChangeAt)}</dd>
              <dt>Next check</dt>
              <dd>{m.state === 'paused' ? '—' : formatTime(m.nextCheckAt)}</dd>
              <dt>Status</dt>
              <dd class="monitor-status" data-state={m.state}>
                {statusOf(m)}
              </dd>
              <dt>Checks</dt>
              <dd>
                {m.checks} ({m.changes} changed)
              </dd>
            </dl>
            <div class="row monitor-controls">
              <select
                  aria-label={`Check every for ${m.url}`}
                  value={m.interval}
                  onChange={(e) => void run(() => send('updateMonitor', { id: m.id, interval: IntervalId.parse(e.currentTarget.value) }))}
                >
                  {IntervalId.options.map((id) => (
                    <option key={id} value={id}>
                      {INTERVAL_LABELS[id]}
                    </option>
                  ))}
                </select>
              <label class="check">
                <input
                  type="checkbox"
                  aria-label={`Notify me on change for ${m.url}`}
                  checked={m.notify}
                  onChange={(e) => void run(() => send('updateMonitor', { id: m.id, notify: e.currentTarget.checked }))}
                />
                Notify
              </label>
              {m.state === 'active' ? (
                <button type="button" aria-label={`Pause ${m.url}`} onClick={() => void act(m, 'pause')}>
                  Pause
                </button>
              ) : (
                <button type="button" aria-label={`Resume ${m.url}`} onClick={() => void act(m, 'resume')}>
                  Resume
                </button>
              )}
              <button type="button" aria-label={`Check now ${m.url}`} disabled={Boolean(m.checkJobId)} onClick={() => void act(m, 'checkNow')}>
                Check now
              </button>
              <button type="button" aria-label={`Show changes for ${m.url}`} onClick={() => void showChanges(m)}>
                Changes
              </button>
              <button type="button" class="danger" aria-label={`Delete monitor ${m.url}`} onClick={() => void act(m, 'delete')}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
