import Database from 'better-sqlite3';
import { z } from 'zod';
import { createWalSync } from './wal-sync';
import { eventSize, type AppendOptions, type AppendOutcome, type ChannelRecord, type ChannelUpdate, type EventSeal, type NewEvent, type Store, type StoredEvent } from './types';

interface ChannelRow {
  id: string;
  secret_hash: Buffer;
  token_hash: Buffer;
  sealed_token: string;
  label: string | null;
  created_at: number;
  last_event_at: number | null;
  public_key: string | null;
  hook_secrets: string;
  full_at: number | null;
  bytes: number;
}

interface EventRow {
  cursor: number;
  channel_id: string;
  event_id: string;
  received_at: number;
  headers: string;
  query: string;
  /** Null when the body is larger than the read's limit (it was not read). */
  body: Buffer | null;
  body_length: number;
  seal: string | null;
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

// Columns added after the first release; added in place so an existing relay.sqlite keeps its channels.
const ADDED_COLUMNS: Array<[table: string, column: string, definition: string]> = [
  ['channels', 'public_key', 'TEXT'],
  ['channels', 'hook_secrets', "TEXT NOT NULL DEFAULT '{}'"],
  ['channels', 'full_at', 'INTEGER'],
  ['channels', 'bytes', 'INTEGER NOT NULL DEFAULT 0'],
  ['events', 'event_id', "TEXT NOT NULL DEFAULT ''"],
  ['events', 'seal', 'TEXT'],
  ['events', 'size', 'INTEGER NOT NULL DEFAULT 0'],
  ['channels', 'pending', 'INTEGER NOT NULL DEFAULT 0'],
  ['channels', 'used_at', 'INTEGER'],
];

const Headers = z.record(z.string(), z.string());
const Seal = z.object({ kid: z.string(), epk: z.string(), iv: z.string() });
const HookSecrets = z.record(z.string(), z.string());

const toChannel = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  secretHash: r.secret_hash,
  tokenHash: r.token_hash,
  sealedToken: r.sealed_token,
  label: r.label,
  createdAt: r.created_at,
  lastEventAt: r.last_event_at,
  publicKey: r.public_key,
  hookSecrets: HookSecrets.parse(JSON.parse(r.hook_secrets)),
  fullAt: r.full_at,
});

const toEvent = (r: EventRow): StoredEvent => ({
  cursor: r.cursor,
  channelId: r.channel_id,
  // Events stored before ids existed get one derived from their cursor, stable all the same.
  id: r.event_id || `c${r.cursor}`,
  receivedAt: r.received_at,
  headers: Headers.parse(JSON.parse(r.headers)),
  query: r.query,
  body: r.body ?? Buffer.alloc(0),
  ...(r.body === null && r.body_length > 0 && { omittedBytes: r.body_length }),
  seal: r.seal ? (Seal.parse(JSON.parse(r.seal)) satisfies EventSeal) : null,
});

/** What the WAL may grow to between checkpoints, and the size it is cut back to after one. */
const WAL_BYTES = 16 * 1024 * 1024;

/** Opens (creating or upgrading if needed) the relay database at `path`. The directory must exist. */
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  // Deleted events' pages go back to the file system (reclaim()), not only to SQLite's free list.
  // auto_vacuum can only change on an empty database or through a VACUUM, done once for older files.
  if (db.pragma('auto_vacuum', { simple: true }) !== 2) {
    db.pragma('auto_vacuum = INCREMENTAL');
    const tables = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n ?? 0;
    if (tables > 0) db.exec('VACUUM');
  }
  db.pragma('journal_mode = WAL');
  // A 50 MiB webhook passes through the WAL; without a limit the WAL keeps its largest size for ever.
  db.pragma(`journal_size_limit = ${WAL_BYTES}`);
  // A checkpoint runs on the event loop after the commit that passes this many pages, and syncs both
  // files: at SQLite's default (1,000 pages, ~4 MB, about 1,500 webhooks of 2 KB) one stalled every
  // webhook in flight for two fsyncs. A WAL the size of the limit above has a quarter of the stalls.
  db.pragma(`wal_autocheckpoint = ${Math.floor(WAL_BYTES / Number(db.pragma('page_size', { simple: true })))}`);
  // Durability of FULL without its fsync on the event loop: NORMAL commits write the WAL, and
  // every write below resolves only after wal-sync.ts has fdatasynced it (FULL in WAL mode is NORMAL
  // plus exactly that sync). So a 202 still means the webhook survives SIGKILL and power loss, and
  // webhooks arriving while the disk syncs are parsed meanwhile and share the next commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  db.transaction(() => {
    for (const [table, column, definition] of ADDED_COLUMNS) {
      const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    // Events from before sizes were kept: count them now so the quota sees them.
    db.exec('UPDATE events SET size = length(body) + length(headers) + length(query) WHERE size = 0');
    db.exec(
      `UPDATE channels SET bytes = (SELECT COALESCE(SUM(size), 0) FROM events WHERE channel_id = channels.id),
       pending = (SELECT COUNT(*) FROM events WHERE channel_id = channels.id)`,
    );
  })();

  const wal = createWalSync(path);
  // Readers see only synced events: a subscriber never gets an event its webhook's 202 is still waiting for.
  let durableCursor = db.prepare<[], { c: number | null }>('SELECT MAX(cursor) AS c FROM events').get()?.c ?? 0;
  /** Runs a write, then resolves once it is on disk. */
  const durably = async <T>(write: () => T): Promise<T> => {
    const result = write();
    await wal.sync();
    return result;
  };

  const q = {
    insertChannel: db.prepare(
      `INSERT INTO channels (id, secret_hash, token_hash, sealed_token, label, created_at, last_event_at, public_key, hook_secrets, full_at)
       VALUES (@id, @secretHash, @tokenHash, @sealedToken, @label, @createdAt, @lastEventAt, @publicKey, @hookSecrets, @fullAt)`,
    ),
    getChannel: db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE id = ?'),
    channelBytes: db.prepare<[string], { bytes: number; pending: number }>('SELECT bytes, pending FROM channels WHERE id = ?'),
    deleteChannel: db.prepare('DELETE FROM channels WHERE id = ?'),
    // Positional parameters: binding by name looks each one up, per column per webhook.
    insertEvent: db.prepare<[string, string, number, string, string, Buffer, string | null, number]>(
      `INSERT INTO events (channel_id, event_id, received_at, headers, query, body, seal, size)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    afterInsert: db.prepare('UPDATE channels SET last_event_at = ?, bytes = bytes + ?, pending = pending + ? WHERE id = ?'),
    markFull: db.prepare('UPDATE channels SET full_at = ? WHERE id = ?'),
    // length() of a BLOB column reads only the record header, so a body over the limit is never loaded.
    listEvents: db.prepare<[{ channelId: string; after: number; durable: number; maxBody: number }], EventRow>(
      `SELECT cursor, channel_id, event_id, received_at, headers, query, seal, length(body) AS body_length,
       CASE WHEN length(body) <= @maxBody THEN body END AS body
       FROM events WHERE channel_id = @channelId AND cursor > @after AND cursor <= @durable ORDER BY cursor`,
    ),
    hasEventsAfter: db.prepare<[string, number, number], { one: number }>('SELECT 1 AS one FROM events WHERE channel_id = ? AND cursor > ? AND cursor <= ? LIMIT 1'),
    ack: db.prepare<[string, number], { size: number }>('DELETE FROM events WHERE channel_id = ? AND cursor <= ? RETURNING size'),
    afterAck: db.prepare('UPDATE channels SET bytes = MAX(0, bytes - ?), pending = MAX(0, pending - ?), full_at = NULL WHERE id = ?'),
    total: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events'),
    purge: db.prepare<[number], { channel_id: string; size: number }>('DELETE FROM events WHERE received_at < ? RETURNING channel_id, size'),
    shrink: db.prepare('UPDATE channels SET bytes = MAX(0, bytes - ?), pending = MAX(0, pending - ?) WHERE id = ?'),
    totalBytes: db.prepare<[], { n: number }>('SELECT COALESCE(SUM(bytes), 0) AS n FROM channels'),
    touch: db.prepare('UPDATE channels SET used_at = MAX(COALESCE(used_at, 0), ?) WHERE id = ?'),
    idle: db.prepare<[number], { id: string }>('SELECT id FROM channels WHERE COALESCE(used_at, created_at) < ?'),
  };
  // This process is the file's only writer, so a running total kept beside the writes is exact.
  let storedBytes = q.totalBytes.get()?.n ?? 0;

  // Every webhook reads its channel; this process is the file's only writer, so a cache kept up to
  // date by the writes below is exact (and saves a query plus a JSON parse per webhook).
  const cache = new Map<string, ChannelRecord>();
  const cached = (id: string, patch: Partial<ChannelRecord>) => {
    const c = cache.get(id);
    if (c) cache.set(id, { ...c, ...patch });
  };

  // One read and one update per channel per batch, not per event: a batch is mostly one busy channel.
  const append = db.transaction((batch: readonly NewEvent[], { quotaBytes, quotaEvents = 0, totalBytes = 0 }: AppendOptions) => {
    const channels = new Map<string, { bytes: number; pending: number; added: number; stored: number; lastAt: number } | null>();
    let addedBytes = 0;
    const outcomes = batch.map((e): AppendOutcome => {
      let ch = channels.get(e.channelId);
      if (ch === undefined) {
        const row = q.channelBytes.get(e.channelId);
        ch = row ? { bytes: row.bytes, pending: row.pending, added: 0, stored: 0, lastAt: 0 } : null;
        channels.set(e.channelId, ch);
      }
      if (!ch) return { refused: 'gone' };
      const size = eventSize(e);
      if ((quotaBytes > 0 && ch.bytes + ch.added + size > quotaBytes) || (quotaEvents > 0 && ch.pending + ch.stored >= quotaEvents)) {
        q.markFull.run(e.receivedAt, e.channelId);
        return { refused: 'full' };
      }
      if (totalBytes > 0 && storedBytes + addedBytes + size > totalBytes) return { refused: 'store_full' };
      const info = q.insertEvent.run(e.channelId, e.id, e.receivedAt, JSON.stringify(e.headers), e.query, e.body, e.seal && JSON.stringify(e.seal), size);
      ch.added += size;
      ch.stored++;
      ch.lastAt = e.receivedAt;
      addedBytes += size;
      return { cursor: Number(info.lastInsertRowid) };
    });
    for (const [id, ch] of channels) if (ch && ch.stored > 0) q.afterInsert.run(ch.lastAt, ch.added, ch.stored, id);
    return { outcomes, addedBytes };
  });
  const appendAndCache = (batch: readonly NewEvent[], options: AppendOptions): AppendOutcome[] => {
    const { outcomes, addedBytes } = append(batch, options);
    storedBytes += addedBytes;
    // Only after the commit: a rolled-back transaction must not show in the cache.
    outcomes.forEach((o, i) => {
      const e = batch[i]!;
      if ('cursor' in o) cached(e.channelId, { lastEventAt: e.receivedAt });
      else if (o.refused === 'full') cached(e.channelId, { fullAt: e.receivedAt });
    });
    return outcomes;
  };
  const ack = db.transaction((channelId: string, cursor: number) => {
    const deleted = q.ack.all(channelId, cursor);
    const freed = deleted.reduce((n, r) => n + r.size, 0);
    q.afterAck.run(freed, deleted.length, channelId);
    return { deleted: deleted.length, freed };
  });
  const ackAndCache = (channelId: string, cursor: number) => {
    const { deleted, freed } = ack(channelId, cursor);
    storedBytes -= freed;
    cached(channelId, { fullAt: null });
    return deleted;
  };
  const purge = db.transaction((before: number) => {
    const deleted = q.purge.all(before);
    const freed = new Map<string, { bytes: number; events: number }>();
    for (const r of deleted) {
      const f = freed.get(r.channel_id) ?? { bytes: 0, events: 0 };
      f.bytes += r.size;
      f.events++;
      freed.set(r.channel_id, f);
    }
    for (const [id, f] of freed) q.shrink.run(f.bytes, f.events, id);
    return deleted.length;
  });
  const drop = db.transaction((id: string) => {
    const bytes = q.channelBytes.get(id)?.bytes ?? 0;
    const gone = q.deleteChannel.run(id).changes > 0;
    return { gone, bytes };
  });
  const dropAndCount = (id: string) => {
    cache.delete(id);
    const { gone, bytes } = drop(id);
    storedBytes -= bytes;
    return gone;
  };
  const update = db.transaction((id: string, u: ChannelUpdate) => {
    const row = q.getChannel.get(id);
    if (!row) return false;
    const next = { ...toChannel(row), ...u };
    db.prepare(
      `UPDATE channels SET secret_hash = @secretHash, token_hash = @tokenHash, sealed_token = @sealedToken,
       public_key = @publicKey, hook_secrets = @hookSecrets WHERE id = @id`,
    ).run({ ...next, hookSecrets: JSON.stringify(next.hookSecrets) });
    return true;
  });

  return {
    kind: 'sqlite',
    async createChannel(c) {
      await durably(() => q.insertChannel.run({ ...c, hookSecrets: JSON.stringify(c.hookSecrets) }));
    },
    async getChannel(id) {
      const hit = cache.get(id);
      if (hit) return { ...hit, hookSecrets: { ...hit.hookSecrets } };
      const row = q.getChannel.get(id);
      if (!row) return undefined;
      const channel = toChannel(row);
      if (cache.size >= 10_000) cache.clear();
      cache.set(id, channel);
      return { ...channel, hookSecrets: { ...channel.hookSecrets } };
    },
    async updateChannel(id, u) {
      cache.delete(id);
      return durably(() => update(id, u));
    },
    deleteChannel: (id) => durably(() => dropAndCount(id)),
    async appendEvents(batch, options) {
      if (batch.length === 0) return [];
      const outcomes = await durably(() => appendAndCache(batch, options));
      for (const o of outcomes) if ('cursor' in o && o.cursor > durableCursor) durableCursor = o.cursor;
      return outcomes;
    },
    async listEvents(channelId, after, { limit, maxBytes, maxBodyBytes = Number.MAX_SAFE_INTEGER }) {
      const out: StoredEvent[] = [];
      let bytes = 0;
      // iterate() streams rows, so a page of big bodies stops reading at maxBytes.
      for (const row of q.listEvents.iterate({ channelId, after, durable: durableCursor, maxBody: maxBodyBytes })) {
        const read = row.body?.length ?? 0;
        if (out.length >= limit || (out.length > 0 && bytes + read > maxBytes)) break;
        out.push(toEvent(row));
        bytes += read;
      }
      return out;
    },
    hasEventsAfter: async (channelId, after) => q.hasEventsAfter.get(channelId, after, durableCursor) !== undefined,
    ack: (channelId, cursor) => durably(() => ackAndCache(channelId, cursor)),
    async usage(channelId) {
      const row = q.channelBytes.get(channelId);
      return { pending: row?.pending ?? 0, bytes: row?.bytes ?? 0 };
    },
    totalPending: async () => q.total.get()?.n ?? 0,
    async purgeReceivedBefore(before) {
      const n = await durably(() => purge(before));
      storedBytes = q.totalBytes.get()?.n ?? 0;
      return n;
    },
    async markFull(id, at) {
      await durably(() => q.markFull.run(at, id));
      cached(id, { fullAt: at });
    },
    storedBytes: async () => storedBytes,
    async touchChannel(id, at) {
      // Not synced on its own: a lost touch only makes a channel look idle a little earlier.
      q.touch.run(at, id);
    },
    async expireIdleChannels(usedBefore) {
      const ids = q.idle.all(usedBefore).map((r) => r.id);
      if (ids.length > 0) await durably(() => ids.forEach(dropAndCount));
      return ids;
    },
    async reclaim() {
      // In WAL mode the vacuum's page moves and the file's new length land in the WAL; the
      // checkpoint after it applies them to the main file, and TRUNCATE empties the WAL too.
      db.pragma('incremental_vacuum');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    // One process owns the file, so there is nobody to hear from or tell.
    onNotice() {},
    async announce() {},
    async close() {
      await wal.close();
      if (db.open) db.close();
    },
  };
}
