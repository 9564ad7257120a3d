import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as text/plain. */
  body?: unknown;
}

export interface FakeServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** A loopback HTTP server for provider fakes; counts nothing itself, fakes keep their own counters. */
export async function startFakeServer(
  handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>,
): Promise<FakeServer> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      Promise.resolve(
        handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, json }),
      )
        .then((reply) => {
          const status = reply.status ?? 200;
          // Fakes answer any origin, like the real APIs, so the extension pages can call them too.
          const headers: Record<string, string> = { 'access-control-allow-origin': '*', ...reply.headers };
          if (reply.body === undefined) {
            res.writeHead(status, headers).end();
          } else if (typeof reply.body === 'string') {
            res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(reply.body);
          } else {
            res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(reply.body));
          }
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A small HTML page the fakes return as "scraped" content for a URL. */
export function fakePageHtml(url: string): string {
  return `<!doctype html><html><head><title>Fake page for ${url}</title></head><body><h1>Scraped ${url}</h1><p>Content served by the fake provider.</p></body></html>`;
}
