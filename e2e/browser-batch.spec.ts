import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';

interface Row {
  id: string;
  status: string;
  input: { urls?: string[] };
  progress?: { done: number; total: number };
  recordCount?: number;
}
declare const sq: {
  db: { jobs: { toArray(): Promise<Row[]> } };
  services: { repo: { getResult(id: string): Promise<{ records: { url: string; error?: string; title?: string }[] } | undefined> } };
};

test('a long pasted list with "This browser" becomes batch jobs with x/y progress and a per-URL record list', async ({ context, extensionId, site, worker }) => {
  test.setTimeout(180_000);
  // 1,000 URLs (This browser batches lists this long) with one that answers 404 and one whose host refuses.
  const urls = Array.from({ length: 1_000 }, (_, i) => site.url(`/page/b${i}`));
  urls[10] = site.url('/missing/b10');
  urls[20] = 'http://127.0.0.1:9/refused';
  const popupPage = await context.newPage();
  await popupPage.setViewportSize({ width: 420, height: 580 });
  const popup = await new PopupPage(popupPage, extensionId).open();
  await popup.queueUrls(urls.join('\n'), 'This browser');

  await expect(popup.report).toContainText(/Queued 1,000 URLs in \d+ jobs/);
  const jobs = await worker.evaluate(() => sq.db.jobs.toArray());
  await expect(popup.report).toContainText(`Queued 1,000 URLs in ${jobs.length} jobs`);
  expect(jobs.length).toBeGreaterThan(1);
  expect(jobs.flatMap((j) => j.input.urls ?? []).toSorted()).toEqual(urls.toSorted());
  await expect(popup.jobCount).toHaveText(`${jobs.length} jobs`);

  // The batch holding the refused URL shows x/y progress and ends done, with the failure as a record.
  const first = jobs.find((j) => j.input.urls?.includes(urls[20]!))!;
  const total = first.input.urls!.length;
  const label = `${total} URLs: ${first.input.urls![0]}`;
  // The list shows the newest batches first; the filter brings this one into view, as a user would.
  await popup.filterText(first.input.urls![0]!);
  await expect(popup.jobRow(label).locator('.job-progress')).toHaveText(new RegExp(`^\\d+/${total}$`));
  await expect(popup.statusOf(label)).toHaveText('done', { timeout: 120_000 });
  await expect(popup.jobRow(label).locator('.job-progress')).toHaveText(`${total}/${total}`);
  const stored = await worker.evaluate((id) => sq.services.repo.getResult(id), first.id);
  expect(stored!.records.map((r) => r.url)).toEqual(first.input.urls);
  expect(stored!.records.find((r) => r.url === urls[20])?.error).toMatch(/Could not fetch/);
  expect(site.hits('/page/b25')).toBe(1);

  await popup.openResult(label);
  const panel = await new SidePanelPage(await context.newPage(), extensionId).open(first.id);
  await expect(panel.page.getByRole('combobox', { name: 'Record' }).getByRole('option')).toHaveCount(total);
  await panel.pickRecord(urls[25]!);
  await expect(panel.renderedFrame().getByRole('heading', { level: 1 })).toHaveText('Hello b25');
  await panel.pickRecord(urls[20]!);
  await expect(panel.page.getByText(/Could not fetch http:\/\/127\.0\.0\.1:9\/refused/)).toBeVisible();

  // Every batch finishes; a 404 page is a record with its status code, as for a single job.
  await expect.poll(async () => (await worker.evaluate(() => sq.db.jobs.toArray())).every((j) => j.status === 'done'), { timeout: 120_000 }).toBe(true);
  const missing = jobs.find((j) => j.input.urls?.includes(urls[10]!))!;
  const missingRecords = await worker.evaluate((id) => sq.services.repo.getResult(id), missing.id);
  expect(missingRecords!.records.find((r) => r.url === urls[10])).toMatchObject({ error: 'The site answered HTTP 404' });

  // A short list stays one job per page.
  await popup.filterText('');
  await popup.queueUrls(`${site.url('/page/single1')}\n${site.url('/page/single2')}`, 'This browser');
  await expect(popup.report).toContainText('Queued 2 jobs');
  await expect(popup.statusOf(site.url('/page/single2'))).toHaveText('done');
});
