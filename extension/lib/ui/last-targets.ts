/**
 * The prompt targets the user asked last, per provider, so the prompt form opens with them ticked.
 * Kept in storage.local under `promptTargets`; an unreadable value counts as "none yet".
 * @module
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import type { ProviderId } from '@@/shared/schemas/job';
import type { PromptSpec } from '@/lib/providers/descriptor';

const Stored = z.record(z.string(), z.array(z.string())).catch({});

const item = () => storage.defineItem<unknown>('local:promptTargets');

/** The targets to tick: the last ones asked that still exist, else the provider's default. */
export async function lastTargets(provider: ProviderId, spec: PromptSpec): Promise<string[]> {
  const known = (Stored.parse(await item().getValue())[provider] ?? []).filter((t) => t in spec.targets);
  return known.length ? known : [spec.defaultTarget];
}

export async function rememberTargets(provider: ProviderId, targets: readonly string[]): Promise<void> {
  const all = Stored.parse(await item().getValue());
  await item().setValue({ ...all, [provider]: [...targets] });
}
