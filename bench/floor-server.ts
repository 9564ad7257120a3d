/**
 * The floor the relay is measured against, in its own process: a bare `node:http` server that reads
 * each POST body and answers 202 `{"cursor":n}` (what the relay answers, minus storage), and pushes the
 * body to WebSocket clients on /ws (the delivery path, minus storage). Prints `listening <port>`.
 *
 * With `--durable <file>` it is the floor of a durable 202 on this disk instead: each body is appended to
 * the file, and the 202 and the push wait for an fdatasync that covers it. One sync runs at a time and
 * bodies that arrive meanwhile share the next one (group commit, as the relay's SQLite store does), so
 * it shows what the disk alone costs, with no database, index or schema.
 */
import { fdatasync, openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const durableAt = process.argv.indexOf('--durable');
const file = durableAt >= 0 ? openSync(process.argv[durableAt + 1] ?? 'floor.log', 'a') : undefined;

let waiting: Array<() => void> = [];
let syncing = false;
function syncWaiting(fd: number): void {
  syncing = true;
  const batch = waiting;
  waiting = [];
  fdatasync(fd, (e) => {
    if (e) throw e;
    syncing = false;
    for (const done of batch) done();
    if (waiting.length > 0) syncWaiting(fd);
  });
}

/** Runs `then` at once, or with `--durable` once `body` is appended and synced. */
function stored(body: Buffer, then: () => void): void {
  if (file === undefined) return then();
  writeSync(file, body);
  waiting.push(then);
  if (!syncing) syncWaiting(file);
}

let cursor = 0;
const clients = new Set<WebSocket>();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    stored(body, () => {
      cursor++;
      const event = JSON.stringify({
        type: 'event',
        event: { cursor, receivedAt: Date.now(), headers: {}, query: (req.url ?? '').split('?')[1] ?? '', bodyBase64: body.toString('base64') },
      });
      for (const ws of clients) ws.send(event);
      const text = JSON.stringify({ cursor });
      res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }).end(text);
    });
  });
});
const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
