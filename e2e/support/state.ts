import type { Worker } from '@playwright/test';

/** Read-only views of the extension's state for assertions (the e2e build exposes globalThis.sq). */
interface StoredJob {
  id: string;
  label: string;
  status: string;
  polls: number;
  error?: string;
  createdAt: number;
}
interface SqHandle {
  db: {
    jobs: { toArray(): Promise<StoredJob[]> };
  };
}
declare const sq: SqHandle;

export async function jobs(worker: Worker): Promise<StoredJob[]> {
  return worker.evaluate(() => sq.db.jobs.toArray().then((all) => all.map(({ id, label, status, polls, error, createdAt }) => ({ id, label, status, polls, error, createdAt }))));
}

export async function jobIdFor(worker: Worker, labelPart: string): Promise<string> {
  const match = (await jobs(worker)).filter((j) => j.label.includes(labelPart));
  if (match.length !== 1) throw new Error(`expected one job matching ${labelPart}, found ${match.length}`);
  return match[0]!.id;
}

export async function localStorageKeys(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { storage: { local: { get(): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get()));
}

/** The id of the open tab showing `url`. */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => {
    const [found] = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome.tabs.query({ url: u });
    return found?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The settings object as stored (storage.local `settings`), unparsed. */
export async function storedSettings(worker: Worker): Promise<unknown> {
  return worker.evaluate(async () => {
    const all = await (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('settings');
    return all.settings;
  });
}
