/**
 * Relay benchmark on loopback with the SQLite store (synchronous=FULL, group commit):
 * - ingest throughput: N webhooks POSTed with C concurrent keep-alive connections, each answered
 *   202 only once durable;
 * - webhook → subscriber latency: time from starting a POST to receiving its WS event, one at a time.
 * Standalone: `npx tsx bench/relay.ts`. Prints figures, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { ChannelCredentials, ServerMessage, wsProtocols, relayWsUrl } from '../shared/relay-protocol';
import { createApp } from '../relay/app';
import { defaultAppConfig } from '../relay/config';
import type { Logger } from '../relay/log';
import { createMemoryStore } from '../relay/store/memory';
import { openSqliteStore } from '../relay/store/sqlite';
import type { Store } from '../relay/store/types';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const INGEST_POSTS = 2_000;
const INGEST_CONCURRENCY = 16;
const LATENCY_SAMPLES = 500;
const BODY = JSON.stringify({ status: 'done', url: 'https://example.com/page', html: 'x'.repeat(2_000) });

const silent: Logger = { info: () => undefined, error: () => undefined };

async function withRelay<T>(store: Store, run: (baseUrl: string) => Promise<T>): Promise<T> {
  const app = createApp({
    store,
    now: Date.now,
    logger: silent,
    config: { ...defaultAppConfig, hookRate: { perSecond: 1e9, burst: 1e9 } },
  });
  await new Promise<void>((res) => app.server.listen(0, '127.0.0.1', res));
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('relay not listening');
  try {
    return await run(`http://127.0.0.1:${addr.port}`);
  } finally {
    await app.close();
  }
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

async function registerChannel(baseUrl: string): Promise<ChannelCredentials> {
  const res = await fetch(`${baseUrl}/v1/channels`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  return ChannelCredentials.parse(await res.json());
}

/** Webhooks per second, every one answered 202 after its durable write. */
async function ingest(store: Store): Promise<number> {
  return withRelay(store, async (baseUrl) => {
    const { webhookUrl } = await registerChannel(baseUrl);
    const agent = new Agent({ keepAlive: true, maxSockets: INGEST_CONCURRENCY });
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: INGEST_CONCURRENCY }, async () => {
        while (next < INGEST_POSTS) {
          next += 1;
          if ((await post(`${webhookUrl}?j=${next}`, BODY, agent)) !== 202) failed += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    if (failed > 0) throw new Error(`${failed} webhooks were not accepted`);
    return INGEST_POSTS / seconds;
  });
}

/** Milliseconds from starting each POST to its event arriving over the WebSocket. */
async function latency(store: Store): Promise<number[]> {
  return withRelay(store, async (baseUrl) => {
    const creds = await registerChannel(baseUrl);
    const ws = new WebSocket(relayWsUrl(baseUrl, creds.channelId), wsProtocols(creds.subscriberSecret));
    const waiting = new Map<string, () => void>();
    ws.on('message', (data) => {
      const msg = ServerMessage.parse(JSON.parse(data.toString()));
      if (msg.type !== 'event') return;
      ws.send(JSON.stringify({ type: 'ack', cursor: msg.event.cursor }));
      waiting.get(msg.event.query)?.();
    });
    await new Promise<void>((res, rej) => {
      ws.once('open', () => res());
      ws.once('error', rej);
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const samples: number[] = [];
    try {
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const query = `j=${i}`;
        let timer: NodeJS.Timeout | undefined;
        const arrived = new Promise<void>((res, rej) => {
          waiting.set(query, res);
          timer = setTimeout(() => rej(new Error(`event ${i} not delivered within 10s`)), 10_000);
        });
        const started = performance.now();
        const [status] = await Promise.all([post(`${creds.webhookUrl}?${query}`, BODY, agent), arrived]);
        samples.push(performance.now() - started);
        clearTimeout(timer);
        waiting.delete(query);
        if (status !== 202) throw new Error(`webhook answered ${status}`);
      }
    } finally {
      agent.destroy();
      ws.terminate();
    }
    return samples;
  });
}

function percentile(values: number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function benchRelay(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  try {
    const sqliteIngest = await ingest(openSqliteStore(join(dir, 'ingest.sqlite')));
    const memoryIngest = await ingest(createMemoryStore());
    const samples = await latency(openSqliteStore(join(dir, 'latency.sqlite')));
    const round = (n: number, digits = 1) => Number(n.toFixed(digits));
    return [
      { name: `relay ingest, SQLite FULL (${INGEST_POSTS} posts, concurrency ${INGEST_CONCURRENCY})`, value: round(sqliteIngest, 0), unit: 'webhooks/s' },
      { name: 'relay ingest, memory store (baseline, not durable)', value: round(memoryIngest, 0), unit: 'webhooks/s' },
      { name: `relay webhook→WS latency p50 (SQLite, ${LATENCY_SAMPLES} samples)`, value: round(percentile(samples, 50), 2), unit: 'ms' },
      { name: `relay webhook→WS latency p99 (SQLite, ${LATENCY_SAMPLES} samples)`, value: round(percentile(samples, 99), 2), unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const r of await benchRelay()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
