/**
 * The floor the relay is measured against, in its own process: a bare `node:http` server that reads
 * each POST body and answers 202 `{"cursor":n}` (what the relay answers, minus storage), and pushes the
 * body to WebSocket clients on /ws (the delivery path, minus storage). Prints `listening <port>`.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

let cursor = 0;
const clients = new Set<WebSocket>();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    cursor++;
    const event = JSON.stringify({
      type: 'event',
      event: { cursor, receivedAt: Date.now(), headers: {}, query: (req.url ?? '').split('?')[1] ?? '', bodyBase64: Buffer.concat(chunks).toString('base64') },
    });
    for (const ws of clients) ws.send(event);
    const text = JSON.stringify({ cursor });
    res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }).end(text);
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
