import { useEffect, useState } from 'preact/hooks';
import { ProviderId } from '@@/shared/schemas/job';
import { INTERVAL_LABELS, IntervalId } from '@/lib/monitors/types';
import type { MonitorProvider } from '@/lib/archive/protocol';
import { requestPageAccess } from '@/lib/permissions/host-access';
import { useServices } from '@/lib/ui/services';

export interface MonitorFormProps {
  urls: string[];
  /** Preselected provider (the job's); the form falls back to the first that takes URLs. */
  provider?: ProviderId;
  baselineJobId?: string;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

/** "Monitor…": Check every, provider and "Notify me on change", then start. */
export function MonitorForm({ urls, provider, baselineJobId, onDone, onCancel }: MonitorFormProps) {
  const { send } = useServices();
  const [providers, setProviders] = useState<MonitorProvider[]>([]);
  const [chosen, setChosen] = useState<ProviderId | undefined>(provider);
  const [interval, setInterval] = useState<IntervalId>('hourly');
  const [notify, setNotify] = useState(true);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void send('monitorProviders', {}).then((list) => {
      setProviders(list);
      setChosen((current) => (current && list.some((p) => p.id === current) ? current : list[0]?.id));
    });
  }, [send]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!chosen) return;
    // Asked during the click (permissions.request needs the gesture); loopback and granted hosts answer at once.
    const access = providers.find((p) => p.id === chosen)?.readsPagesHere ? requestPageAccess(urls) : Promise.resolve(true);
    setBusy(true);
    try {
      await access;
      const { created } = await send('createMonitors', { urls, provider: chosen, interval, notify, baselineJobId });
      onDone(`Monitoring ${created === 1 ? urls[0] : `${created} pages`} (${INTERVAL_LABELS[interval].toLowerCase()}).`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="monitor-form" aria-label={`Monitor ${urls.length === 1 ? urls[0] : `${urls.length} pages`}`} onSubmit={(e) => void submit(e)}>
      <p class="monitor-url" title={urls.join('\n')}>
        {urls.length === 1 ? urls[0] : `${urls.length} pages: ${urls[0]} …`}
      </p>
      <label class="field">
        Check every
        <select value={interval} onChange={(e) => setInterval(IntervalId.parse(e.currentTarget.value))}>
          {IntervalId.options.map((id) => (
            <option key={id} value={id}>
              {INTERVAL_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        Monitor provider
        <select value={chosen ?? ''} onChange={(e) => setChosen(ProviderId.parse(e.currentTarget.value))}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} />
        Notify me on change
      </label>
      {error && <p class="error">{error}</p>}
      <div class="row">
        <button type="submit" disabled={busy || !chosen}>
          Start monitoring
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
