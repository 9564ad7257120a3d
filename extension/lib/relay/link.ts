import { RelayCloseCode, ServerMessage, wsProtocols, relayWsUrl, type RelayEvent } from '@@/shared/relay-protocol';
import type { RelayStatus } from '../messaging/protocol';
import type { SchedulerDeps } from '../scheduler/deps';
import { cleartextProblem } from '../urls/transport';
import { createRelayApi, RelayError } from './api';
import type { RelayKeys } from './keys';
import { streamHeldBack } from './replaced';
import { loadRelayState, patchRelayState, saveRelayState, type RelayState } from './state';
import { applyRelayEvents, runSettledHooks } from './sync';
import { unsealEvent, UnsealError } from './unseal';

/** An event the relay announced instead of pushing (its body is over the relay's inline limit). */
interface Announced {
  announced: true;
  cursor: number;
  id: string;
}

const isAnnounced = (e: RelayEvent | Announced): e is Announced => 'announced' in e;

/** Client pings keep the MV3 worker alive while jobs wait for webhooks (Chrome stops idle workers after 30 s). */
export const KEEPALIVE_MS = 20_000;
const MAX_PULL_PAGES = 50;

export interface RelayLinkDeps {
  scheduler: SchedulerDeps;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  /** The sealing key pairs (IndexedDB): events are stored on the relay encrypted to this browser's key. */
  keys: RelayKeys;
  /** True while some job may still get a webhook: the stream stays open only then. */
  wantsStream: () => Promise<boolean>;
  /** Called when events changed jobs, so the scheduler reschedules. */
  onJobsChanged: () => void;
}

/**
 * The extension's side of the relay: registers a channel, pulls missed events on every wake,
 * and keeps a WebSocket open only while jobs are active. Cursor and secret live in storage.local;
 * the socket is the only in-memory piece and is rebuilt after a restart.
 */
export function createRelayLink(deps: RelayLinkDeps) {
  let socket: WebSocket | undefined;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  let pulling: Promise<void> | undefined;
  /** After-settle hooks of applied batches, one batch after the other. */
  let hooks: Promise<void> = Promise.resolve();

  const api = (state: Pick<RelayState, 'url' | 'subscriberSecret'>) =>
    createRelayApi(deps.fetch, state.url, state.subscriberSecret);

  async function apply(state: RelayState, events: RelayEvent[]): Promise<number> {
    // Opened together (each is a WebCrypto call off this thread), kept in cursor order.
    const unsealed = await Promise.all(
      events.map(async (event) => {
        try {
          return await unsealEvent(event, state.channelId, deps.keys.find);
        } catch (e) {
          // Unreadable for good (key rotated away, tampered): acked with the rest rather than blocking the channel.
          if (!(e instanceof UnsealError)) throw e;
          deps.scheduler.logger.warn(e.message);
          return undefined;
        }
      }),
    );
    const opened = unsealed.filter((e): e is RelayEvent => e !== undefined);
    // One IndexedDB transaction for the batch; events no adapter can read are skipped (and logged).
    const { changed, settled } = await applyRelayEvents(deps.scheduler, state.channelId, opened);
    // Notifications, badge and indexing follow in order, without holding back the next batch: the
    // jobs are already stored as done, and their hooks are no more (or less) durable than before.
    if (settled.length > 0) hooks = hooks.then(() => runSettledHooks(deps.scheduler, settled));
    const last = events.at(-1);
    if (last) await patchRelayState({ lastCursor: Math.max(state.lastCursor, last.cursor), lastEventAt: last.receivedAt });
    if (changed > 0) deps.onJobsChanged();
    return changed;
  }

  function closeSocket(): void {
    clearInterval(keepalive);
    keepalive = undefined;
    const s = socket;
    socket = undefined;
    s?.close(1000);
  }

  /**
   * The event an `event-ready` notice announced, pulled over HTTP; [] when it is no longer stored
   * (another client acked it, or the TTL purged it): then there is nothing to apply in its place.
   */
  async function pullAnnounced(state: RelayState, notice: Announced): Promise<RelayEvent[]> {
    const page = await api(state).events(state.channelId, Math.max(0, notice.cursor - 1), 1);
    return page.events.filter((e) => e.cursor === notice.cursor);
  }

  async function openSocket(state: RelayState): Promise<void> {
    // ws:// off this machine would carry the secret in clear, as http:// would (see api.ts).
    const cleartext = cleartextProblem(state.url, 'the relay secret and your webhooks');
    if (cleartext) throw new RelayError(cleartext);
    const ws = new deps.WebSocket(relayWsUrl(state.url, state.channelId, state.lastCursor), wsProtocols(state.subscriberSecret));
    socket = ws;
    // Events are applied one at a time, in cursor order: acks are cumulative, so acking a later event
    // before an earlier one is written could lose the earlier one if the worker stopped in between.
    // What arrived meanwhile is applied as one batch: one state write, one ack, one scheduler run.
    // An announced (too big to push) event takes its place in that order and is applied on its own.
    const pending: Array<RelayEvent | Announced> = [];
    let draining: Promise<void> | undefined;
    const drain = async () => {
      while (pending.length > 0) {
        const first = pending[0]!;
        // Pushed events up to the next announced one, or the announced one alone.
        const run = isAnnounced(first) ? 1 : pending.findIndex(isAnnounced);
        const batch = pending.splice(0, Math.min(100, run < 0 ? pending.length : run));
        const current = (await loadRelayState()) ?? state;
        const events = isAnnounced(first) ? await pullAnnounced(current, first) : batch.filter((e): e is RelayEvent => !isAnnounced(e));
        await apply(current, events);
        const cursor = batch.at(-1)!.cursor;
        if (events.length === 0) await patchRelayState({ lastCursor: Math.max(current.lastCursor, cursor) });
        // Acked only after the job updates are written: a crash before this redelivers, never loses.
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'ack', cursor }));
      }
    };
    const kick = () => {
      draining ??= drain()
        .catch((e: unknown) => {
          deps.scheduler.logger.error('Relay event failed', e);
          // A later cumulative ack would cover the failed event: drop this socket; the next wake pulls it again.
          pending.length = 0;
          if (socket === ws) closeSocket();
        })
        .finally(() => {
          draining = undefined;
          if (pending.length > 0) kick();
        });
    };
    ws.addEventListener('message', (message) => {
      let parsed;
      try {
        parsed = ServerMessage.safeParse(JSON.parse(String(message.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      if (parsed.data.type === 'event') pending.push(parsed.data.event);
      else if (parsed.data.type === 'event-ready') pending.push({ announced: true, cursor: parsed.data.cursor, id: parsed.data.id });
      else return;
      kick();
    });
    if (state.replacedAt !== undefined) {
      ws.addEventListener('open', () => {
        void patchRelayState({ replacedAt: undefined });
      });
    }
    ws.addEventListener('close', (event) => {
      if (socket === ws) closeSocket();
      // Another connection took this one's place: hold the stream back (wake() pulls instead).
      if (event.code === RelayCloseCode.replaced) void patchRelayState({ replacedAt: deps.scheduler.now() });
    });
    ws.addEventListener('error', () => {
      void patchRelayState({ error: 'WebSocket to the relay failed; events are pulled on the next wake.' });
    });
    keepalive = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'ping' }));
      void deps.wantsStream().then((wanted) => {
        if (!wanted) closeSocket();
      });
    }, KEEPALIVE_MS);
  }

  /** Pulls every event missed while asleep, applies and acks it. */
  async function pullNow(state: RelayState): Promise<void> {
    let current = state;
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const result = await api(current).events(current.channelId, current.lastCursor);
      if (result.events.length === 0) break;
      await apply(current, result.events);
      await api(current).ack(current.channelId, result.nextCursor);
      current = (await loadRelayState()) ?? current;
      if (!result.more) break;
    }
  }

  return {
    /** Registers a channel whose events are sealed to a new key pair of this browser. */
    async connect(url: string, registrationToken?: string): Promise<RelayStatus> {
      const base = new URL(url).origin;
      const existing = await loadRelayState();
      if (existing && existing.url !== base) await this.disconnect();
      const key = await deps.keys.generate();
      const credentials = await createRelayApi(deps.fetch, base).register('Scrape Queue extension', key.publicKey, registrationToken || undefined);
      await deps.keys.prune();
      await saveRelayState({ url: base, ...credentials, lastCursor: 0 });
      await this.wake();
      return this.status();
    },
    /**
     * New subscriber secret, webhook URL and sealing key; the old secret and URL stop working at once.
     * Jobs that already gave a provider the old URL finish by polling instead. The previous key is kept
     * (prune keeps two) so events sealed to it before the rotation still open.
     */
    async rotate(): Promise<RelayStatus> {
      const state = await loadRelayState();
      if (!state) throw new Error('No relay is connected.');
      const key = await deps.keys.generate();
      const credentials = await api(state).rotate(state.channelId, key.publicKey);
      await deps.keys.prune();
      closeSocket();
      await saveRelayState({ ...state, ...credentials, error: undefined, replacedAt: undefined });
      await this.wake();
      return this.status();
    },
    async disconnect(): Promise<RelayStatus> {
      const state = await loadRelayState();
      closeSocket();
      if (state) await api(state).remove(state.channelId).catch(() => undefined);
      await saveRelayState(undefined);
      await deps.keys.clear();
      return { connected: false };
    },
    async status(): Promise<RelayStatus> {
      const state = await loadRelayState();
      if (!state) return { connected: false };
      const base: RelayStatus = {
        url: state.url,
        channelId: state.channelId,
        webhookUrl: state.webhookUrl,
        lastEventAt: state.lastEventAt,
        connected: socket?.readyState === deps.WebSocket.OPEN,
        ...(streamHeldBack(state, deps.scheduler.now()) && { streamReplacedAt: state.replacedAt }),
      };
      try {
        const info = await api(state).info(state.channelId);
        return {
          ...base,
          connected: true,
          eventsWaiting: info.pending,
          lastEventAt: info.lastEventAt ?? state.lastEventAt,
          sealed: info.sealed,
          full: info.full,
        };
      } catch (e) {
        return { ...base, connected: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    webhookUrl: async (): Promise<string | undefined> => (await loadRelayState())?.webhookUrl,
    /** On every worker wake: pull what was missed, then hold the stream open while jobs are active. */
    async wake(): Promise<void> {
      const state = await loadRelayState();
      if (!state) return;
      pulling ??= pullNow(state)
        .then(() => patchRelayState({ error: undefined }).then(() => undefined))
        .catch(async (e: unknown) => {
          await patchRelayState({ error: e instanceof Error ? e.message : String(e) });
        })
        .finally(() => {
          pulling = undefined;
        });
      await pulling;
      const current = (await loadRelayState()) ?? state;
      if (streamHeldBack(current, deps.scheduler.now())) return;
      if (await deps.wantsStream()) {
        if (!socket) await openSocket(current).catch((e: unknown) => patchRelayState({ error: e instanceof Error ? e.message : String(e) }));
      } else closeSocket();
    },
  };
}

export type RelayLink = ReturnType<typeof createRelayLink>;
