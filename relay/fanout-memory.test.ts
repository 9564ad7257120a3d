/**
 * Done-when for relay memory under fan-out: relay/main.ts in a child process with a real SQLite
 * file, real HTTP and real WebSockets; its resident memory is read from /proc/<pid>/status.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MB } from './config';
import { postHook, register, streamUrl, TestSubscriber, within } from './testing/harness';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** VmRSS or VmHWM (peak RSS since start or since the last reset) of a process, in bytes. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} for ${pid}`);
  return Number(m[1]) * 1024;
}

/** Resets the kernel's peak-RSS mark (Linux ≥ 4.0, same user); false when not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function relayProcess(args: string[]): Promise<RelayProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-fanout-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const child = await startRelayProcess(['--db', join(dir, 'relay.sqlite'), ...args]);
  cleanups.push(() => child.kill());
  return child;
}

describe('relay memory while fanning one big event out to subscribers that never read', () => {
  it('20 paused subscribers + one 50 MiB webhook: RSS rises by less than 200 MB, and each is told to pull it', async () => {
    const subscribers = 20;
    const child = await relayProcess(['--max-subscribers', String(subscribers), '--connect-rate', '100']);
    const pid = child.proc.pid!;
    const creds = await register(child.baseUrl);
    const subs: TestSubscriber[] = [];
    for (let i = 0; i < subscribers; i++) {
      const s = new TestSubscriber(streamUrl(child.baseUrl, creds.channelId), { headers: { authorization: `Bearer ${creds.subscriberSecret}` } });
      cleanups.push(() => s.close());
      await within(s.opened, 5_000, 'open');
      await s.next('ready');
      subs.push(s);
    }
    // From here on no subscriber reads: the relay's writes pile up in its own buffers, not ours.
    const sockets = subs.map((s) => (s.ws as unknown as { _socket: Socket })._socket);
    for (const socket of sockets) socket.pause();

    const samples: number[] = [];
    const sample = () => samples.push(memoryOf(pid, 'VmRSS'));
    for (let i = 0; i < 5; i++) {
      sample();
      await new Promise((r) => setTimeout(r, 20));
    }
    const baseline = Math.max(...samples);
    const peakReset = resetPeak(pid);
    const hwmBefore = memoryOf(pid, 'VmHWM');
    const sampler = setInterval(sample, 10);
    cleanups.push(() => clearInterval(sampler));

    const body = Buffer.alloc(50 * MB, 'x');
    const posted = await postHook(creds.webhookUrl, body);
    expect(posted.status).toBe(202);
    const { cursor } = posted.json as { cursor: number };
    // Delivery runs right after the append; keep sampling a bounded while after the 202.
    await new Promise((r) => setTimeout(r, 3_000));
    clearInterval(sampler);
    const hwmAfter = memoryOf(pid, 'VmHWM');
    // The kernel's peak catches spikes between samples; without a reset it only counts if it moved.
    const peak = Math.max(...samples, peakReset || hwmAfter > hwmBefore ? hwmAfter : 0);
    const rise = peak - baseline;
    console.log(
      `fan-out memory: baseline ${(baseline / MB).toFixed(1)} MiB, peak ${(peak / MB).toFixed(1)} MiB, rise ${(rise / MB).toFixed(1)} MiB ` +
        `(${samples.length} samples, kernel peak ${peakReset ? 'reset' : 'not reset'})`,
    );
    expect(rise).toBeLessThan(200 * 1000 * 1000);

    // The notices were written while we sampled: once read, each subscriber has one for the event.
    for (const socket of sockets) socket.resume();
    for (const s of subs) {
      expect(await s.next('event-ready', 10_000)).toMatchObject({ type: 'event-ready', cursor, size: body.length });
      expect(s.ws.readyState).toBe(s.ws.OPEN);
    }
  }, 90_000);
});
