import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { SearchBox, StorageSection } from './pages/archive';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

const KEY = 'sk-e2e-SECRET-4242';
const TABLES = ['jobs', 'results', 'recipes', 'monitors', 'snapshots'] as const;

interface SqBackup {
  db: Record<string, { toArray(): Promise<unknown[]>; clear(): Promise<void>; put(row: object): Promise<unknown> }> & { tables: { name: string }[] };
  services: {
    archive: { monitors: { create(spec: object): Promise<unknown> } };
  };
}
declare const sq: SqBackup;

/** Every row of the tables a backup must bring back, with sorted keys (row key order is not data). */
const dump = (worker: Worker) =>
  worker.evaluate(async (tables) => {
    const canonical = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(canonical)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).toSorted(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]))
          : v;
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (await sq.db[t]!.toArray()).map((row) => JSON.stringify(canonical(row))).toSorted();
    return out;
  }, TABLES);

test('back up everything, delete it all, restore: everything is back, keys are not in the file, restoring twice adds nothing', async ({
  context,
  extensionId,
  site,
  worker,
}) => {
  const options = await new OptionsPage(await context.newPage(), extensionId).open();
  await options.setApiKey('Scrape.do', KEY);
  await expect(options.saved).toBeVisible();

  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  const urls = ['/page/one', '/page/two', '/page/three'].map((p) => site.url(p));
  await popup.queueUrls(urls.join('\n'), 'This browser');
  for (const url of urls) await expect(popup.statusOf(url)).toHaveText('done');
  await worker.evaluate(async (url) => {
    const [job] = (await sq.db.jobs!.toArray()) as { id: string; label: string }[];
    await sq.services.archive.monitors.create({ urls: [url], provider: 'browser', interval: 'daily', notify: true, baselineJobId: job!.id });
  }, urls[0]);
  // A saved recipe (issue 8's table), as its editor stores it.
  await worker.evaluate(() =>
    sq.db.recipes!.put({
      id: 'recipe-1', name: 'Page headings', urls: 'http://127.0.0.1/*', rowSelector: 'h1',
      fields: [{ name: 'Heading', selector: '', value: { kind: 'text' } }], version: 1, createdAt: 1, updatedAt: 1,
    }),
  );
  const before = await dump(worker);
  expect(before.jobs).toHaveLength(3);
  expect(before.monitors).toHaveLength(1);
  expect(before.snapshots).toHaveLength(1);
  expect(before.recipes).toHaveLength(1);

  await options.page.reload();
  const storage = new StorageSection(options.page);
  const download = await storage.backup();
  await expect(storage.status).toContainText('Backup written');
  const dir = mkdtempSync(path.join(tmpdir(), 'sq-backup-'));
  try {
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; table?: string; key?: string });
    expect(lines[0]).toMatchObject({ type: 'header', format: 'scrape-queue-backup' });
    expect(lines.filter((l) => l.table === 'jobs')).toHaveLength(3);
    expect(lines.filter((l) => l.table === 'recipes')).toHaveLength(1);
    expect(lines.some((l) => l.type === 'storage' && l.key === 'settings')).toBe(true);

    // Delete everything the archive holds.
    await worker.evaluate(async () => {
      for (const t of sq.db.tables) await sq.db[t.name]!.clear();
    });
    expect(await dump(worker)).toEqual({ jobs: [], results: [], recipes: [], monitors: [], snapshots: [] });

    await storage.restore(file);
    await expect(storage.status).toContainText('Restored: added 3 jobs, 3 results, 1 recipes, 1 monitors, 1 snapshots');
    expect(await dump(worker)).toEqual(before);
    // The key typed in this browser is still there (the backup had none to overwrite it with).
    await options.page.reload();
    await options.expand('Scrape.do');
    await expect(options.apiKey('Scrape.do')).toHaveValue(KEY);

    await storage.restore(file);
    await expect(storage.status).toContainText('Restored: added nothing new; 9 already here');
    expect(await dump(worker)).toEqual(before);

    // Restored results are searchable again.
    const search = new SearchBox(popup.page);
    await search.search('Hello two');
    await expect(search.hits).toHaveCount(1);
    await expect(search.hits.first()).toContainText(urls[1]!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
