import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zipEntries } from './zip-entries';

const root = path.resolve(import.meta.dirname, '..');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
const zipPath = (kind: string) => path.join(root, '.output', `scrape-queue-${version}-${kind}.zip`);

/** Local state as `npm start` and the tests leave it; each file is made only if missing and removed after. */
const PROBES = ['relay-data/relay.sqlite', '.chromium-profile/Default/Cookies', 'shared/zip-probe.sqlite', 'test-results/zip-probe.log'];
const made: string[] = [];
afterAll(() => {
  for (const file of made) rmSync(path.join(root, file), { force: true });
});

describe('npm run zip', () => {
  it('makes the Chrome, Firefox and sources zips, and the sources hold no local state', { timeout: 240_000 }, () => {
    for (const file of PROBES) {
      const full = path.join(root, file);
      if (existsSync(full)) continue;
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, 'local state');
      made.push(file);
    }
    for (const kind of ['chrome', 'firefox', 'sources']) rmSync(zipPath(kind), { force: true });

    const run = spawnSync('npm', ['run', '--silent', 'zip'], { cwd: root, encoding: 'utf8' });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    expect(zipEntries(zipPath('chrome'))).toContain('manifest.json');
    const firefox = zipEntries(zipPath('firefox'));
    expect(firefox).toContain('manifest.json');
    const sources = zipEntries(zipPath('sources'));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'extension/entrypoints/background/index.ts']));
    const leaked = sources.filter((name) => /(^|\/)(relay-data|\.chromium-profile|test-results|node_modules|\.output)\/|\.sqlite|\.log$|(^|\/)\.env/.test(name));
    expect(leaked).toEqual([]);
    for (const probe of PROBES) expect(sources).not.toContain(probe);
  });

  it('the Firefox manifest carries a real Gecko id and declares that no data is collected', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, '.output/firefox-mv3/manifest.json'), 'utf8'));
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.id).toBe('scrape-queue@scrape-queue.dev');
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});

describe('icons', () => {
  it('the built manifest names a 16, 32, 48 and 128 px icon, each a PNG of that size', () => {
    const dir = path.join(root, '.output/chrome-mv3');
    const { icons } = z
      .object({ icons: z.record(z.string(), z.string()) })
      .parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    expect(Object.keys(icons).toSorted((a, b) => Number(a) - Number(b))).toEqual(['16', '32', '48', '128']);
    for (const [size, file] of Object.entries(icons)) {
      const png = readFileSync(path.join(dir, file));
      // PNG signature, then the IHDR chunk: width and height as big-endian uint32 at bytes 16 and 20.
      expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([Number(size), Number(size)]);
    }
  });
});
