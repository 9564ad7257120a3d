/** The real entry point as a child process: SIGKILL with events pending, restart, all delivered. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wsProtocols } from '../shared/relay-protocol';
import { call, postHook, register, streamUrl, TestSubscriber, within } from './testing/harness';

const root = resolve(import.meta.dirname, '..');

interface Child {
  proc: ChildProcess;
  baseUrl: string;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-main-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts relay/main.ts under tsx and resolves once it logs its listening URL. `node --import tsx`
 * rather than the tsx CLI: the CLI runs the script in a child process, which a SIGKILL of the CLI
 * would leave running.
 */
async function startMain(args: string[]): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => res({ code, signal })),
  );
  const baseUrl = await within(
    new Promise<string>((res, rej) => {
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        const m = /listening on (http:\/\/\S+)/.exec(output.join(''));
        if (m) res(m[1]!);
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
      void exited.then(() => rej(new Error(`relay exited early:\n${output.join('')}`)));
    }),
    15_000,
    'relay to listen',
  );
  return { proc, baseUrl, output, exited };
}

describe('relay/main.ts as a process', () => {
  it('loses no accepted webhook when SIGKILLed; delivers them all after a restart', async () => {
    const db = join(dir, 'relay.sqlite');
    const first = await startMain(['--db', db]);
    const creds = await register(first.baseUrl);
    const bodies = Array.from({ length: 20 }, (_, i) => `event-${i}`);
    await Promise.all(bodies.map(async (b) => expect((await postHook(creds.webhookUrl, b)).status).toBe(202)));
    first.proc.kill('SIGKILL');
    expect((await within(first.exited, 10_000, 'exit')).signal).toBe('SIGKILL');

    const second = await startMain(['--db', db]);
    const sub = new TestSubscriber(streamUrl(second.baseUrl, creds.channelId), { protocols: wsProtocols(creds.subscriberSecret) });
    try {
      const events = await sub.events(bodies.length, 10_000);
      expect(events.map((e) => Buffer.from(e.bodyBase64, 'base64').toString()).toSorted()).toEqual(bodies.toSorted());
      const cursors = events.map((e) => e.cursor);
      expect(cursors).toEqual(cursors.toSorted((a, b) => a - b));
    } finally {
      await sub.close();
    }
    second.proc.kill('SIGKILL');
  });

  it('shuts down gracefully on SIGTERM and logs requests without secrets', async () => {
    const child = await startMain(['--memory']);
    const creds = await register(child.baseUrl);
    expect((await call(child.baseUrl, 'GET', '/healthz')).json).toEqual({ ok: true });
    expect((await postHook(creds.webhookUrl, 'x')).status).toBe(202);
    child.proc.kill('SIGTERM');
    expect(await within(child.exited, 10_000, 'graceful exit')).toEqual({ code: 0, signal: null });
    const log = child.output.join('');
    expect(log).toMatch(/POST \/v1\/hooks\/\S+\/\[token\] 202/);
    expect(log).toContain('relay stopped');
    expect(log).not.toContain(creds.subscriberSecret);
    expect(log).not.toContain(creds.webhookUrl.split('/').at(-1));
  });
});
