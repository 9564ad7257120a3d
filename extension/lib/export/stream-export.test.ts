import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '@@/shared/schemas/job';
import { jobId } from '@/lib/jobs/build-jobs';
import { makeWorld } from '@/lib/scheduler/test-helpers';
import { JOBS_CSV_COLUMNS } from './jobs-export';
import { exportFinishedJobs } from './stream-export';

const STATUSES: JobStatus[] = ['done', 'failed', 'running', 'done', 'canceled', 'queued', 'expired'];

async function seeded(n: number) {
  const w = makeWorld({ submit: async () => ({ ref: {}, providerJobIds: [] }), status: async () => ({ state: 'running' }), result: async () => [] });
  for (let i = 0; i < n; i++) {
    const status = STATUSES[i % STATUSES.length]!;
    const url = `https://site.test/${i % 3 === 0 ? 'three' : 'other'}/${i}`;
    const job = await w.addJob({
      id: jobId(1_000 + i, 0, `x${i}`),
      status,
      active: status === 'queued' || status === 'running' ? 1 : 0,
      input: { kind: 'urls', urls: [url] },
      label: url,
      search: url,
      createdAt: 1_000 + i,
      ...(status === 'failed' ? { error: '=cmd|boom' } : {}),
    });
    if (status === 'done') await w.repo.saveResult(job.id, [{ url, statusCode: 200, title: `T${i}` }, { url: `${url}#2`, text: 'two\nlines' }], 1);
  }
  const finished = (await w.db.jobs.orderBy(':id').toArray()).filter((j) => ['done', 'failed', 'canceled', 'expired'].includes(j.status));
  return { w, finished };
}

describe('exportFinishedJobs', () => {
  it('NDJSON: one line per finished job, in creation order, with its records', async () => {
    const { w, finished } = await seeded(23);
    const progress: number[] = [];
    const { blob, jobs } = await exportFinishedJobs(w.repo, { createdUpTo: Infinity }, 'ndjson', { onProgress: (checked) => progress.push(checked), chunk: 4, slice: 3 });
    const lines = (await blob.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; status: string; records: unknown[] });
    expect(jobs).toBe(finished.length);
    expect(lines.map((l) => l.id)).toEqual(finished.map((j) => j.id));
    expect(lines.filter((l) => l.status === 'done').every((l) => l.records.length === 2)).toBe(true);
    expect(progress.at(-1)).toBe(23);
    expect(blob.type).toBe('application/x-ndjson');
  });

  it('JSON: one array of the finished jobs, whatever chunks came out empty', async () => {
    const { w, finished } = await seeded(15);
    for (const [chunk, slice] of [[1, 1], [2, 1], [5, 2], [100, 3], [100, 200]] as const) {
      const { blob } = await exportFinishedJobs(w.repo, { createdUpTo: Infinity }, 'json', { chunk, slice });
      const actual = JSON.parse(await blob.text()) as { id: string }[];
      expect(actual.map((j) => j.id)).toEqual(finished.map((j) => j.id));
    }
    const none = await exportFinishedJobs(w.repo, { status: 'queued', createdUpTo: Infinity }, 'json', { chunk: 2 });
    expect(JSON.parse(await none.blob.text())).toEqual([]);
  });

  it('CSV: a header, then one row per record (one for a job without records), formulae escaped', async () => {
    const { w, finished } = await seeded(14);
    const { blob } = await exportFinishedJobs(w.repo, { createdUpTo: Infinity }, 'csv', { chunk: 3, slice: 2 });
    const rows = Papa.parse<string[]>(await blob.text(), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...JOBS_CSV_COLUMNS]);
    const expectedRows = finished.reduce((n, j) => n + (j.status === 'done' ? 2 : 1), 0);
    expect(rows).toHaveLength(1 + expectedRows);
    expect(rows.find((r) => r[1] === 'failed')?.[5]).toBe("'=cmd|boom");
    expect(rows.some((r) => r.includes('two\nlines'))).toBe(true);
  });

  it('exports only the selection: status, text and jobs created up to the click', async () => {
    const { w, finished } = await seeded(21);
    const { blob } = await exportFinishedJobs(w.repo, { text: 'THREE', createdUpTo: 1_000 + 14 }, 'ndjson', { chunk: 5, slice: 2 });
    const ids = (await blob.text()).trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(finished.filter((j) => j.search.includes('three') && j.createdAt <= 1_014).map((j) => j.id));
  });

  it('gives the page a turn only when a frame budget of serializing has passed', async () => {
    const { w, finished } = await seeded(30);
    let clock = 0;
    let turns = 0;
    // Each slice "takes" 5 ms: a turn is due after every second slice, not after each one.
    const { jobs } = await exportFinishedJobs(w.repo, { createdUpTo: Infinity }, 'ndjson', {
      chunk: 100,
      slice: 2,
      now: () => (clock += 5),
      yieldToPage: async () => void (turns += 1),
    });
    expect(jobs).toBe(finished.length);
    const slices = Math.ceil(finished.length / 2);
    expect(turns).toBeGreaterThan(0);
    expect(turns).toBeLessThan(slices);
  });

  it('reads the next chunk ahead, and a failed read fails the export', async () => {
    const { w } = await seeded(12);
    const calls: (string | undefined)[] = [];
    const readsAtFirstProgress: number[] = [];
    const source = {
      async pageWithResults(after: string | undefined, limit: number) {
        calls.push(after);
        if (calls.length === 3) throw new Error('IndexedDB went away');
        return w.repo.pageWithResults(after, limit);
      },
    };
    const onProgress = () => void (readsAtFirstProgress.length === 0 && readsAtFirstProgress.push(calls.length));
    await expect(exportFinishedJobs(source, { createdUpTo: Infinity }, 'ndjson', { chunk: 4, onProgress })).rejects.toThrow('IndexedDB went away');
    // The second chunk was asked for before the first one was written out.
    expect(readsAtFirstProgress).toEqual([2]);
    expect(calls).toHaveLength(3);
  });
});
