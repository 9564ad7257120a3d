import type { Worker } from '@playwright/test';

/**
 * 100,000-job layouts for e2e and bench, generated inside the worker (globalThis.sqSeed) so rows never
 * cross the DevTools protocol. Job n is created 10 ms after job n-1; the newest 5,000 wait (queued, due in a
 * day), every 10th older one failed, every 20th (+5) was canceled, the rest are done. Plain JavaScript:
 * functions handed to worker.evaluate must not be transformed by the TypeScript loader.
 */
export const SEED_SOURCE = String.raw`
globalThis.sqSeed = {
  statusOf(n) { return n >= 95000 ? 'queued' : n % 10 === 0 ? 'failed' : n % 20 === 5 ? 'canceled' : 'done'; },
  rows(from, to, base) {
    const out = [];
    for (let n = from; n < to; n++) {
      const createdAt = base + n * 10;
      const status = this.statusOf(n);
      const url = 'https://bench.example/item/' + n;
      const finished = status !== 'queued';
      out.push({
        // The extension's id shape: base-36 creation time, position, unique part.
        id: Math.floor(createdAt).toString(36).padStart(9, '0') + '-0000-b' + n,
        provider: 'scrapedo', input: { kind: 'urls', urls: [url] }, label: url, search: url, options: {},
        status, active: finished ? 0 : 1, providerJobIds: finished ? ['bench-' + n] : [],
        createdAt, updatedAt: createdAt + 5000, nextPollAt: finished ? 0 : base + 86400000, polls: finished ? 2 : 0, attempts: 0,
        ...(finished ? { submittedAt: createdAt + 10, finishedAt: createdAt + 5000 } : {}),
        ...(status === 'failed' ? { error: 'HTTP 500 from Scrape.do (3 attempts)' } : {}),
        ...(status === 'done' ? { recordCount: 1, progress: { done: 1, total: 1 } } : {}),
      });
    }
    return out;
  },
  /** Stored results for the done rows (every one, or every n-th). */
  results(rows, every = 1) {
    const body = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(4);
    return rows.filter((r, i) => r.status === 'done' && i % every === 0).map((r) => ({
      jobId: r.id, receivedAt: r.finishedAt,
      records: [{ url: r.label, finalUrl: r.label, statusCode: 200, title: 'Item', html: '<!doctype html><html><head><title>Item</title></head><body><h1>Item</h1><p>' + body + '</p></body></html>' }],
    }));
  },
};
`;

export const SEED_TOTAL = 100_000;
export const SEED_CHUNK = 5_000;

declare const sqSeed: { rows(from: number, to: number, base: number): unknown[]; results(rows: unknown[], every?: number): unknown[] };
declare const sq: { db: { results: { bulkPut(rows: unknown[]): Promise<unknown> } }; services: { repo: { addJobs(rows: unknown[]): Promise<void> } } };

export async function installSeed(worker: Worker): Promise<void> {
  await worker.evaluate(SEED_SOURCE);
}

/** Stores jobs [from, to) through the jobs repo (as the extension writes them) and results for every `every`-th done job. */
export async function seedJobs(worker: Worker, opts: { from?: number; to?: number; base: number; resultsEvery?: number }): Promise<void> {
  await installSeed(worker);
  await worker.evaluate(
    async ({ from, to, base, every, chunk }) => {
      for (let a = from; a < to; a += chunk) {
        const rows = sqSeed.rows(a, Math.min(to, a + chunk), base);
        await sq.services.repo.addJobs(rows);
        await sq.db.results.bulkPut(sqSeed.results(rows, every));
      }
    },
    { from: opts.from ?? 0, to: opts.to ?? SEED_TOTAL, base: opts.base, every: opts.resultsEvery ?? 1, chunk: SEED_CHUNK },
  );
}
