/** The real entry point as a child process: SIGKILL with events pending, restart, all delivered. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wsProtocols } from '../shared/relay-protocol';
import { call, postHook, register, streamUrl, TestSubscriber, within } from './testing/harness';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';

const children: RelayProcess[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-main-'));
});
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function startMain(args: string[]): Promise<RelayProcess> {
  const child = await startRelayProcess(args);
  children.push(child);
  return child;
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
