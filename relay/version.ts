import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The package version, for the relay's `/` page and /metrics. */
export function packageVersion(): string {
  try {
    const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
    return pkg.version;
  } catch {
    return 'unknown';
  }
}
