import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes SQLite WAL commits durable off the event loop. The database runs with `synchronous=NORMAL`
 * (a commit writes its WAL frames but does not fsync them); `sync()` then fdatasyncs the WAL file on
 * libuv's thread pool. SQLite's `synchronous=FULL` in WAL mode is exactly NORMAL plus that sync of
 * the WAL after each commit, done inside the commit, which would block every request behind the
 * disk. Frames leave the WAL only through a checkpoint, which in NORMAL syncs the WAL before and the
 * database file after copying, so a synced frame stays durable whichever file holds it.
 */
export interface WalSync {
  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void>;
  /** Waits for a sync in flight, then closes the file (before the database closes and removes the WAL). */
  close(): Promise<void>;
}

export function createWalSync(dbPath: string): WalSync {
  const fd = openSync(`${dbPath}-wal`, 'r+');
  // The WAL's directory entry must be durable too; it is created once, when the database opens.
  const dir = openSync(dirname(dbPath), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }

  let running: Promise<void> | undefined;
  // A sync that started before a commit may miss it, so callers arriving meanwhile share the next one.
  let next: Promise<void> | undefined;
  let closed = false;

  const start = (): Promise<void> => {
    const p = new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve()))).finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  };

  return {
    sync() {
      if (closed) return Promise.reject(new Error('WAL sync is closed'));
      if (!running) return start();
      next ??= running
        .catch(() => undefined)
        .then(() => {
          next = undefined;
          return start();
        });
      return next;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([running, next]);
      closeSync(fd);
    },
  };
}
