import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWalSync } from './wal-sync';

const dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createWalSync', () => {
  it('gives callers that arrive during a sync the next one (it may have started before their commit)', async () => {
    const db = join(dir, 'a.sqlite');
    writeFileSync(`${db}-wal`, 'frames');
    const wal = createWalSync(db);
    const first = wal.sync();
    const second = wal.sync();
    const third = wal.sync();
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    await Promise.all([first, second, third]);
    // Idle again: a new call starts its own sync.
    const fourth = wal.sync();
    expect(fourth).not.toBe(second);
    await fourth;
    await wal.close();
    await expect(wal.sync()).rejects.toThrow(/closed/);
  });

  it('fails at open when the database has no WAL file (not in WAL mode)', () => {
    expect(() => createWalSync(join(dir, 'missing.sqlite'))).toThrow(/ENOENT/);
  });
});
