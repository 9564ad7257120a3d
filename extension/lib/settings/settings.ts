/**
 * Settings in storage.local under `settings`, versioned with WXT's storage item (its version lives in
 * `settings$`; migrations in migrations.ts) and parsed field by field on every read (schema.ts).
 * @module
 */
import { storage } from 'wxt/utils/storage';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION } from './migrations';
import { parseSettings, type Settings } from './schema';

export { ProviderSettings, Settings, parseSettings, providerSettings } from './schema';

const KEY = 'local:settings';

/** A settings store on its own storage item. Created on first use, never at import (the build imports modules in Node). */
export function createSettingsStore() {
  const item = storage.defineItem<unknown>(KEY, { version: SETTINGS_VERSION, migrations: SETTINGS_MIGRATIONS });
  const load = async (): Promise<Settings> => parseSettings(await item.getValue());
  return {
    load,
    async save(update: (current: Settings) => Settings): Promise<Settings> {
      const next = parseSettings(update(await load()));
      await item.setValue(next);
      return next;
    },
    watch(listener: (settings: Settings) => void): () => void {
      return item.watch((value) => listener(parseSettings(value)));
    },
  };
}

let store: ReturnType<typeof createSettingsStore> | undefined;
const shared = () => (store ??= createSettingsStore());

/** Reads settings; a stored value that no longer parses falls back field by field. */
export const loadSettings = (): Promise<Settings> => shared().load();

export const saveSettings = (update: (current: Settings) => Settings): Promise<Settings> => shared().save(update);

export const onSettingsChanged = (listener: (settings: Settings) => void): (() => void) => shared().watch(listener);
