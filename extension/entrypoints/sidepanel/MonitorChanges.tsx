import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { ChangesView } from './ChangesView';

/** The viewer opened for a monitor (a change notification, Options → Monitors → Changes). */
export function MonitorChanges({ monitorId }: { monitorId: string }) {
  const monitor = useLiveQuery(async () => (await archiveDb().monitors.get(monitorId)) ?? null, [monitorId]);
  if (monitor === undefined) return <main class="viewer" aria-busy="true" />;
  return (
    <main class="viewer">
      <header class="viewer-head">
        <h1 title={monitor?.url}>Changes: {monitor ? monitor.title || monitor.url : 'monitor deleted'}</h1>
        {monitor && <p class="muted">{monitor.url}</p>}
      </header>
      {monitor && <ChangesView monitorId={monitorId} />}
    </main>
  );
}
