import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A saved fixture page (test helper). */
export const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
