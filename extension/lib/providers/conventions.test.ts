/**
 * Convention test: a provider is one folder. Its descriptor is in the registry, its folder has the
 * common layout, its capabilities match what its adapter does, and no source file outside the folder
 * names it except the registry list and the shared ProviderId schema.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProviderId } from '@@/shared/schemas/job';
import type { ProviderDescriptor } from './descriptor';
import { PROVIDERS } from './registry';
import { adapterFor } from './test-adapter';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PROVIDERS_DIR = path.join(ROOT, 'extension/lib/providers');
/**
 * The extension's source and what it shares with the relay. e2e/ and bench/ drive a fake per provider
 * (test code); relay/ is its own server, whose webhook signature schemes are per provider by nature.
 */
const SOURCE_DIRS = ['extension', 'shared'];
/** The two files allowed to name every provider. */
const ALLOWED = ['extension/lib/providers/registry.ts', 'shared/schemas/job.ts'];
/**
 * Ids that are also everyday platform words: `browser` is WebExtension's namespace (`wxt/browser`,
 * `browser.tabs`), so only its quoted id, identifiers built on it (`browserConcurrency`) and its label count.
 */
const PLATFORM_WORDS = new Set(['browser']);

const isTestFile = (file: string) => /\.test\.tsx?$|(^|\/)(testing|test-adapter|test-helpers|contract-case)\.ts$|(^|\/)testing\//.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [path.relative(ROOT, full)] : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The patterns by which a file names provider `d`. */
function namePatterns(d: ProviderDescriptor): RegExp[] {
  const id = escape(d.id);
  const patterns = [new RegExp(`providers/${id}(/|['"])`)];
  const Id = `${id.charAt(0).toUpperCase()}${id.slice(1)}`;
  // A platform word in backticks is prose (`browser` option of some API), and so is its label ("This
  // browser offers…"); quoted, it is the id.
  if (PLATFORM_WORDS.has(d.id)) patterns.push(new RegExp(`['"]${id}['"]|${id}(?=[A-Z])|${Id}(?=Adapter|Provider|Ref|Options)`));
  else patterns.push(new RegExp(id, 'i'), new RegExp(escape(d.label)));
  return patterns;
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))).filter((f) => !isTestFile(f));
const text = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));

describe('provider registry', () => {
  it('lists every ProviderId exactly once, each from its own folder', () => {
    expect(PROVIDERS.map((d) => d.id).toSorted()).toEqual([...ProviderId.options].toSorted());
    for (const d of PROVIDERS) {
      const index = readFileSync(path.join(PROVIDERS_DIR, d.id, 'index.ts'), 'utf8');
      expect(index, d.id).toContain(`id: '${d.id}'`);
    }
  });
});

describe.each(PROVIDERS.map((d) => [d.id, d] as const))('provider %s', (id, d) => {
  const folder = path.join(PROVIDERS_DIR, id);
  const adapter = adapterFor(d, { fetch, now: () => 0, logger: console });

  it('has the common folder layout', () => {
    const expected = ['index.ts', 'adapter.ts', 'client.ts', 'ref.ts', ...(d.needsKey ? ['schemas.ts', 'messages.ts'] : [])];
    for (const file of expected) expect(existsSync(path.join(folder, file)), `${id}/${file}`).toBe(true);
    expect(existsSync(path.join(folder, 'webhook.ts')), `${id}/webhook.ts iff it takes webhooks`).toBe(d.capabilities.webhook);
  });

  it('declares what its adapter does', () => {
    expect(typeof adapter.parseWebhook === 'function', 'webhook').toBe(d.capabilities.webhook);
    expect(typeof adapter.cancel === 'function', 'cancel').toBe(d.capabilities.cancel);
    expect(typeof adapter.accountConcurrency === 'function', 'accountConcurrency').toBe(d.capabilities.accountConcurrency === true);
    expect(adapter.collections !== undefined, 'collections').toBe(d.capabilities.collections === true);
    expect(d.prompt !== undefined, 'prompt spec iff it takes prompts').toBe(d.capabilities.inputKinds.includes('prompt'));
    expect(d.discovery !== undefined, 'discovery label iff it takes keywords').toBe(d.capabilities.inputKinds.includes('discover'));
    if (d.prompt) expect(Object.keys(d.prompt.targets)).toContain(d.prompt.defaultTarget);
    expect(d.queueOptions.safeParse({}).success, 'a job without options is valid').toBe(true);
  });

  it('is named by at most 2 non-test source files outside its folder: the registry and the ProviderId schema', () => {
    const patterns = namePatterns(d);
    const naming = files.filter((f) => !f.startsWith(`extension/lib/providers/${id}/`) && patterns.some((p) => p.test(text.get(f) ?? '')));
    expect(naming.filter((f) => !ALLOWED.includes(f))).toEqual([]);
    expect(naming.length).toBeLessThanOrEqual(2);
  });
});

describe('the naming check', () => {
  it('can fail: a file that names a provider is found', () => {
    const [scrapeDo] = PROVIDERS.filter((d) => d.id === 'scrapedo');
    const patterns = namePatterns(scrapeDo!);
    expect(patterns.some((p) => p.test("if (job.provider === 'scrapedo') return;"))).toBe(true);
    expect(patterns.some((p) => p.test('// Retries like Scrape.do does'))).toBe(true);
    const [browser] = PROVIDERS.filter((d) => d.id === 'browser');
    const browserPatterns = namePatterns(browser!);
    expect(browserPatterns.some((p) => p.test('settings.browserConcurrency'))).toBe(true);
    expect(browserPatterns.some((p) => p.test("import { browser } from 'wxt/browser'; browser.tabs.query({})"))).toBe(false);
  });
});
