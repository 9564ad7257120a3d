#!/usr/bin/env node
// `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint, a dev dependency; it runs offline) on the
// Firefox build. Passes only with 0 errors and no warning beyond the third-party ones listed below
// (the README lists them with their cause). Build first: npx wxt build -b firefox.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sourceDir = path.join(root, '.output/firefox-mv3');

/**
 * Warnings that come from bundled third-party code, not ours. Bundle chunk names move between builds, so a
 * warning is matched by its code, and accepted only while our own sources (extension/, shared/) contain
 * nothing that could raise it: the moment our code does, the warning counts as ours and fails the lint.
 */
const KNOWN_THIRD_PARTY = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    ours: /\.innerHTML\s*=|\.outerHTML\s*=|dangerouslySetInnerHTML|insertAdjacentHTML/,
    why: "Preact's DOM diff assigns innerHTML for the dangerouslySetInnerHTML prop (preact/src/diff/index.js); no component of ours passes it",
  },
  {
    code: 'DANGEROUS_EVAL',
    file: /(^|\/)exceljs[^/]*\.js$/,
    ours: /\bnew Function\b|\bFunction\(|\beval\(/,
    why: "exceljs (the Table tab's XLSX export) bundles lodash's and the regenerator runtime's `Function('return this')` global lookups and a setImmediate polyfill that takes a function; none is handed our input",
  },
  {
    code: 'DANGEROUS_EVAL',
    ours: /\bnew Function\b|\bFunction\(|\beval\(/,
    why: "zod 4 probes `new Function('')` once to learn whether it may compile validators (zod/v4/core/util.js), and falls back when the CSP forbids it",
  },
];

/** Our files (relative paths) whose text matches `pattern`; tests excluded, they are not bundled. */
function ourFilesMatching(pattern) {
  const hits = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && pattern.test(readFileSync(full, 'utf8'))) hits.push(path.relative(root, full));
    }
  };
  for (const dir of ['extension', 'shared']) walk(path.join(root, dir));
  return hits;
}

if (!existsSync(path.join(sourceDir, 'manifest.json'))) {
  console.error(`No Firefox build in ${sourceDir}: run npx wxt build -b firefox first.`);
  process.exit(2);
}

const bin = path.join(root, 'node_modules/.bin/web-ext');
// NO_UPDATE_NOTIFIER: web-ext would otherwise ask the npm registry whether a newer web-ext exists.
const run = spawnSync(bin, ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
  env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
});
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`web-ext lint did not print a JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(2);
}

const line = (m) => `  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;
const verdicts = report.warnings.map((w) => {
  // The first entry for the code whose file pattern (if any) matches the warning's file.
  const known = KNOWN_THIRD_PARTY.find((k) => k.code === w.code && (!k.file || k.file.test(w.file ?? '')));
  if (!known) return { w, ok: false, note: 'NOT LISTED: fix it, or list it with its cause in scripts/lint-firefox.mjs and the README' };
  const ours = ourFilesMatching(known.ours);
  return ours.length
    ? { w, ok: false, note: `our code can raise this too: ${ours.join(', ')}` }
    : { w, ok: true, note: `third-party: ${known.why}` };
});
const accepted = verdicts.filter((v) => v.ok).length;
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${accepted} known third-party), ${report.notices.length} notices`);
for (const { w, note } of verdicts) console.log(`${line(w)}\n    ${note}`);
for (const e of report.errors) console.log(line(e));
process.exit(report.errors.length || accepted < verdicts.length ? 1 : 0);
