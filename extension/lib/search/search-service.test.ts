import { describe, expect, it } from 'vitest';
import { addPage, freshDb } from '../archive/test-helpers';
import { RecordingLogger } from '../scheduler/test-helpers';
import { snippet } from './snippet';
import { createSearchService } from './search-service';

const WORDS = ['apple', 'banana', 'cherry', 'damson', 'elder', 'fig', 'grape', 'hazel', 'iris', 'juniper'];

async function world(pages = 10) {
  const db = freshDb();
  for (let i = 0; i < pages; i++) await addPage(db, `p${i}`, { title: `Page ${i}`, body: `common words and ${WORDS[i]}fruit here`, at: 1_000 + i });
  const make = () => createSearchService({ db, now: () => 5_000, logger: new RecordingLogger(), saveDelayMs: 5 });
  return { db, make };
}

describe('search service', () => {
  it('finds the one page holding a word, by prefix and with a typo, with a marked snippet', async () => {
    const { make } = await world();
    const search = make();
    const exact = await search.search('cherryfruit');
    expect(exact.hits.map((h) => h.jobId)).toEqual(['p2']);
    expect(exact.hits[0]?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['cherryfruit']);
    expect((await search.search('cherryfr')).hits.map((h) => h.jobId)).toEqual(['p2']);
    expect((await search.search('chexryfruit')).hits.map((h) => h.jobId)).toEqual(['p2']);
    expect((await search.search('nothinglikethis')).total).toBe(0);
    expect((await search.search('common')).total).toBe(10);
  });

  it('ranks a title match above body mentions and filters by provider and date', async () => {
    const { db, make } = await world(3);
    await addPage(db, 'title', { title: 'Zebra crossing', body: 'nothing else', at: 9_000, patch: { provider: 'scrapedo' } });
    await addPage(db, 'body1', { title: 'Other', body: 'a zebra zebra zebra walked by', at: 9_001 });
    await addPage(db, 'body2', { title: 'Another', body: 'one zebra', at: 9_002 });
    const search = make();
    expect((await search.search('zebra')).hits.map((h) => h.jobId)[0]).toBe('title');
    expect((await search.search('zebra', { provider: 'browser' })).hits.map((h) => h.jobId).toSorted()).toEqual(['body1', 'body2']);
    expect((await search.search('zebra', { since: 9_002 })).hits.map((h) => h.jobId)).toEqual(['body2']);
  });

  it('saves the index and loads it in a new worker without a rebuild, catching up with results that arrived meanwhile', async () => {
    const { db, make } = await world();
    const first = make();
    await first.search('apple');
    expect(await first.status()).toMatchObject({ jobs: 10, rebuilds: 1 });
    // A result arrives while the index is loaded: indexed at once.
    const late = await addPage(db, 'late', { title: 'Late', body: 'kiwifruit' });
    await first.onJobSettled(late);
    expect((await first.search('kiwifruit')).hits.map((h) => h.jobId)).toEqual(['late']);
    await first.flush();
    // Another arrives with no index loaded (a worker that never searched).
    const later = await addPage(db, 'later', { title: 'Later', body: 'lemonfruit' });
    await make().onJobSettled(later);

    const second = make();
    expect((await second.search('lemonfruit')).hits.map((h) => h.jobId)).toEqual(['later']);
    expect((await second.search('kiwifruit')).hits.map((h) => h.jobId)).toEqual(['late']);
    expect(await second.status()).toMatchObject({ jobs: 12, rebuilds: 1 });
  });

  it('lists a page scraped several times (a monitor) once, its newest copy', async () => {
    const { db, make } = await world(1);
    for (const [id, at] of [['c1', 10], ['c2', 30], ['c3', 20]] as const) {
      await addPage(db, id, { title: 'Watched', body: 'same pricelist text', at, patch: { input: { kind: 'urls', urls: ['https://shop.test/w'] } } });
    }
    const actual = await make().search('pricelist');
    expect(actual.total).toBe(1);
    expect(actual.hits.map((h) => h.jobId)).toEqual(['c2']);
  });

  it('drops deleted jobs from results and rebuilds with progress when the stored index is gone', async () => {
    const { db, make } = await world();
    const search = make();
    await search.search('apple');
    await db.jobs.delete('p0');
    expect((await search.search('applefruit')).total).toBe(0);
    await search.flush();
    await db.searchMeta.clear();
    await db.searchDocs.clear();
    const rebuilt = make();
    expect((await rebuilt.search('bananafruit')).hits.map((h) => h.jobId)).toEqual(['p1']);
    expect(await db.searchMeta.get('progress')).toEqual({ key: 'progress', done: 9, total: 9, running: false });
    expect(await rebuilt.status()).toMatchObject({ jobs: 9, rebuilds: 1 });
  });
});

describe('snippet', () => {
  it('takes a window around the first hit and marks every matched word', () => {
    const text = `${'filler '.repeat(40)}the Quick brown fox, quick again`;
    const parts = snippet(text, ['quick']);
    expect(parts[0]).toEqual({ text: '… ' });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Quick', 'quick']);
  });
});
