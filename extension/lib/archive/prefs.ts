import { browser } from 'wxt/browser';
import { z } from 'zod';

/**
 * Archive preferences in their own storage item (the main Settings object belongs to the provider
 * plug-ins issue). Parsed field by field: one bad value falls back alone.
 */
export const ArchivePrefs = z.object({
  /** Finished jobs and their results older than this many days are removed; unset keeps them forever. */
  keepResultsDays: z.number().int().min(1).max(36_500).optional().catch(undefined),
  /** Only the newest N snapshots of each monitor are kept; unset keeps all. */
  keepSnapshots: z.number().int().min(1).max(100_000).optional().catch(undefined),
  /** e2e builds only: the length of the shortest "Check every" interval, so a test sees two checks quickly. */
  testShortestIntervalMs: z.number().int().min(1_000).optional().catch(undefined),
});
export type ArchivePrefs = z.infer<typeof ArchivePrefs>;

export const ARCHIVE_PREFS_KEY = 'archivePrefs';

export async function loadArchivePrefs(): Promise<ArchivePrefs> {
  const stored: Record<string, unknown> = await browser.storage.local.get(ARCHIVE_PREFS_KEY);
  const parsed = ArchivePrefs.safeParse(stored[ARCHIVE_PREFS_KEY] ?? {});
  return parsed.success ? parsed.data : {};
}

export async function saveArchivePrefs(update: (current: ArchivePrefs) => ArchivePrefs): Promise<ArchivePrefs> {
  const next = ArchivePrefs.parse(update(await loadArchivePrefs()));
  await browser.storage.local.set({ [ARCHIVE_PREFS_KEY]: next });
  return next;
}
