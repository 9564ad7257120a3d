/**
 * The relay's persistence boundary. Two implementations: SQLite (default, durable) and memory (tests).
 * All methods are synchronous: better-sqlite3 is, and a write returning means it is durable.
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
}

export interface ChannelCredentialHashes {
  secretHash: Buffer;
  tokenHash: Buffer;
  sealedToken: string;
}

export interface NewEvent {
  channelId: string;
  receivedAt: number;
  headers: Record<string, string>;
  query: string;
  body: Buffer;
}

export interface StoredEvent extends NewEvent {
  cursor: number;
}

export interface ListOptions {
  limit: number;
  /** Stop adding events once their bodies total more than this (at least one event is returned). */
  maxBytes: number;
}

export interface Store {
  createChannel(channel: ChannelRecord): void;
  getChannel(id: string): ChannelRecord | undefined;
  /** Replaces the secret and token hashes; false when the channel does not exist. */
  updateCredentials(id: string, creds: ChannelCredentialHashes): boolean;
  /** Deletes the channel and all its events; false when it did not exist. */
  deleteChannel(id: string): boolean;
  /**
   * Appends events in ONE durable transaction (group commit). Returns, per input, its cursor or
   * null when the channel no longer exists. Cursors are strictly increasing and never reused.
   */
  appendEvents(events: readonly NewEvent[]): Array<number | null>;
  /** Events of a channel with cursor > after, in cursor order. */
  listEvents(channelId: string, after: number, options: ListOptions): StoredEvent[];
  /** True when the channel has an event with cursor > after. */
  hasEventsAfter(channelId: string, after: number): boolean;
  /** Deletes the channel's events with cursor <= cursor; returns how many were deleted. */
  ack(channelId: string, cursor: number): number;
  countPending(channelId: string): number;
  /** Deletes events received before `receivedBefore` (epoch ms); returns how many. */
  purgeReceivedBefore(receivedBefore: number): number;
  close(): void;
}
