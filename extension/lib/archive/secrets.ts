/** Property names that hold credentials; never written to a backup, whatever settings shape holds them. */
const SECRET = /api[-_]?key|secret|token|password|credential/i;

/**
 * The storage.local items a backup holds (settings and archive preferences), an allow-list: the relay
 * channel (a credential as a whole) and any item added later stay out.
 */
export const BACKED_UP_STORAGE: ReadonlySet<string> = new Set(['settings', 'archivePrefs']);

/** A deep copy of `value` without credential properties. */
export function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !SECRET.test(k))
        .map(([k, v]) => [k, stripSecrets(v)]),
    );
  }
  return value;
}

/**
 * `backup` merged into `current`: backed-up values win, properties only `current` has (the keys
 * that were stripped from the backup) are kept.
 */
export function mergeSettings(current: unknown, backup: unknown): unknown {
  if (current && backup && typeof current === 'object' && typeof backup === 'object' && !Array.isArray(current) && !Array.isArray(backup)) {
    const out: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(backup)) out[k] = mergeSettings((current as Record<string, unknown>)[k], v);
    return out;
  }
  return backup === undefined ? current : backup;
}
