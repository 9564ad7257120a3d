/**
 * The SQLite WAL between checkpoints: a checkpoint stalls the event loop for two fsyncs, so they come
 * once per ~16 MB of WAL (not SQLite's default ~4 MB), and the WAL still stays bounded there.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../auth';
import { openSqliteStore } from './sqlite';

const dir = mkdtempSync(join(tmpdir(), 'relay-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MB = 1024 * 1024;

describe('sqlite WAL checkpoints', () => {
  it('lets the WAL grow past 8 MB before a checkpoint, and never much past 16 MB', async () => {
    const path = join(dir, 'wal.sqlite');
    const store = openSqliteStore(path);
    try {
      await store.createChannel({
        id: 'c',
        secretHash: hashSecret('s'),
        tokenHash: hashSecret('t'),
        sealedToken: 'x',
        label: null,
        createdAt: 0,
        lastEventAt: null,
        publicKey: null,
        hookSecrets: {},
        fullAt: null,
      });
      const body = Buffer.alloc(16 * 1024, 7);
      const batchBytes = 64 * body.length;
      let largest = 0;
      let cursors = 0;
      // 48 MB of events in 1 MB commits: three times the WAL limit.
      for (let b = 0; b < 48; b++) {
        const batch = Array.from({ length: 64 }, (_, i) => ({ channelId: 'c', id: `e${b}-${i}`, receivedAt: b, headers: {}, query: '', body, seal: null }));
        const outcomes = await store.appendEvents(batch, { quotaBytes: 0 });
        cursors += outcomes.filter((o) => 'cursor' in o).length;
        largest = Math.max(largest, statSync(`${path}-wal`).size);
      }
      expect(cursors).toBe(48 * 64);
      expect(largest).toBeGreaterThan(8 * MB);
      expect(largest).toBeLessThan(16 * MB + 2 * batchBytes);
      expect((await store.usage('c')).pending).toBe(48 * 64);
    } finally {
      await store.close();
    }
  });
});
