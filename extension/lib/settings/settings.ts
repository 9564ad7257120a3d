import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ProviderId } from '@@/shared/schemas/job';

export const ProviderSettings = z.object({
  apiKey: z.string().default(''),
  /** Empty means the provider's documented base URL. */
  baseUrl: z.string().default(''),
  extra: z.record(z.string(), z.string()).default({}),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const Settings = z.object({
  defaultProvider: ProviderId.default('browser'),
  notifications: z.boolean().default(true),
  /** Multiplies every provider's poll intervals: 0.5 polls twice as often, 2 half as often. */
  pollIntervalScale: z.number().min(0.1).max(10).default(1),
  /** Parallel page fetches for the built-in "This browser" provider. */
  browserConcurrency: z.number().int().min(1).max(16).default(4),
  providers: z.partialRecord(ProviderId, ProviderSettings).default({}),
});
export type Settings = z.infer<typeof Settings>;

const KEY = 'settings';

/** Reads settings; a stored value that no longer parses falls back to defaults field by field. */
export async function loadSettings(): Promise<Settings> {
  const stored: Record<string, unknown> = await browser.storage.local.get(KEY);
  const parsed = Settings.safeParse(stored[KEY] ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

export async function saveSettings(update: (current: Settings) => Settings): Promise<Settings> {
  const next = Settings.parse(update(await loadSettings()));
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export function providerSettings(settings: Settings, id: ProviderId): ProviderSettings {
  return settings.providers[id] ?? ProviderSettings.parse({});
}

export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(KEY in changes)) return;
    const parsed = Settings.safeParse(changes[KEY]?.newValue ?? {});
    if (parsed.success) listener(parsed.data);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
