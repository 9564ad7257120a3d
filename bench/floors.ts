// Floors measured inside the extension's worker in the same browser and run: bare IndexedDB (no Dexie,
// no counters, no progress rows, no messages, no UI) doing the same reads and writes of the same rows,
// in a database with the same object stores and indexes as the extension's.
import type { Worker } from '@playwright/test';

/**
 * Installed as globalThis.benchRaw in the worker. Plain JavaScript source: functions handed to
 * worker.evaluate must not be transformed by the bench's TypeScript loader.
 */
const RAW_IDB_SOURCE = String.raw`
globalThis.benchRaw = (() => {
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
  const dbs = new Map();
  const TERMINAL = ['done', 'failed', 'canceled', 'expired'];
  return {
    /** A fresh database with the extension's stores and indexes (read from its Dexie schema). */
    async create(name) {
      const tables = sq.db.tables.map((t) => ({
        name: t.name,
        keyPath: t.schema.primKey.keyPath,
        indexes: t.schema.indexes.map((i) => ({ name: i.name, keyPath: i.keyPath, multi: Boolean(i.multi), unique: Boolean(i.unique) })),
      }));
      await req(indexedDB.deleteDatabase(name));
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        for (const t of tables) {
          const store = open.result.createObjectStore(t.name, { keyPath: t.keyPath });
          for (const i of t.indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multi, unique: i.unique });
        }
      };
      dbs.set(name, await req(open));
    },
    /** Puts rows into one store in one transaction; returns ms. */
    async put(name, store, rows) {
      const started = performance.now();
      const tx = dbs.get(name).transaction(store, 'readwrite');
      const s = tx.objectStore(store);
      for (const row of rows) s.put(row);
      await done(tx);
      return performance.now() - started;
    },
    /** Reads every job and its results in primary-key chunks (the export's reads); returns ms. */
    async readAll(name, chunk) {
      const started = performance.now();
      let lower;
      for (;;) {
        const tx = dbs.get(name).transaction(['jobs', 'results'], 'readonly');
        const range = lower === undefined ? undefined : IDBKeyRange.lowerBound(lower, true);
        const jobs = await req(tx.objectStore('jobs').getAll(range, chunk));
        if (jobs.length) await req(tx.objectStore('results').getAll(IDBKeyRange.bound(jobs[0].id, jobs[jobs.length - 1].id)));
        if (jobs.length < chunk) break;
        lower = jobs[jobs.length - 1].id;
      }
      return performance.now() - started;
    },
    /** Reads the jobs of the given statuses through the status index and puts each back with the patch; returns ms. */
    async rewrite(name, statuses, patch) {
      const started = performance.now();
      const tx = dbs.get(name).transaction('jobs', 'readwrite');
      const s = tx.objectStore('jobs');
      for (const status of statuses) {
        const rows = await req(s.index('[status+createdAt]').getAll(IDBKeyRange.bound([status, -Infinity], [status, Infinity])));
        for (const row of rows) s.put({ ...row, ...patch });
      }
      await done(tx);
      return performance.now() - started;
    },
    /**
     * Deletes the jobs in the given statuses and their results: reads the rows in primary-key order and
     * deletes each run of consecutive matches as one key range (the fewest requests); returns ms.
     */
    async deleteRuns(name, statuses) {
      const started = performance.now();
      const tx = dbs.get(name).transaction(['jobs', 'results'], 'readwrite');
      const jobs = tx.objectStore('jobs');
      const results = tx.objectStore('results');
      const rows = await req(jobs.getAll());
      let start = -1;
      const flush = (lo, hi) => { const range = IDBKeyRange.bound(lo, hi); jobs.delete(range); results.delete(range); };
      rows.forEach((row, i) => {
        if (statuses.includes(row.status)) { if (start < 0) start = i; }
        else if (start >= 0) { flush(rows[start].id, rows[i - 1].id); start = -1; }
      });
      if (start >= 0) flush(rows[start].id, rows[rows.length - 1].id);
      await done(tx);
      return performance.now() - started;
    },
    async count(name, store) {
      return req(dbs.get(name).transaction(store, 'readonly').objectStore(store).count());
    },
    TERMINAL,
  };
})();
`;

export async function installRawIdb(worker: Worker): Promise<void> {
  await worker.evaluate(RAW_IDB_SOURCE);
}

export const median = (xs: number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
