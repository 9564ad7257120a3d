import Database from 'better-sqlite3';
import type { ChannelRecord, NewEvent, Store, StoredEvent } from './types';

interface ChannelRow {
  id: string;
  secret_hash: Buffer;
  token_hash: Buffer;
  sealed_token: string;
  label: string | null;
  created_at: number;
  last_event_at: number | null;
}

interface EventRow {
  cursor: number;
  channel_id: string;
  received_at: number;
  headers: string;
  query: string;
  body: Buffer;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS channels (
  id TEXT PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  token_hash BLOB NOT NULL,
  sealed_token TEXT NOT NULL,
  label TEXT,
  created_at INTEGER NOT NULL,
  last_event_at INTEGER
) STRICT;
-- AUTOINCREMENT: cursors must never be reused, even after the newest event is acked and deleted.
CREATE TABLE IF NOT EXISTS events (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  received_at INTEGER NOT NULL,
  headers TEXT NOT NULL,
  query TEXT NOT NULL,
  body BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS events_by_channel ON events(channel_id, cursor);
CREATE INDEX IF NOT EXISTS events_by_received ON events(received_at);
`;

const toChannel = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  secretHash: r.secret_hash,
  tokenHash: r.token_hash,
  sealedToken: r.sealed_token,
  label: r.label,
  createdAt: r.created_at,
  lastEventAt: r.last_event_at,
});

const toEvent = (r: EventRow): StoredEvent => ({
  cursor: r.cursor,
  channelId: r.channel_id,
  receivedAt: r.received_at,
  headers: JSON.parse(r.headers) as Record<string, string>,
  query: r.query,
  body: r.body,
});

/** Opens (creating if needed) the relay database at `path`. The directory must exist. */
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL survives a process crash but may lose the last commits
  // on power loss, and a 202 promises the provider we have the webhook. The fsync per commit is
  // amortised by group commit (write-batcher.ts appends every concurrent webhook in one transaction).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const q = {
    insertChannel: db.prepare(
      `INSERT INTO channels (id, secret_hash, token_hash, sealed_token, label, created_at, last_event_at)
       VALUES (@id, @secretHash, @tokenHash, @sealedToken, @label, @createdAt, @lastEventAt)`,
    ),
    getChannel: db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE id = ?'),
    updateCredentials: db.prepare(
      'UPDATE channels SET secret_hash = @secretHash, token_hash = @tokenHash, sealed_token = @sealedToken WHERE id = @id',
    ),
    deleteChannel: db.prepare('DELETE FROM channels WHERE id = ?'),
    insertEvent: db.prepare(
      `INSERT INTO events (channel_id, received_at, headers, query, body)
       SELECT @channelId, @receivedAt, @headers, @query, @body WHERE EXISTS (SELECT 1 FROM channels WHERE id = @channelId)`,
    ),
    touchChannel: db.prepare('UPDATE channels SET last_event_at = ? WHERE id = ?'),
    listEvents: db.prepare<[string, number], EventRow>(
      'SELECT * FROM events WHERE channel_id = ? AND cursor > ? ORDER BY cursor',
    ),
    hasEventsAfter: db.prepare<[string, number], { one: number }>(
      'SELECT 1 AS one FROM events WHERE channel_id = ? AND cursor > ? LIMIT 1',
    ),
    ack: db.prepare('DELETE FROM events WHERE channel_id = ? AND cursor <= ?'),
    count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE channel_id = ?'),
    purge: db.prepare('DELETE FROM events WHERE received_at < ?'),
  };

  const append = db.transaction((batch: readonly NewEvent[]) =>
    batch.map((e) => {
      const info = q.insertEvent.run({ ...e, headers: JSON.stringify(e.headers) });
      if (info.changes === 0) return null;
      q.touchChannel.run(e.receivedAt, e.channelId);
      return Number(info.lastInsertRowid);
    }),
  );

  return {
    createChannel: (c) => void q.insertChannel.run(c),
    getChannel(id) {
      const row = q.getChannel.get(id);
      return row && toChannel(row);
    },
    updateCredentials: (id, creds) => q.updateCredentials.run({ id, ...creds }).changes > 0,
    deleteChannel: (id) => q.deleteChannel.run(id).changes > 0,
    appendEvents: (batch) => (batch.length === 0 ? [] : append(batch)),
    listEvents(channelId, after, { limit, maxBytes }) {
      const out: StoredEvent[] = [];
      let bytes = 0;
      // iterate() streams rows, so a page of big bodies stops reading at maxBytes.
      for (const row of q.listEvents.iterate(channelId, after)) {
        if (out.length >= limit || (out.length > 0 && bytes + row.body.length > maxBytes)) break;
        out.push(toEvent(row));
        bytes += row.body.length;
      }
      return out;
    },
    hasEventsAfter: (channelId, after) => q.hasEventsAfter.get(channelId, after) !== undefined,
    ack: (channelId, cursor) => q.ack.run(channelId, cursor).changes,
    countPending: (channelId) => q.count.get(channelId)?.n ?? 0,
    purgeReceivedBefore: (before) => q.purge.run(before).changes,
    close() {
      if (db.open) db.close();
    },
  };
}
