/**
 * The relay benchmark's load generator, run in its OWN process (so it never shares an event loop with
 * the server it measures): `node --import tsx bench/loadgen.ts '<json options>'`. It POSTs webhooks over
 * keep-alive connections, one request in flight per connection, and prints one JSON line with what
 * happened. Loopback targets only; bounded by a count and a deadline.
 *
 * It writes HTTP/1.1 on raw sockets (request bytes built once, the response read for its status line
 * and Content-Length only), like wrk or autocannon: `node:http`'s client spent about 1.6× the CPU the
 * bare server did per request, so on two shared cores the generator, not the server, set the "floor".
 *
 * Options: { urls: string[] (round robin), connections, total, perSecond? (pace; else as fast as
 * possible), deadlineMs, bodyBytes }, or instead of `urls` and `bodyBytes` a `requestsFile`: a JSON
 * array of { url, body } sent once each, in order (one origin), for webhooks that differ per request.
 * `timings: true` adds each request's send and answer times (epoch ms) to the output line.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { z } from 'zod';

const LoopbackUrl = z.url().refine((u) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(u), 'loopback only');
const Options = z
  .object({
    urls: z.array(LoopbackUrl).min(1).optional(),
    requestsFile: z.string().optional(),
    connections: z.number().int().min(1).max(1024),
    total: z.number().int().min(1).max(10_000_000),
    perSecond: z.number().positive().optional(),
    deadlineMs: z.number().int().positive().max(600_000),
    bodyBytes: z.number().int().min(2).max(1_000_000).default(2_000),
    timings: z.boolean().default(false),
  })
  .refine((o) => (o.urls === undefined) !== (o.requestsFile === undefined), 'give either urls or requestsFile');
const Requests = z.array(z.object({ url: LoopbackUrl, body: z.string() })).min(1);

const opts = Options.parse(JSON.parse(process.argv[2] ?? '{}'));

interface Target {
  host: string;
  port: number;
  /** The Host header: host and port as the URL spells them. */
  authority: string;
}
const targetOf = (u: string): Target & { path: string } => {
  const url = new URL(u);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), authority: url.host, path: url.pathname + url.search };
};
const requestHead = (target: Target, path: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: ${target.authority}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** Request i as bytes, for connection c, which talks to one server only. */
interface Plan {
  total: number;
  targetFor(connection: number): Target;
  request(i: number, connection: number): { head: string; body: Buffer };
}

function urlsPlan(urls: string[]): Plan {
  const body = Buffer.from(JSON.stringify({ status: 'done', html: 'x'.repeat(Math.max(0, opts.bodyBytes - 30)) }));
  const targets = urls.map(targetOf);
  return {
    total: opts.total,
    targetFor: (c) => targets[c % targets.length]!,
    request(i, c) {
      const t = targets[c % targets.length]!;
      return { head: requestHead(t, `${t.path}${t.path.includes('?') ? '&' : '?'}j=${i}`, body.length), body };
    },
  };
}

function filePlan(file: string): Plan {
  const requests = Requests.parse(JSON.parse(readFileSync(file, 'utf8'))).map((r) => ({ ...targetOf(r.url), body: Buffer.from(r.body) }));
  const origin = requests[0]!;
  if (requests.some((r) => r.host !== origin.host || r.port !== origin.port)) throw new Error('requestsFile: one origin only');
  return {
    total: Math.min(opts.total, requests.length),
    targetFor: () => origin,
    request(i) {
      const r = requests[i]!;
      return { head: requestHead(r, r.path, r.body.length), body: r.body };
    },
  };
}

const plan = opts.requestsFile ? filePlan(opts.requestsFile) : urlsPlan(opts.urls ?? []);

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection: `post(i)` resolves with the status (0 on a network error or timeout). */
function connection(target: Target) {
  let socket: Socket | undefined;
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: ((status: number) => void) | undefined;

  const fail = () => {
    socket?.destroy();
    socket = undefined;
    buffered = Buffer.alloc(0);
    const w = waiting;
    waiting = undefined;
    w?.(0);
  };

  const onData = (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf(HEADER_END);
    if (end < 0) return;
    const head = buffered.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length && status !== 204) return fail(); // only Content-Length bodies are expected from these servers
    const total = end + 4 + Number(length?.[1] ?? 0);
    if (buffered.length < total) return;
    const closing = /\r\nconnection:\s*close/i.test(head);
    buffered = buffered.subarray(total);
    if (closing) {
      socket?.destroy();
      socket = undefined;
      buffered = Buffer.alloc(0);
    }
    const w = waiting;
    waiting = undefined;
    w?.(status);
  };

  const open = () => {
    const s = connect({ host: target.host, port: target.port, noDelay: true });
    s.setTimeout(30_000, fail);
    s.on('data', onData);
    s.on('error', fail);
    s.on('close', () => {
      if (socket === s) fail();
    });
    return s;
  };

  return {
    post(request: { head: string; body: Buffer }): Promise<number> {
      return new Promise((resolve) => {
        waiting = resolve;
        socket ??= open();
        socket.cork();
        socket.write(request.head, 'latin1');
        socket.write(request.body);
        socket.uncork();
      });
    },
    close: () => {
      socket?.destroy();
      socket = undefined;
    },
  };
}

const started = performance.now();
const deadline = started + opts.deadlineMs;
const epochMs = () => performance.timeOrigin + performance.now();
let next = 0;
let ok = 0;
let failed = 0;
const statuses: Record<string, number> = {};
const sentAt: number[] = [];
const answeredAt: number[] = [];
const connections = Array.from({ length: opts.connections }, (_, c) => connection(plan.targetFor(c)));
await Promise.all(
  connections.map(async (conn, c) => {
    while (next < plan.total && performance.now() < deadline) {
      const i = next++;
      if (opts.perSecond) {
        // Open-loop pacing: request i is due at i / rate; wait for it.
        const due = started + (i / opts.perSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      if (opts.timings) sentAt[i] = epochMs();
      const status = await conn.post(plan.request(i, c));
      if (opts.timings) answeredAt[i] = epochMs();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 202) ok++;
      else failed++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
for (const c of connections) c.close();
const timings = opts.timings ? { sentAt, answeredAt } : {};
process.stdout.write(`${JSON.stringify({ ok, failed, seconds, perSecond: ok / seconds, statuses, ...timings })}\n`);
