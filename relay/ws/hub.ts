import type { WebSocket } from 'ws';
import { RelayCloseCode } from '../../shared/relay-protocol';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import { createFrameSource, type FrameSource } from './frames';
import { Subscriber, type SubscriberOptions } from './subscriber';

/** All live subscriptions, by channel; wakes them on new events and keeps them alive with pings. */
export interface Hub {
  attach(ws: WebSocket, channelId: string, after: number): Subscriber;
  /** Events were stored for these channels (by this process or, through store notices, another). */
  notify(channelIds: Iterable<string>): void;
  /** Closes this channel's subscribers here and tells the other relay processes to do the same. */
  closeChannel(channelId: string, code: number, reason: string): void;
  /** The channel's events up to `cursor` were acked over HTTP: cached frames of them go. */
  acked(channelId: string, cursor: number): void;
  stats(): { subscribers: number; maxBufferedAmount: number; frames: ReturnType<FrameSource['stats']> };
  /** Channels with a live subscriber on this process. */
  channelIds(): string[];
  /** Sends 1001 to everyone and resolves once all sockets are gone (forcing them after `graceMs`). */
  close(graceMs: number): Promise<void>;
}

export interface HubOptions extends SubscriberOptions {
  pingIntervalMs: number;
  maxSubscribersPerChannel: number;
  /** Events with a body over this go out as `event-ready` notices (pulled over HTTP), not inline. */
  inlineEventMaxBytes: number;
  /** Serialized frames kept for subscribers a little behind, over all channels. */
  frameCacheBytes: number;
}

export function createHub(store: Store, logger: Logger, options: HubOptions): Hub {
  const byChannel = new Map<string, Set<Subscriber>>();
  let maxBufferedAmount = 0;
  const frames = createFrameSource(store, {
    inlineEventMaxBytes: options.inlineEventMaxBytes,
    pageBytes: options.highWaterBytes,
    cacheBytes: options.frameCacheBytes,
  });

  const all = () => [...byChannel.values()].flatMap((s) => [...s]);
  const detach = (sub: Subscriber) => {
    sub.stop();
    maxBufferedAmount = Math.max(maxBufferedAmount, sub.maxBuffered);
    const subs = byChannel.get(sub.channelId);
    subs?.delete(sub);
    if (subs?.size === 0) byChannel.delete(sub.channelId);
  };

  // A subscriber that did not answer the previous ping is gone (e.g. a sleeping laptop).
  const pinger = setInterval(() => {
    for (const sub of all()) {
      if (!sub.alive) {
        logger.info(`ws ${sub.channelId} missed a ping, terminating`);
        detach(sub);
        sub.ws.terminate();
        continue;
      }
      sub.alive = false;
      sub.ws.ping();
    }
  }, options.pingIntervalMs).unref();

  const closeLocal = (channelId: string, code: number, reason: string) => {
    frames.forget(channelId);
    for (const sub of byChannel.get(channelId) ?? []) sub.close(code, reason);
  };
  const notify = (channelIds: Iterable<string>) => {
    for (const id of channelIds) {
      for (const sub of byChannel.get(id) ?? []) sub.pump();
    }
  };
  store.onNotice((notice) => {
    if (notice.type === 'appended') notify(notice.channelIds);
    else closeLocal(notice.channelId, notice.code, notice.reason);
  });

  return {
    attach(ws, channelId, after) {
      ws.on('error', (e) => logger.error(`ws ${channelId} error`, e));
      const sub = new Subscriber(ws, channelId, after, store, frames, logger, options);
      let subs = byChannel.get(channelId);
      if (!subs) byChannel.set(channelId, (subs = new Set()));
      subs.add(sub);
      ws.on('close', () => detach(sub));
      // Sets keep insertion order: the first ones are the oldest. Bounded: at most one over the cap.
      for (const oldest of subs) {
        if (subs.size <= options.maxSubscribersPerChannel) break;
        logger.info(`ws ${channelId} over ${options.maxSubscribersPerChannel} subscribers, closing the oldest (4409)`);
        oldest.close(RelayCloseCode.replaced, 'replaced by a newer connection');
        detach(oldest);
      }
      return sub;
    },
    notify,
    closeChannel(channelId, code, reason) {
      closeLocal(channelId, code, reason);
      store.announce({ type: 'closed', channelId, code, reason }).catch((e: unknown) => logger.error('announcing a channel close failed', e));
    },
    acked: (channelId, cursor) => frames.forget(channelId, cursor),
    channelIds: () => [...byChannel.keys()],
    stats() {
      const subs = all();
      return {
        subscribers: subs.length,
        maxBufferedAmount: Math.max(maxBufferedAmount, ...subs.map((s) => s.maxBuffered)),
        frames: frames.stats(),
      };
    },
    async close(graceMs) {
      clearInterval(pinger);
      const subs = all();
      await Promise.all(
        subs.map(
          (sub) =>
            new Promise<void>((resolve) => {
              if (sub.ws.readyState === sub.ws.CLOSED) return resolve();
              sub.ws.once('close', () => resolve());
              sub.close(RelayCloseCode.goingAway, 'relay shutting down');
              setTimeout(() => sub.ws.terminate(), graceMs).unref();
            }),
        ),
      );
    },
  };
}
