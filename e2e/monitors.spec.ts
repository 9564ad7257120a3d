import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { MonitorsSection } from './pages/archive';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';

interface StoredMonitor {
  id: string;
  state: string;
  nextCheckAt: number;
  checkJobId?: string;
  checks: number;
  notify: boolean;
}
interface SqMonitors {
  db: {
    monitors: { toArray(): Promise<StoredMonitor[]> };
    snapshots: { orderBy(i: string): { toArray(): Promise<{ jobId: string; changed: boolean; text: string }[]> } };
    jobs: { filter(f: (j: { monitorId?: string }) => boolean): { count(): Promise<number> } };
  };
}
declare const sq: SqMonitors;
declare const chrome: {
  storage: { local: { set(v: object): Promise<void> } };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> };
  tabs: { query(q: object): Promise<{ id?: number }[]> };
};

/** The shortest interval for this test (test-only preference, honoured by e2e builds only). */
const INTERVAL_MS = 6_000;

const monitors = (worker: Worker) => worker.evaluate(() => sq.db.monitors.toArray());
const snapshots = (worker: Worker) => worker.evaluate(() => sq.db.snapshots.orderBy('at').toArray());
const checkJobs = (worker: Worker) => worker.evaluate(() => sq.db.jobs.filter((j) => j.monitorId !== undefined).count());

test('a monitor checks on its schedule through a worker stop, shows the change, notifies, and stops when paused', async ({
  context,
  extensionId,
  site,
  worker,
  stopWorker,
}) => {
  test.slow();
  let price = '4.00';
  let generated = 0;
  // The page's own timestamp changes on every request: boilerplate that must not count as a change.
  site.setPage(
    '/watched',
    () =>
      `<!doctype html><html><head><title>Tea prices</title></head><body><nav>Home · Shop</nav><main><h1>Tea prices</h1><p>Green tea costs ${price} €</p><p>Generated at 08:00:${String(generated++).padStart(2, '0')}</p></main></body></html>`,
  );
  const url = site.url('/watched');
  await worker.evaluate((ms) => chrome.storage.local.set({ archivePrefs: { testShortestIntervalMs: ms } }), INTERVAL_MS);

  const popup = await new PopupPage(await context.newPage(), extensionId).open();
  await popup.queueUrls(url, 'This browser');
  await expect(popup.statusOf(url)).toHaveText('done');

  // "Monitor…" on the finished job: its result becomes the first snapshot.
  await popup.jobRow(url).getByRole('button', { name: `Monitor ${url}` }).click();
  const dialog = popup.page.getByRole('dialog', { name: 'Monitor this page' });
  await dialog.getByRole('combobox', { name: 'Check every' }).selectOption({ label: '15 minutes' });
  await expect(dialog.getByRole('combobox', { name: 'Monitor provider' })).toHaveValue('browser');
  await expect(dialog.getByRole('checkbox', { name: 'Notify me on change' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(popup.report).toContainText(`Monitoring ${url}`);
  await expect.poll(() => snapshots(worker).then((s) => s.length)).toBe(1);

  // First scheduled check: only the timestamp differs, so no change.
  await expect.poll(() => snapshots(worker).then((s) => s.length), { timeout: 30_000 }).toBe(2);
  expect((await snapshots(worker)).map((s) => s.changed)).toEqual([false, false]);
  expect(site.hits('/watched')).toBe(2);

  // The price changes and the worker is stopped between checks: the alarm wakes it for the next one.
  price = '5.50';
  const [beforeStop] = await monitors(worker);
  expect(beforeStop!.checkJobId).toBeUndefined();
  await stopWorker();
  await expect.poll(() => snapshots(worker).then((s) => s.length), { timeout: 40_000 }).toBe(3);
  expect((await snapshots(worker)).map((s) => s.changed)).toEqual([false, false, true]);
  // Exactly one check for that slot: nothing lost, nothing doubled.
  expect(site.hits('/watched')).toBe(3);
  expect(await checkJobs(worker)).toBe(2);
  const [afterCheck] = await monitors(worker);
  expect(afterCheck!.nextCheckAt).toBeGreaterThan(beforeStop!.nextCheckAt);
  expect(afterCheck!.nextCheckAt - beforeStop!.nextCheckAt).toBeLessThan(3 * INTERVAL_MS);

  // "Changed: Tea prices" was raised for this monitor.
  const notifications = await worker.evaluate(() => chrome.notifications.getAll());
  expect(Object.keys(notifications)).toContain(`sq-change:${afterCheck!.id}`);

  // The Changes tab of the latest check shows old and new text with the change marked.
  const latestJob = (await snapshots(worker)).at(-1)!.jobId;
  const panel = await new SidePanelPage(await context.newPage(), extensionId).open(latestJob);
  await panel.page.getByRole('tab', { name: 'Changes', exact: true }).click();
  const changes = panel.page.getByRole('region', { name: 'Text changes' });
  await expect(changes.locator('.diff-removed')).toHaveText(/Green tea costs 4\.00 €/);
  await expect(changes.locator('.diff-added')).toHaveText(/Green tea costs 5\.50 €/);
  await expect(changes.locator('.diff-removed del')).toHaveText('4.00');
  await expect(changes.locator('.diff-added ins')).toHaveText('5.50');
  // The timestamp line changed on every check but is not shown as a change.
  await expect(changes.locator('.diff-added, .diff-removed')).toHaveCount(2);
  await expect(panel.page.getByRole('list', { name: 'Snapshots' }).getByRole('listitem')).toHaveCount(3);

  // Options → Monitors: Pause stops further checks.
  const options = await new OptionsPage(await context.newPage(), extensionId).open();
  const section = new MonitorsSection(options.page);
  await expect(section.status(url)).toHaveText(/Active|Checking…/);
  await expect(section.monitor(url)).toContainText('This browser');
  await section.button(url, 'Pause').click();
  await expect(section.status(url)).toHaveText('Paused');
  await expect.poll(() => monitors(worker).then((m) => m[0]?.state)).toBe('paused');
  const pausedAt = Date.now();
  const hitsWhenPaused = site.hits('/watched');
  const checksWhenPaused = await checkJobs(worker);
  // Wait until two more slots would have passed, waking the worker as an alarm would.
  await expect
    .poll(
      async () => {
        await worker.evaluate(() => (globalThis as unknown as { sq: { services: { wake(): Promise<void> } } }).sq.services.wake());
        return Date.now() - pausedAt;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBeGreaterThan(2.5 * INTERVAL_MS);
  expect(site.hits('/watched')).toBe(hitsWhenPaused);
  expect(await checkJobs(worker)).toBe(checksWhenPaused);
  expect(await worker.evaluate(() => chrome.alarms.get('scrape-queue-monitors'))).toBeUndefined();
});

test('"Monitor this page" from the right-click menu opens the form; the monitor can be checked now and deleted', async ({ context, site, worker }) => {
  site.setPage('/menu-watched', '<title>Menu page</title><main><p>Stock: 3 left</p></main>');
  const url = site.url('/menu-watched');
  const tab = await context.newPage();
  await tab.goto(url);
  const formPage = context.waitForEvent('page');
  // The native menu cannot be clicked by Playwright: call the handler the menu runs, on the real tab.
  await worker.evaluate(
    ([pageUrl]) =>
      chrome.tabs.query({ url: pageUrl }).then(([t]) =>
        (globalThis as unknown as { sq: { onMenuClick(i: object, t: object): Promise<void> } }).sq.onMenuClick({ menuItemId: 'sq-monitor', pageUrl }, { id: t?.id, url: pageUrl }),
      ),
    [url],
  );
  const options = await formPage;
  await expect(options).toHaveURL(/options\.html\?monitorUrl=/);
  const form = options.getByRole('form', { name: `Monitor ${url}` });
  await form.getByRole('combobox', { name: 'Check every' }).selectOption({ label: 'Daily' });
  await form.getByRole('button', { name: 'Start monitoring' }).click();
  const section = new MonitorsSection(options);
  await expect(section.monitor(url)).toBeVisible();
  // No baseline: the first check runs at once.
  await expect.poll(() => snapshots(worker).then((s) => s.length)).toBe(1);
  await expect(section.monitor(url)).toContainText('Menu page');
  await expect(section.monitor(url).getByRole('combobox', { name: `Check every for ${url}` })).toHaveValue('daily');
  // The per-monitor off switch for notifications.
  await section.monitor(url).getByRole('checkbox', { name: `Notify me on change for ${url}` }).uncheck();
  await expect.poll(() => monitors(worker).then((m) => m[0]?.notify)).toBe(false);
  await section.button(url, 'Check now').click();
  await expect.poll(() => snapshots(worker).then((s) => s.length)).toBe(2);
  expect(site.hits('/menu-watched')).toBe(3);
  await section.button(url, 'Delete monitor').click();
  await expect(section.monitor(url)).toHaveCount(0);
  expect(await monitors(worker)).toEqual([]);
});
