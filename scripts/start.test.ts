import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../relay/testing/free-port';
import { nodeVersionProblem } from './node-version.mjs';

const root = path.resolve(import.meta.dirname, '..');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `npm start -- --no-browser --skip-build` on free ports, the relay's SQLite file in a temp folder. */
async function npmStart() {
  const [relayPort, demoPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(tmpdir(), 'sq-start-'));
  dirs.push(dir);
  const npm = spawn('npm', ['start', '--silent', '--', '--no-browser', '--skip-build', '--relay-port', String(relayPort), '--demo-port', String(demoPort)], {
    cwd: root,
    env: { ...process.env, RELAY_DB: path.join(dir, 'relay.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let output = '';
  npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
  npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const up = await until(async () => (await listening(relayPort)) && (await listening(demoPort)), 30_000);
  expect(up, output).toBe(true);
  return { npm, relayPort, demoPort, output: () => output };
}

describe('npm start', () => {
  it('listens on --relay-port and --demo-port', async () => {
    const { relayPort, demoPort, output } = await npmStart();
    const relay = await fetch(`http://127.0.0.1:${relayPort}/`);
    expect(relay.status).toBeLessThan(500);
    const demo = await fetch(`http://127.0.0.1:${demoPort}/`);
    expect(await demo.text()).toContain('<html');
    expect(output()).toContain(`Relay:     http://127.0.0.1:${relayPort}`);
  });

  it.each(['SIGKILL', 'SIGTERM'] as const)('leaves no child listening when npm start is killed with %s', async (signal) => {
    const { npm, relayPort, demoPort, output } = await npmStart();
    npm.kill(signal);
    const gone = await until(async () => !(await listening(relayPort)) && !(await listening(demoPort)), 15_000);
    expect(gone, output()).toBe(true);
  });

  it('rejects an unknown flag and a bad port with the usage text', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; text: string }>((resolve) => {
        const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString()));
        child.stderr.on('data', (d: Buffer) => (text += d.toString()));
        child.on('exit', (code) => resolve({ code, text }));
      });
    const bad = await run(['--relay-port', '99999']);
    expect(bad.code).toBe(2);
    expect(bad.text).toContain('--relay-port must be a port number');
    const unknown = await run(['--relay-prot', '9100']);
    expect(unknown.code).toBe(2);
    expect(unknown.text).toContain("Unknown option '--relay-prot'");
    const help = await run(['--help']);
    expect(help.text).toContain('--demo-port N');
  });
});

describe('nodeVersionProblem', () => {
  it.each([
    ['v20.20.2', undefined],
    ['v20.19.0', undefined],
    ['v22.12.0', undefined],
    ['v24.1.0', undefined],
    ['v20.18.1', 'Node 20.18.1 is not supported: use Node 20.19+ or 22.12+ (^20.19.0 || >=22.12.0).'],
    ['v21.7.3', 'Node 21.7.3 is not supported: use Node 20.19+ or 22.12+ (^20.19.0 || >=22.12.0).'],
    ['v22.11.0', 'Node 22.11.0 is not supported: use Node 20.19+ or 22.12+ (^20.19.0 || >=22.12.0).'],
    ['v18.20.0', 'Node 18.20.0 is not supported: use Node 20.19+ or 22.12+ (^20.19.0 || >=22.12.0).'],
  ])('%s', (input, expected) => {
    expect(nodeVersionProblem(input)).toBe(expected);
  });
});
