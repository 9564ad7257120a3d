/**
 * Idle-subscriber client for the relay benchmark, in its own process: registers channels and opens
 * `subscribers` WebSockets (`perChannel` per channel), waits until every one got `ready`, holds them
 * `holdMs`, then prints `{"open": N}` and exits. Loopback only.
 */
import { WebSocket } from 'ws';
import { z } from 'zod';
import { ChannelCredentials, relayWsUrl, wsProtocols } from '../shared/relay-protocol';

const Options = z.object({
  baseUrl: z.url().refine((u) => u.startsWith('http://127.0.0.1:'), 'loopback only'),
  subscribers: z.number().int().min(1).max(20_000),
  perChannel: z.number().int().min(1).max(100),
  holdMs: z.number().int().min(0).max(60_000),
});
const opts = Options.parse(JSON.parse(process.argv[2] ?? '{}'));
const deadline = Date.now() + 240_000;

const channels: ChannelCredentials[] = [];
for (let i = 0; i < Math.ceil(opts.subscribers / opts.perChannel); i++) {
  const res = await fetch(`${opts.baseUrl}/v1/channels`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  channels.push(ChannelCredentials.parse(await res.json()));
}

const sockets: WebSocket[] = [];
let open = 0;
// Connect in waves of 500 so the listen backlog is not flooded.
for (let i = 0; i < opts.subscribers && Date.now() < deadline; i += 500) {
  await Promise.all(
    Array.from({ length: Math.min(500, opts.subscribers - i) }, (_, k) => {
      const creds = channels[Math.floor((i + k) / opts.perChannel)]!;
      const ws = new WebSocket(relayWsUrl(opts.baseUrl, creds.channelId), wsProtocols(creds.subscriberSecret));
      sockets.push(ws);
      return new Promise<void>((resolve) => {
        ws.once('message', () => {
          open++;
          resolve();
        });
        ws.once('error', () => resolve());
        ws.once('close', () => resolve());
      });
    }),
  );
}
await new Promise((r) => setTimeout(r, opts.holdMs));
process.stdout.write(`${JSON.stringify({ open })}\n`);
for (const ws of sockets) ws.terminate();
process.exit(0);
