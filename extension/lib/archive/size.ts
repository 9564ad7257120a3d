/**
 * Approximate stored size of a value in bytes: string lengths (UTF-16 code units, ≈ bytes for the
 * mostly-ASCII HTML we keep) plus a few bytes per number and key. Cheap enough to run over every row,
 * unlike serialising each one.
 */
export function approxBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + approxBytes(v), 8);
  if (value && typeof value === 'object') {
    let n = 8;
    for (const [k, v] of Object.entries(value)) n += k.length + approxBytes(v);
    return n;
  }
  return 0;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "0 B", "12.3 KB", "4.5 MB". */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}
