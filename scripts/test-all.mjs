#!/usr/bin/env node
// Runs every check and test in order, then prints one totals line over unit and e2e tests:
// "N passed, N failed, N skipped" alone on the last line (CI reads it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const unitReport = `${results}/unit-report.json`;
const e2eReport = `${results}/e2e-report.json`;
for (const file of [unitReport, e2eReport]) rmSync(file, { force: true });

const steps = [
  ['check (typecheck + lint)', 'npm', ['run', '--silent', 'check']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]],
  ['Chrome build', 'npx', ['wxt', 'build']],
  ['Firefox build', 'npx', ['wxt', 'build', '-b', 'firefox']],
  ['Firefox lint (web-ext)', 'node', ['scripts/lint-firefox.mjs']],
  ['e2e build', 'npx', ['wxt', 'build', '--mode', 'e2e']],
  ['e2e tests', 'npx', ['playwright', 'test']],
];

const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (run.status !== 0) {
    failedSteps.push(name);
    // Tests still run after a failed check so one run shows every problem; a failed build stops e2e.
    if (name === 'e2e build') break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(unitReport)) {
  const unit = JSON.parse(readFileSync(unitReport, 'utf8'));
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
if (existsSync(e2eReport)) {
  const { stats } = JSON.parse(readFileSync(e2eReport, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length || failed ? 1 : 0);
