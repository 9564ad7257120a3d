/**
 * `npm run bench -- relay`: the relay measured against the bare node:http floor in the same run.
 * Every server runs in its own process, and so does the load generator (bench/loadgen.ts), so no
 * figure shares an event loop with what it measures. Loopback only; every loop is bounded.
 *
 * - ingest: webhooks/s at 64 keep-alive connections, each 202 only after the durable write
 *   (SQLite WAL with an fdatasync of the commit; Redis appendonly + appendfsync always), for SQLite, Redis
 *   with one instance and with two (the load split between them), beside the bare server answering 202
 *   and a durable floor (the bare server appending each body and syncing it, no database);
 * - webhook → WebSocket subscriber latency, one at a time and while 5,000 webhooks/s are ingested
 *   on another channel (Redis ×2: posted to A, subscribed on B);
 * - RSS of the relay holding 10,000 idle WebSocket subscribers.
 * Prints figures, asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { ChannelCredentials, ServerMessage, wsProtocols, relayWsUrl } from '../shared/relay-protocol';
import { within } from '../relay/testing/harness';
import { startRedisServer, type RedisServer } from '../relay/testing/redis-server';
import { startRelayProcess, type RelayProcess } from '../relay/testing/relay-process';
import type { BenchFigure } from './figures';
import { LoadResult } from './loadgen-result';
import { runScript } from './run-script';

const root = resolve(import.meta.dirname, '..');
const CONNECTIONS = 64;
const INGEST_POSTS = 10_000;
/** Ingest is measured in rounds that alternate floor and relay, so both see the same box load. */
const INGEST_ROUNDS = 3;
const LATENCY_SAMPLES = 500;
const LOADED_RATE = 5_000;
const IDLE_SUBSCRIBERS = 10_000;
const NO_LIMITS = ['--rate', '1000000', '--burst', '1000000', '--channel-quota', '0', '--register-rate', '100000', '--connect-rate', '100000', '--pull-rate', '100000'];

const load = (urls: string[], connections: number, total: number, perSecond?: number) =>
  runScript('bench/loadgen.ts', { urls, connections, total, perSecond, deadlineMs: 120_000, bodyBytes: 2_000 }, LoadResult, 180_000);

interface Floor {
  baseUrl: string;
  hookUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/** The bare floor, or with `durableFile` the durable one (see floor-server.ts). */
async function startFloor(durableFile?: string): Promise<Floor> {
  const args = durableFile ? ['--durable', durableFile] : [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/floor-server.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await within(
    new Promise<number>((res, rej) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) res(Number(m[1]));
      });
      child.once('exit', () => rej(new Error('floor server exited')));
    }),
    20_000,
    'floor server',
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    hookUrl: `${baseUrl}/hook`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    stop: async () => {
      child.kill('SIGKILL');
    },
  };
}

async function registerChannel(baseUrl: string): Promise<ChannelCredentials> {
  const res = await fetch(`${baseUrl}/v1/channels`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  return ChannelCredentials.parse(await res.json());
}

function percentile(values: number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function post(url: string, body: string, agent: Agent): Promise<number> {
  return new Promise((res, rej) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (r) => {
      r.resume();
      r.on('end', () => res(r.statusCode ?? 0));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('POST timed out')));
    req.on('error', rej);
    req.end(body);
  });
}

/** ms from starting each POST to its event arriving on the WebSocket, one at a time, `everyMs` apart. */
async function probeLatency(hookUrl: string, ws: WebSocket, samples: number, everyMs = 0): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  ws.on('message', (data) => {
    const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
    if (!parsed.success || parsed.data.type !== 'event') return;
    ws.send(JSON.stringify({ type: 'ack', cursor: parsed.data.event.cursor }));
    const q = /(?:^|&)probe=(\d+)/.exec(parsed.data.event.query)?.[1];
    if (q) waiting.get(q)?.();
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ status: 'done', html: 'x'.repeat(2_000) });
  const out: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const key = String(i);
      let timer: NodeJS.Timeout | undefined;
      const arrived = new Promise<void>((res, rej) => {
        waiting.set(key, res);
        timer = setTimeout(() => rej(new Error(`probe ${i} not delivered within 10 s`)), 10_000);
      });
      const started = performance.now();
      const [status] = await Promise.all([post(`${hookUrl}${hookUrl.includes('?') ? '&' : '?'}probe=${i}`, body, agent), arrived]);
      out.push(performance.now() - started);
      clearTimeout(timer);
      waiting.delete(key);
      if (status !== 202) throw new Error(`probe answered ${status}`);
      if (everyMs > 0) await new Promise((r) => setTimeout(r, everyMs));
    }
  } finally {
    agent.destroy();
  }
  return out;
}

async function openWs(url: string, protocols: string[] = []): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols);
  await within(
    new Promise<void>((res, rej) => {
      ws.once('open', () => res());
      ws.once('error', rej);
    }),
    10_000,
    'ws open',
  );
  return ws;
}

/** A system under test: where to post webhooks and how to subscribe to them. */
interface Target {
  name: string;
  /** Hook URLs of one fresh channel (several when several instances share it). */
  channel(): Promise<{ hookUrls: string[]; subscribe(): Promise<WebSocket> }>;
  stop(): Promise<void>;
}

function floorTarget(floor: Floor, name = 'bare node:http floor'): Target {
  return {
    name,
    channel: async () => ({ hookUrls: [floor.hookUrl], subscribe: () => openWs(floor.wsUrl) }),
    stop: () => floor.stop(),
  };
}

function relayTarget(name: string, instances: RelayProcess[]): Target {
  return {
    name,
    async channel() {
      const creds = await registerChannel(instances[0]!.baseUrl);
      const path = new URL(creds.webhookUrl).pathname;
      const last = instances.at(-1)!;
      return {
        hookUrls: instances.map((i) => i.baseUrl + path),
        // With two instances the subscriber sits on the other one than the first hook URL.
        subscribe: () => openWs(relayWsUrl(last.baseUrl, creds.channelId), wsProtocols(creds.subscriberSecret)),
      };
    },
    stop: async () => {
      for (const i of instances) await i.kill();
    },
  };
}

interface Measured {
  ingest: number;
  /** The floor's ingest in the rounds interleaved with this target's. */
  floorIngest: number;
  /** Median over the rounds of target / floor in the same round. */
  ratio: number;
  idle: number[];
  loaded?: number[];
  loadedRate?: number;
}

const median = (xs: number[]) => percentile(xs, 50);

async function measure(target: Target, floor: Target | undefined, withLoaded: boolean): Promise<Measured> {
  // Warm-up (JIT, connection set-up, SQLite page cache) is not counted.
  const warm = await target.channel();
  await load(warm.hookUrls, CONNECTIONS, 2_000);
  const floorCh = floor && (await floor.channel());
  const rounds: Array<{ target: number; floor: number }> = [];
  for (let r = 0; r < INGEST_ROUNDS; r++) {
    const f = floorCh ? await load(floorCh.hookUrls, CONNECTIONS, INGEST_POSTS) : undefined;
    const ch = await target.channel();
    const ingest = await load(ch.hookUrls, CONNECTIONS, INGEST_POSTS);
    if (ingest.failed > 0) throw new Error(`${target.name}: ${ingest.failed} webhooks not accepted ${JSON.stringify(ingest.statuses)}`);
    rounds.push({ target: ingest.perSecond, floor: f?.perSecond ?? ingest.perSecond });
  }
  const result = {
    ingest: median(rounds.map((r) => r.target)),
    floorIngest: median(rounds.map((r) => r.floor)),
    ratio: median(rounds.map((r) => r.target / r.floor)),
  };

  const probe = await target.channel();
  const ws = await probe.subscribe();
  try {
    const idle = await probeLatency(probe.hookUrls[0]!, ws, LATENCY_SAMPLES);
    if (!withLoaded) return { ...result, idle };
    // P5: the same probe while another channel ingests 5,000 webhooks/s from the load generator.
    const busy = await target.channel();
    const background = load(busy.hookUrls, 32, LOADED_RATE * 6, LOADED_RATE);
    await new Promise((r) => setTimeout(r, 500));
    const loaded = await probeLatency(probe.hookUrls[0]!, ws, 400, 10);
    const bg = await background;
    return { ...result, idle, loaded, loadedRate: bg.perSecond };
  } finally {
    ws.terminate();
  }
}

/** The relay process's resident memory (kB → MB) from /proc. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

async function idleSubscribers(dbDir: string): Promise<BenchFigure[]> {
  const relay = await startRelayProcess(['--db', join(dbDir, 'idle.sqlite'), ...NO_LIMITS]);
  try {
    const before = rssMb(relay.proc.pid!);
    const ready = runScript('bench/ws-idle.ts', { baseUrl: relay.baseUrl, subscribers: IDLE_SUBSCRIBERS, perChannel: 10, holdMs: 4_000 }, z.object({ open: z.number() }), 300_000);
    // Sample RSS while the client holds every connection open.
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(relay.proc.pid!))), 200);
    const { open } = await ready.finally(() => clearInterval(sampler));
    return [
      { name: `relay RSS with ${open.toLocaleString('en-US')} idle WebSocket subscribers (SQLite; target < 300 MB)`, value: Math.round(peak), unit: 'MB' },
      { name: 'relay RSS before they connected', value: Math.round(before), unit: 'MB' },
    ];
  } finally {
    await relay.kill();
  }
}

export async function benchRelay(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  let redis: RedisServer | undefined;
  let floorServer: Target | undefined;
  const figures: BenchFigure[] = [];
  // Other processes share the box; the load average says how much (the ratios are what to compare).
  const loadAtStart = loadavg()[0]!;
  const round = (n: number, d = 0) => Number(n.toFixed(d));
  try {
    redis = await startRedisServer();
    // The floor stays up for the whole run: each target's ingest rounds alternate with floor rounds.
    floorServer = floorTarget(await startFloor());
    const floor = await measure(floorServer, undefined, true);
    const floorTargetServer = floorServer;
    const targets: Array<[string, () => Promise<RelayProcess[]>, boolean]> = [
      ['SQLite (WAL; each 202 after fdatasync of its commit)', async () => [await startRelayProcess(['--db', join(dir, 'bench.sqlite'), ...NO_LIMITS])], true],
      ['Redis ×1 (appendfsync always)', async () => [await startRelayProcess(['--redis', redis!.url, '--redis-prefix', 'b1:', ...NO_LIMITS])], true],
      [
        'Redis ×2 (load split over A and B; subscriber on B)',
        async () => [
          await startRelayProcess(['--redis', redis!.url, '--redis-prefix', 'b2:', ...NO_LIMITS]),
          await startRelayProcess(['--redis', redis!.url, '--redis-prefix', 'b2:', ...NO_LIMITS]),
        ],
        true,
      ],
    ];
    figures.push({ name: `floor: bare node:http 202, ingest at ${CONNECTIONS} connections (median of ${INGEST_ROUNDS} rounds)`, value: round(floor.ingest), unit: 'webhooks/s' });
    figures.push({ name: 'floor: POST → WebSocket latency p50 / p99, one at a time', value: round(percentile(floor.idle, 50), 2), unit: `ms / ${percentile(floor.idle, 99).toFixed(2)} ms` });
    figures.push({ name: `floor: POST → WebSocket latency p99 under ${LOADED_RATE.toLocaleString('en-US')} webhooks/s`, value: round(percentile(floor.loaded!, 99), 2), unit: `ms (load ran at ${round(floor.loadedRate!)}/s)` });
    // What a durable 202 costs on this disk alone (append + group-committed fdatasync, no database).
    const durableServer = floorTarget(await startFloor(join(dir, 'durable-floor.log')), 'durable floor');
    let durable: Measured;
    try {
      durable = await measure(durableServer, floorTargetServer, true);
    } finally {
      await durableServer.stop();
    }
    figures.push({
      name: `floor: durable node:http 202 (append + group-committed fdatasync, no database), ingest at ${CONNECTIONS} connections`,
      value: round(durable.ingest),
      unit: `webhooks/s; ${(durable.ratio * 100).toFixed(0)} % of the bare floor in the interleaved rounds`,
    });
    figures.push({
      name: `floor: durable POST → WebSocket latency p99 under ${LOADED_RATE.toLocaleString('en-US')} webhooks/s`,
      value: round(percentile(durable.loaded!, 99), 2),
      unit: `ms (p50 ${percentile(durable.loaded!, 50).toFixed(2)} ms; load ran at ${round(durable.loadedRate!)}/s)`,
    });
    for (const [name, start, loaded] of targets) {
      const instances = await start();
      const target = relayTarget(name, instances);
      try {
        const m = await measure(target, floorTargetServer, loaded);
        figures.push({
          name: `relay ${name}: durable ingest at ${CONNECTIONS} connections`,
          value: round(m.ingest),
          unit: `webhooks/s; floor in the interleaved rounds ${round(m.floorIngest)}/s; ${(m.ratio * 100).toFixed(0)} % of floor (median of ${INGEST_ROUNDS} rounds; P5 target ≥ 80 %); ${((m.ingest / durable.ingest) * 100).toFixed(0)} % of the durable floor`,
        });
        figures.push({ name: `relay ${name}: webhook → subscriber p50 / p99, one at a time`, value: round(percentile(m.idle, 50), 2), unit: `ms / ${percentile(m.idle, 99).toFixed(2)} ms (floor ${percentile(floor.idle, 99).toFixed(2)} ms)` });
        if (m.loaded) {
          figures.push({
            name: `relay ${name}: webhook → subscriber p99 under ${LOADED_RATE.toLocaleString('en-US')} webhooks/s (P5 target ≤ 5 ms)`,
            value: round(percentile(m.loaded, 99), 2),
            unit: `ms (p50 ${percentile(m.loaded, 50).toFixed(2)} ms; load ran at ${round(m.loadedRate!)}/s; floor p99 ${percentile(floor.loaded!, 99).toFixed(2)} ms, durable floor p99 ${percentile(durable.loaded!, 99).toFixed(2)} ms)`,
          });
        }
      } finally {
        await target.stop();
      }
    }
    figures.push(...(await idleSubscribers(dir)));
    figures.push({ name: 'box load average (1 min) at start / end of this section', value: round(loadAtStart, 2), unit: `/ ${loadavg()[0]!.toFixed(2)}` });
    return figures;
  } finally {
    await floorServer?.stop();
    await redis?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
