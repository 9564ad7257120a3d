import { browser } from 'wxt/browser';
import type { ProviderId } from '@@/shared/schemas/job';
import { createArchiveServices } from '../archive/services';
import { db } from '../db/db';
import { createBulkWrites } from '../db/bulk-writes';
import { createCrawler } from '../crawl/crawler';
import { createExtractRepo } from '../db/extract-repo';
import { createJobsRepo } from '../db/jobs-repo';
import { createBulkActions } from '../jobs/bulk/bulk-actions';
import { createFailover } from '../jobs/failover';
import { createJobActions } from '../jobs/job-actions';
import { createQueueService } from '../jobs/queue-service';
import { createPasteHandoff } from '../messaging/paste-handoff';
import { createBadge } from '../notify/badge';
import { createSettledHandler } from '../notify/settled';
import { createAdapters, PROVIDERS } from '../providers/registry';
import { createRelayKeys } from '../relay/keys';
import { createRelayLink } from '../relay/link';
import { loadRelayState, onRelayStateChanged } from '../relay/state';
import type { Logger } from '../providers/types';
import { createAccountConcurrency } from '../scheduler/account-concurrency';
import type { SchedulerDeps } from '../scheduler/deps';
import { createScheduler, WAKE_ALARM } from '../scheduler/scheduler';
import { callContext } from '../settings/provider-context';
import { loadSettings, onSettingsChanged, providerSettings, type Settings } from '../settings/settings';
import { createTablesService } from '../tables/service';
import { canAccess, captureTab } from '../tabs/capture';

const logger: Logger = console;

/** Builds the worker's services once per worker start. Nothing here holds state that must survive a restart. */
export function createServices() {
  const repo = createJobsRepo(db);
  const extractRepo = createExtractRepo(db);
  const adapters = createAdapters({ fetch: (...args) => fetch(...args), now: Date.now, logger, captureTab, canAccess });

  // A disposable cache of storage.local settings; refilled on every change and every worker start.
  let settingsCache: Promise<Settings> | undefined;
  // The last loaded value, for listeners that must act synchronously (a permission request in a click).
  let settingsSnapshot: Settings | undefined;
  const settings = () =>
    (settingsCache ??= loadSettings().then((loaded) => {
      settingsSnapshot = loaded;
      return loaded;
    }));
  onSettingsChanged((next) => {
    settingsSnapshot = next;
    settingsCache = Promise.resolve(next);
  });
  void settings();

  // Every job step needs the relay's webhook URL; read storage once and again only when the relay state changes.
  let relayCache: Promise<string | undefined> | undefined;
  const relayWebhookUrl = () => (relayCache ??= loadRelayState().then((state) => state?.webhookUrl));
  onRelayStateChanged(() => {
    relayCache = undefined;
  });

  const badge = createBadge(
    () => repo.countActive(),
    async (text) => {
      await browser.action.setBadgeText({ text });
      await browser.action.setBadgeBackgroundColor({ color: '#3355cc' });
    },
  );

  const notify = async (id: string, title: string, message: string) => {
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon-128.png'),
      title,
      message,
    });
  };

  // Providers whose account says how many jobs may run (capability accountConcurrency): asked at most every 5 min.
  const accountCaps = PROVIDERS.flatMap((d) => {
    const adapter = adapters[d.id];
    if (!d.capabilities.accountConcurrency || !adapter.accountConcurrency) return [];
    return [{ id: d.id, cap: createAccountConcurrency(adapter.accountConcurrency.bind(adapter), Date.now) }];
  });

  // Monitors, search index, restore, retention (issue 9). `kick` is defined below; called only later.
  const archive = createArchiveServices({ db, now: Date.now, random: Math.random, newId: () => crypto.randomUUID(), logger, notify, kick: () => kick() });
  const settled = createSettledHandler({
    repo,
    notificationsEnabled: async () => (await settings()).notifications,
    notify,
    refreshBadge: () => badge.refresh(),
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedulerDeps: SchedulerDeps = {
    repo,
    adapters,
    now: Date.now,
    random: Math.random,
    logger,
    context: async (job) => callContext(await settings(), adapters[job.provider], { webhookUrl: await relayWebhookUrl() }, job),
    settings: async () => {
      const s = await settings();
      const concurrency: Partial<Record<ProviderId, number>> = {};
      const budgets: Partial<Record<ProviderId, number>> = {};
      for (const d of PROVIDERS) {
        const own = providerSettings(s, d.id);
        if (own.concurrency !== undefined) concurrency[d.id] = own.concurrency;
        if (own.monthlyBudget !== undefined) budgets[d.id] = own.monthlyBudget;
      }
      for (const { id, cap } of accountCaps) {
        const reported = await cap(callContext(s, adapters[id], {}));
        if (reported) concurrency[id] = reported;
      }
      return { pollIntervalScale: s.pollIntervalScale, concurrency, budgets };
    },
    onJobSettled: async (job) => {
      // A monitor's checks notify only on change (archive), not as "Job done".
      if (job.monitorId) badge.refresh();
      else await settled(job);
      await archive.onJobSettled(job);
      // A crawl's group queues the links of each finished page (crawler is created below, with the queue).
      await crawler.onJobSettled(job);
    },
  };
  const scheduler = createScheduler(schedulerDeps, {
    async setAlarm(when) {
      if (when === undefined) await browser.alarms.clear(WAKE_ALARM);
      // Chrome raises short delays to its minimum (30 s packed); the timer below covers shorter ones.
      else await browser.alarms.create(WAKE_ALARM, { when: Math.max(when, Date.now() + 1_000) });
    },
    setTimer(delayMs, run) {
      clearTimeout(timer);
      timer = delayMs === undefined ? undefined : setTimeout(run, delayMs);
    },
  });
  const relay = createRelayLink({
    scheduler: schedulerDeps,
    fetch: (...args) => fetch(...args),
    WebSocket,
    keys: createRelayKeys(db),
    wantsStream: async () => (await repo.countActive()) > 0,
    onJobsChanged: () => void scheduler.run(),
  });
  /** Everything a wake does: pull missed webhooks, then run due jobs. */
  const wake = async () => {
    await relay.wake();
    await archive.tick();
    await scheduler.run();
  };
  const kick = () => {
    badge.refresh();
    void wake().catch((e: unknown) => logger.error('Wake failed', e));
  };
  const crawler = createCrawler({ repo, extractRepo, now: Date.now, queue: (urls, provider, options, groupId) => queue.queueUrlList(urls, provider, options, undefined, groupId) });
  const queue = createQueueService({
    repo,
    adapters,
    now: Date.now,
    newId: () => crypto.randomUUID(),
    defaultProvider: async (): Promise<ProviderId> => (await settings()).defaultProvider,
    kick,
  });
  const actions = createJobActions(schedulerDeps, kick);
  const failover = createFailover({
    repo,
    queue,
    hasKey: async () => {
      const s = await settings();
      return (id) => providerSettings(s, id).apiKey.trim() !== '';
    },
    now: Date.now,
    newId: () => crypto.randomUUID(),
  });
  const bulkWrites = createBulkWrites(db);
  const bulk = createBulkActions({
    writes: bulkWrites,
    counts: () => repo.counts(),
    adapters,
    context: schedulerDeps.context,
    logger,
    now: Date.now,
    noteJob: (id, error) => repo.update(id, { error }),
    kick,
  });
  onSettingsChanged(() => void actions.resumePaused());

  // Last menu title set from a page's selection; in memory only, the menu itself is the durable copy.
  const menuState = { selectionTitle: '' };

  const tables = createTablesService({ extractRepo, now: Date.now, newId: () => crypto.randomUUID() });

  return {
    tables,
    crawler,
    archive,
    repo,
    adapters,
    settings,
    settingsSnapshot: () => settingsSnapshot,
    menuState,
    scheduler,
    queue,
    pastes: createPasteHandoff(),
    actions,
    failover,
    bulk,
    badge,
    notify,
    kick,
    wake,
    relay,
    schedulerDeps,
  };
}

export type Services = ReturnType<typeof createServices>;
