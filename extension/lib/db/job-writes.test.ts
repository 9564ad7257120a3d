import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The only files that may write the jobs table: each write there also moves the counters in the same transaction. */
const WRITERS = new Set(['extension/lib/db/jobs-repo.ts', 'extension/lib/db/counted-writes.ts', 'extension/lib/db/bulk-writes.ts', 'extension/lib/db/job-writes.test.ts']);

const DIRECT_WRITE = /\.jobs\s*\.\s*(add|bulkAdd|put|bulkPut|update|bulkUpdate|delete|bulkDelete|clear|upsert)\s*\(/;
const COLLECTION_WRITE = /\.jobs\s*\.\s*(where|orderBy|filter|toCollection|limit|reverse)\([^;]*\.(modify|delete)\(/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sources(rel);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [rel] : [];
  });
}

function rawJobWrites(text: string): string[] {
  return text.split('\n').filter((line) => DIRECT_WRITE.test(line) || COLLECTION_WRITE.test(line));
}

describe('job writes', () => {
  it('the check finds direct and collection writes', () => {
    expect(rawJobWrites('await db.jobs.bulkAdd(rows);\nsq.db.jobs.where("x").equals(1).modify({});\ndb.jobs.get(id)')).toHaveLength(2);
  });

  it('go only through the jobs repo or the bulk writes, so the per-status counters cannot drift', () => {
    const offenders = ['extension', 'e2e', 'bench', 'shared', 'scripts']
      .flatMap(sources)
      .filter((file) => !WRITERS.has(file))
      .flatMap((file) => rawJobWrites(readFileSync(path.join(ROOT, file), 'utf8')).map((line) => `${file}: ${line.trim()}`));
    // Use the repo (e2e and bench: sq.services.repo.addJobs) so the counters move in the same transaction.
    expect(offenders).toEqual([]);
  });
});
