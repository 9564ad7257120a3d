/**
 * The relay's persistence boundary, one interface for every backend: SQLite (default, embedded),
 * Redis Streams (several relay instances share it) and memory (tests, `--memory`). Every method is
 * async because Redis is; a write resolving means it is durable as far as the backend promises
 * (SQLite: fsynced; Redis: accepted under its appendfsync policy, see relay/README.md).
 * `store-suite.ts` is the behaviour every backend must pass.
 */

export interface ChannelRecord {
  id: string;
  /** SHA-256 of the subscriber secret. */
  secretHash: Buffer;
  /** SHA-256 of the webhook token. */
  tokenHash: Buffer;
  /** The webhook token encrypted with a key derived from the subscriber secret (see auth.ts). */
  sealedToken: string;
  label: string | null;
  createdAt: number;
  lastEventAt: number | null;
  /** The subscriber's P-256 public key (base64url, raw uncompressed); events are sealed to it. Null: stored as sent. */
  publicKey: string | null;
  /** Per signature scheme (e.g. `scrapingpros`), the secret its webhook signatures are checked with. */
  hookSecrets: Record<string, string>;
  /** When a webhook was last refused because the channel was over its quota; an ack clears it. */
  fullAt: number | null;
}

/** Fields a channel owner may change (rotate, key registration, signature secrets). */
export type ChannelUpdate = Partial<Pick<ChannelRecord, 'secretHash' | 'tokenHash' | 'sealedToken' | 'publicKey' | 'hookSecrets'>>;

/** How a sealed body was encrypted (ECDH P-256 ephemeral key + HKDF-SHA256 + AES-256-GCM, see seal.ts). */
export interface EventSeal {
  /** Id of the subscriber key it was sealed to. */
  kid: string;
  /** Ephemeral public key, base64url raw. */
  epk: string;
  /** AES-GCM nonce, base64url. */
  iv: string;
}

export interface NewEvent {
  channelId: string;
  /** Stable id of the event (random, given at ingest); the same on every delivery. */
  id: string;
  receivedAt: number;
  /** Allowlisted headers; `{}` when sealed (they are inside the ciphertext). */
  headers: Record<string, string>;
  query: string;
  /** The raw body, or the ciphertext when `seal` is set. */
  body: Buffer;
  seal: EventSeal | null;
}

export interface StoredEvent extends NewEvent {
  cursor: number;
  /** Set when the body was left out (it is larger than {@link ListOptions.maxBodyBytes}): its size; `body` is then empty. */
  omittedBytes?: number;
}

export interface ListOptions {
  limit: number;
  /** Stop adding events once their bodies total more than this (at least one event is returned). */
  maxBytes: number;
  /**
   * Bodies larger than this are not read: such events come back with an empty body and
   * `omittedBytes` (and count 0 towards `maxBytes`). Unset: every body is read.
   */
  maxBodyBytes?: number;
}

export interface AppendOptions {
  /** A channel may hold at most this many bytes of events ({@link eventSize}); 0 = no limit. */
  quotaBytes: number;
  /** A channel may hold at most this many unacked events; 0 = no limit. */
  quotaEvents?: number;
  /** All channels together may hold at most this many bytes of events; 0 = no limit. */
  totalBytes?: number;
}

/**
 * Per input event: its cursor, or why it was not stored: the channel is gone, over its own quota
 * (`full`, marks `fullAt`), or the whole store is at its size cap (`store_full`, nothing marked).
 */
export type AppendOutcome = { cursor: number } | { refused: 'gone' | 'full' | 'store_full' };

export interface ChannelUsage {
  /** Stored, not yet acked events. */
  pending: number;
  /** Their size as counted against the quota. */
  bytes: number;
}

/** What one relay process tells the others sharing the store. */
export type StoreNotice =
  | { type: 'appended'; channelIds: string[] }
  | { type: 'closed'; channelId: string; code: number; reason: string };

export interface Store {
  /** `sqlite`, `redis` or `memory` (logs and /metrics). */
  readonly kind: string;
  createChannel(channel: ChannelRecord): Promise<void>;
  getChannel(id: string): Promise<ChannelRecord | undefined>;
  /** False when the channel does not exist. */
  updateChannel(id: string, update: ChannelUpdate): Promise<boolean>;
  /** Deletes the channel and all its events; false when it did not exist. */
  deleteChannel(id: string): Promise<boolean>;
  /**
   * Appends events durably in one round (group commit). Cursors are strictly increasing per
   * channel, never reused, and positive. A channel over its quota refuses the event and gets `fullAt`.
   */
  appendEvents(events: readonly NewEvent[], options: AppendOptions): Promise<AppendOutcome[]>;
  /** Events of a channel with cursor > after, in cursor order. */
  listEvents(channelId: string, after: number, options: ListOptions): Promise<StoredEvent[]>;
  /** True when the channel has an event with cursor > after. */
  hasEventsAfter(channelId: string, after: number): Promise<boolean>;
  /** Deletes the channel's events with cursor <= cursor and clears `fullAt`; returns how many were deleted. */
  ack(channelId: string, cursor: number): Promise<number>;
  usage(channelId: string): Promise<ChannelUsage>;
  /** Unacked events over all channels (/metrics). */
  totalPending(): Promise<number>;
  /** Deletes events received before `receivedBefore` (epoch ms); returns how many. */
  purgeReceivedBefore(receivedBefore: number): Promise<number>;
  /** Marks the channel full without storing anything (a webhook refused before its body was read). */
  markFull(id: string, at: number): Promise<void>;
  /** Bytes of stored events over all channels ({@link eventSize}), as the total cap counts them. */
  storedBytes(): Promise<number>;
  /** Records that a subscriber used the channel at `at` (epoch ms), for {@link expireIdleChannels}. */
  touchChannel(id: string, at: number): Promise<void>;
  /**
   * Deletes, with their events, channels no subscriber has used since `usedBefore` (a channel never
   * used counts from its creation); returns their ids.
   */
  expireIdleChannels(usedBefore: number): Promise<string[]>;
  /** Gives the space of deleted events back to the file system where the backend can (SQLite: checkpoint + incremental vacuum). */
  reclaim(): Promise<void>;
  /** Resolves when the backend answers (/readyz). */
  ping(): Promise<void>;
  /** Notices announced by OTHER relay processes on this store; a single-process store never calls it. */
  onNotice(listener: (notice: StoreNotice) => void): void;
  /** Tells the other relay processes; a no-op for a single-process store. */
  announce(notice: StoreNotice): Promise<void>;
  close(): Promise<void>;
}

/** What an event counts against its channel's quota: body, headers and query bytes. */
export function eventSize(e: Pick<NewEvent, 'body' | 'headers' | 'query'>): number {
  let headers = 0;
  for (const [k, v] of Object.entries(e.headers)) headers += k.length + v.length + 2;
  return e.body.length + headers + e.query.length;
}

/** The backend cannot be reached right now (e.g. Redis restarting): answered 503, the caller may retry. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
