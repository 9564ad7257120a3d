/**
 * Stored settings versions. v1 (no version stored) kept one provider's parallel-fetch cap at the top
 * level as `<providerId>Concurrency`; v2 keeps every provider's own settings under `providers[id]`.
 * Migrations take whatever is stored and must not throw on odd shapes: parseSettings cleans up after.
 * @module
 */
import { ProviderId } from '@@/shared/schemas/job';

export const SETTINGS_VERSION = 2;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function v1ToV2(v1: unknown): unknown {
  if (!isRecord(v1)) return v1;
  const out: Record<string, unknown> = { ...v1 };
  const providers: Record<string, unknown> = isRecord(v1.providers) ? { ...v1.providers } : {};
  for (const id of ProviderId.options) {
    const key = `${id}Concurrency`;
    if (!(key in out)) continue;
    const own = providers[id];
    providers[id] = { ...(isRecord(own) ? own : {}), concurrency: out[key] };
    delete out[key];
  }
  out.providers = providers;
  return out;
}

/** WXT storage item migrations: the key is the version migrated to. */
export const SETTINGS_MIGRATIONS: Record<number, (value: unknown) => unknown> = { 2: v1ToV2 };
