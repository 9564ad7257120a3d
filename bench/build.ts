import { spawnSync } from 'node:child_process';

let built = false;

/** Builds the e2e extension once per bench run (the browser sections all load it). */
export function ensureE2eBuild(): void {
  if (built) return;
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build --mode e2e failed');
  built = true;
}
