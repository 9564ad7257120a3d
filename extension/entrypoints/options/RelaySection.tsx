import { useEffect, useRef, useState } from 'preact/hooks';
import type { RelayStatus } from '@/lib/messaging/protocol';
import { formatTime } from '@/lib/ui/format';
import { useServices } from '@/lib/ui/services';
import { requestHostAccess } from '@/lib/permissions/host-access';
import { relayUrlError } from './validate';

const POLL_MS = 3_000;

/**
 * Webhook relay: connect (registers a channel) or disconnect (removes it), and a live view of its
 * state, polled while the page is open.
 */
export function RelaySection() {
  const { send } = useServices();
  const [url, setUrl] = useState<string>();
  // Only sent with Connect (a relay started with --registration-token needs it); never stored.
  const [registrationToken, setRegistrationToken] = useState('');
  const [status, setStatus] = useState<RelayStatus>();
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Bumped by every connect/disconnect: a status poll that started before it is stale and dropped.
  const epoch = useRef(0);

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      const started = epoch.current;
      try {
        const s = await send('relayStatus', {});
        if (stopped || started !== epoch.current) return;
        setStatus(s);
        setUrl((current) => current ?? s.url ?? '');
      } catch (e) {
        if (!stopped) setActionError(e instanceof Error ? e.message : String(e));
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [send]);

  const run = async (action: () => Promise<RelayStatus>) => {
    epoch.current++;
    setBusy(true);
    setActionError(undefined);
    try {
      const next = await action();
      epoch.current++;
      setStatus(next);
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const connect = (e: Event) => {
    e.preventDefault();
    const target = (url ?? '').trim();
    const invalid = relayUrlError(target);
    if (invalid) return setActionError(invalid);
    // A relay off this machine needs host access; ask during the click (permissions.request needs a gesture).
    const granted = requestHostAccess(target);
    void run(async () => {
      await granted;
      return send('relayConnect', { url: target, registrationToken: registrationToken.trim() || undefined });
    });
  };

  return (
    <section class="card" aria-labelledby="relay-heading">
      <h2 id="relay-heading">Webhook relay</h2>
      <p class="muted">
        Providers deliver webhooks to the relay; the extension picks them up instead of polling as often. Rotating the secret
        also replaces the webhook URL; jobs already running then finish by polling.
      </p>
      <form class="row nowrap" onSubmit={connect}>
        <label class="field grow">
          Relay URL
          <input type="url" placeholder="e.g. https://relay.example.com" value={url ?? ''} onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        {!status?.url && (
          <label class="field">
            Relay registration token
            <input
              type="password"
              autocomplete="off"
              placeholder="only if the relay asks for one"
              value={registrationToken}
              onInput={(e) => setRegistrationToken(e.currentTarget.value)}
            />
          </label>
        )}
        {/* One of the two at a time: "Connect" is a substring of "Disconnect", so both on screen make the name ambiguous. */}
        {status?.url ? (
          <>
            <button type="button" disabled={busy} onClick={() => void run(() => send('relayRotate', {}))}>
              Rotate secret
            </button>
            <button type="button" disabled={busy} onClick={() => void run(() => send('relayDisconnect', {}))}>
              Disconnect
            </button>
          </>
        ) : (
          <button type="submit" class="primary" disabled={busy}>
            Connect
          </button>
        )}
      </form>
      <div role="status" class="relay-status" aria-label="Relay status">
        {actionError && <p class="error">{actionError}</p>}
        {status && (
          <dl class="details">
            <div class="detail">
              <dt>State</dt>
              <dd class={status.connected ? 'ok' : undefined}>{status.connected ? 'connected' : 'not connected'}</dd>
            </div>
            {status.channelId && (
              <div class="detail">
                <dt>Channel</dt>
                <dd>{status.channelId}</dd>
              </div>
            )}
            <div class="detail">
              <dt>Last event</dt>
              <dd>{status.lastEventAt === undefined ? 'none yet' : formatTime(status.lastEventAt)}</dd>
            </div>
            <div class="detail">
              <dt>Events waiting</dt>
              <dd>{status.eventsWaiting ?? 0}</dd>
            </div>
            {status.sealed !== undefined && (
              <div class="detail">
                <dt>Stored events</dt>
                <dd>{status.sealed ? 'sealed to this browser' : 'not sealed (relay without sealing)'}</dd>
              </div>
            )}
            {status.full && (
              <div class="detail">
                <dt>Storage</dt>
                <dd class="error">Relay channel full: the relay refuses new webhooks until waiting events are delivered.</dd>
              </div>
            )}
            {status.streamReplacedAt !== undefined && (
              <div class="detail">
                <dt>Live stream</dt>
                <dd>Replaced by another connection at {formatTime(status.streamReplacedAt)}; events are pulled on each wake instead.</dd>
              </div>
            )}
            {status.error && (
              <div class="detail">
                <dt>Error</dt>
                <dd class="error">{status.error}</dd>
              </div>
            )}
          </dl>
        )}
      </div>
    </section>
  );
}
