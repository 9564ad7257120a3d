import { describe, expect, it } from 'vitest';
import { chunkUrls } from '../../jobs/build-jobs';
import { toView } from '../../scheduler/deps';
import { processJob } from '../../scheduler/process-job';
import { makeWorld } from '../../scheduler/test-helpers';
import { adapterFor } from '../testing';
import { URLS_PER_STEP } from './adapter';
import { thisBrowser } from './index';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Pages answer with their path as title; a URL containing "down" fails at the network level. */
function world(canAccess: (url: string) => Promise<boolean> = async () => true) {
  const fetched: string[] = [];
  const fakeFetch = async (input: string | URL | Request): Promise<Response> => {
    const url = String(input);
    fetched.push(url);
    if (url.includes('down')) throw new TypeError('connection refused');
    const title = new URL(url).pathname;
    return new Response(`<html><head><title>${title}</title></head><body>${title}</body></html>`, { headers: { 'content-type': 'text/html' } });
  };
  const adapter = adapterFor(thisBrowser, { fetch: fakeFetch as typeof fetch, now: () => 0, logger: quiet, canAccess });
  return { w: makeWorld(adapter), adapter, fetched };
}

async function runToEnd(w: ReturnType<typeof makeWorld>, id: string) {
  const seen: { status: string; done?: number; stored: number }[] = [];
  for (let step = 0; step < 100; step++) {
    const job = await w.repo.get(id);
    if (!job || job.active === 0) break;
    await processJob(w.deps, job);
    const after = await w.repo.get(id);
    seen.push({ status: after!.status, done: after!.progress?.done, stored: (await w.repo.getResult(id))?.records.length ?? 0 });
  }
  return seen;
}

describe('This browser batches', () => {
  it('long lists become batch jobs; shorter lists, tabs and single links stay one job per URL', () => {
    const { maxBatch, batchFrom } = thisBrowser.capabilities;
    expect(batchFrom).toBeGreaterThan(1);
    expect(chunkUrls(Array.from({ length: 50_000 }, (_, i) => `https://a.test/${i}`), maxBatch)).toHaveLength(50_000 / maxBatch);
  });

  it('fetches a batch a few URLs per step with x/y progress, stores records as they come, keeps a failed URL as a record', async () => {
    const { w, fetched } = world();
    const urls = Array.from({ length: 12 }, (_, i) => (i === 7 ? 'https://a.test/down' : `https://a.test/p${i}`));
    const job = await w.addJob({ provider: 'browser', input: { kind: 'urls', urls } });
    const seen = await runToEnd(w, job.id);

    const steps = Math.ceil(urls.length / URLS_PER_STEP);
    expect(seen[0]).toMatchObject({ status: 'submitted', done: 0, stored: 0 });
    expect(seen.slice(1)).toEqual([
      ...Array.from({ length: steps - 1 }, (_, i) => ({ status: 'running', done: (i + 1) * URLS_PER_STEP, stored: (i + 1) * URLS_PER_STEP })),
      { status: 'done', done: 12, stored: 12 },
    ]);
    expect(fetched).toEqual(urls);
    const final = await w.repo.get(job.id);
    expect(final).toMatchObject({ status: 'done', recordCount: 12, progress: { done: 12, total: 12 } });
    const records = (await w.repo.getResult(job.id))!.records;
    expect(records.map((r) => r.url)).toEqual(urls);
    expect(records[7]).toEqual({ url: 'https://a.test/down', error: expect.stringContaining('connection refused') });
    expect(records[8]).toMatchObject({ title: '/p8', statusCode: 200 });
  });

  it('a worker stopped after a step resumes at the stored cursor: no URL fetched twice, none lost', async () => {
    const { w, fetched } = world();
    const urls = Array.from({ length: 9 }, (_, i) => `https://a.test/r${i}`);
    const job = await w.addJob({ provider: 'browser', input: { kind: 'urls', urls } });
    await processJob(w.deps, (await w.repo.get(job.id))!); // submit
    await processJob(w.deps, (await w.repo.get(job.id))!); // first step
    // A "new worker" reads the job fresh from the database and carries on.
    await runToEnd(w, job.id);
    expect(fetched).toEqual(urls);
    expect((await w.repo.getResult(job.id))!.records.map((r) => r.url)).toEqual(urls);
  });

  it('a one-URL job still fails on its own error (retried, then failed), as before', async () => {
    const { w } = world();
    const job = await w.addJob({ provider: 'browser', input: { kind: 'urls', urls: ['https://a.test/down'] } });
    for (let i = 0; i < 10; i++) {
      const current = await w.repo.get(job.id);
      if (current?.active !== 1) break;
      w.advance(Math.max(0, current.nextPollAt - w.now()));
      await processJob(w.deps, current);
    }
    expect(await w.repo.get(job.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('connection refused') });
  });

  it('a host revoked mid-batch pauses the batch (access error) instead of storing its pages as failed records', async () => {
    let granted = true;
    const { w, adapter, fetched } = world(async () => granted);
    const urls = Array.from({ length: 12 }, (_, i) => `https://a.test/g${i}`);
    const job = await w.addJob({ provider: 'browser', input: { kind: 'urls', urls } });
    await processJob(w.deps, (await w.repo.get(job.id))!); // submit
    await processJob(w.deps, (await w.repo.get(job.id))!); // first step
    granted = false;
    const view = await w.repo.get(job.id);
    await expect(adapter.status(toView(view!), await w.deps.context(view!))).rejects.toMatchObject({ kind: 'access' });
    expect(fetched).toHaveLength(URLS_PER_STEP);
    expect((await w.repo.getResult(job.id))!.records.every((r) => r.error === undefined)).toBe(true);
  });
});
