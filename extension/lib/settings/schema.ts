/**
 * The settings object and how it is read: every field parses on its own and falls back to its default
 * alone, so one value that no longer parses (an older build, a hand edit) costs only that value. API keys
 * are never dropped. To add a setting, add one field with its fallback here.
 * @module
 */
import { z } from 'zod';
import { ProviderId } from '@@/shared/schemas/job';
import { DEFAULT_PROVIDER } from '../providers/registry';

/** A number field: invalid or absent → undefined ("not set"), never a failed parse. */
const optionalNumber = (schema: z.ZodNumber) => schema.optional().catch(undefined);

export const ProviderSettings = z.object({
  // A key is kept whatever else is wrong; a number typed into storage by hand is still the key.
  apiKey: z.string().catch(({ input }) => (typeof input === 'number' ? String(input) : '')),
  /** Empty means the provider's documented base URL. */
  baseUrl: z.string().catch(''),
  /** Provider-specific fields from Options (descriptor `settingsFields`); non-text entries are dropped one by one. */
  extra: z
    .record(z.string(), z.unknown())
    .catch({})
    .transform((raw) => Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'))),
  /** Caps this provider's parallel requests (descriptor `concurrencySetting`). */
  concurrency: optionalNumber(z.number().int().min(1).max(64)),
  /** Credits per calendar month; new submits wait once this month's recorded spend reaches it. */
  monthlyBudget: optionalNumber(z.number().positive()),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

const Providers = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((raw) => {
    const out: Partial<Record<ProviderId, ProviderSettings>> = {};
    for (const id of ProviderId.options) {
      if (raw[id] === undefined) continue;
      // Not an object at all: there is nothing to keep, not even a key.
      const own = ProviderSettings.safeParse(raw[id]);
      out[id] = own.success ? own.data : ProviderSettings.parse({});
    }
    return out;
  });

export const Settings = z.object({
  defaultProvider: ProviderId.catch(DEFAULT_PROVIDER),
  notifications: z.boolean().catch(true),
  /** Multiplies every provider's poll intervals: 0.5 polls twice as often, 2 half as often. */
  pollIntervalScale: z.number().min(0.1).max(10).catch(1),
  providers: Providers,
});
export type Settings = z.infer<typeof Settings>;

/** Settings from whatever is stored (anything, or nothing): never throws. */
export function parseSettings(raw: unknown): Settings {
  const object = z.record(z.string(), z.unknown()).safeParse(raw);
  return Settings.parse(object.success ? object.data : {});
}

export function providerSettings(settings: Settings, id: ProviderId): ProviderSettings {
  return settings.providers[id] ?? ProviderSettings.parse({});
}
