/**
 * The relay benchmark's load generator, run in its OWN process (so it never shares an event loop with
 * the server it measures): `node --import tsx bench/loadgen.ts '<json options>'`. It POSTs webhooks over
 * keep-alive connections and prints one JSON line with what happened. Loopback targets only; bounded
 * by a count and a deadline.
 *
 * Options: { urls: string[] (round robin), connections, total, perSecond? (pace; else as fast as
 * possible), deadlineMs, bodyBytes }.
 */
import { Agent, request } from 'node:http';
import { z } from 'zod';

const Options = z.object({
  urls: z.array(z.url().refine((u) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(u), 'loopback only')).min(1),
  connections: z.number().int().min(1).max(1024),
  total: z.number().int().min(1).max(10_000_000),
  perSecond: z.number().positive().optional(),
  deadlineMs: z.number().int().positive().max(600_000),
  bodyBytes: z.number().int().min(2).max(1_000_000).default(2_000),
});

const opts = Options.parse(JSON.parse(process.argv[2] ?? '{}'));
const body = JSON.stringify({ status: 'done', html: 'x'.repeat(Math.max(0, opts.bodyBytes - 30)) });
const agents = opts.urls.map(() => new Agent({ keepAlive: true, maxSockets: Math.ceil(opts.connections / opts.urls.length) }));

function post(i: number): Promise<number> {
  const u = i % opts.urls.length;
  return new Promise((resolve) => {
    const req = request(`${opts.urls[u]}${opts.urls[u]!.includes('?') ? '&' : '?'}j=${i}`, { method: 'POST', agent: agents[u], headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const started = performance.now();
const deadline = started + opts.deadlineMs;
let next = 0;
let ok = 0;
let failed = 0;
const statuses: Record<string, number> = {};
await Promise.all(
  Array.from({ length: opts.connections }, async () => {
    while (next < opts.total && performance.now() < deadline) {
      const i = next++;
      if (opts.perSecond) {
        // Open-loop pacing: request i is due at i / rate; wait for it.
        const due = started + (i / opts.perSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const status = await post(i);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 202) ok++;
      else failed++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
for (const a of agents) a.destroy();
process.stdout.write(`${JSON.stringify({ ok, failed, seconds, perSecond: ok / seconds, statuses })}\n`);
