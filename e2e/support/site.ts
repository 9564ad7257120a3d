import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shopHtml } from './shop-site';

export interface TestSite {
  url: (path: string) => string;
  /** Requests seen per path, to prove what the extension fetched. */
  hits: (path: string) => number;
  /** Serves `html` (or what `html()` returns at each request) at `path` from now on: a page the test changes. */
  setPage: (path: string, html: string | (() => string)) => void;
  close: () => Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * Pages the e2e tests scrape, on 127.0.0.1. `/slow/<ms>/<name>` answers after a delay (to stop the worker mid-job);
 * `/evil` carries scripts that try to reach chrome.* and extension storage.
 */
export async function startTestSite(): Promise<TestSite> {
  const hits = new Map<string, number>();
  const custom = new Map<string, string | (() => string)>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const html = (status: number, body: string) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    const set = custom.get(path);
    if (set !== undefined) return html(200, typeof set === 'string' ? set : set());
    const pageMatch = /^\/page\/([\w-]+)$/.exec(path);
    if (pageMatch) {
      const name = pageMatch[1] ?? '';
      return html(200, page(`Page ${name}`, `<h1>Hello ${name}</h1><p>Paragraph of page ${name}.</p>`));
    }
    const slow = /^\/slow\/(\d+)\/([\w-]+)$/.exec(path);
    if (slow) {
      const timer = setTimeout(() => html(200, page(`Slow ${slow[2]}`, `<h1>Slow ${slow[2]}</h1>`)), Number(slow[1]));
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/dynamic') {
      // Content exists only after the page's own script ran: proves the live DOM is captured.
      return html(200, page('Dynamic', `<div id="out">static</div><script>document.getElementById('out').textContent = 'rendered by script';</script>`));
    }
    if (path === '/links') {
      return html(
        200,
        page(
          'Links',
          `<p id="sel">Read <a href="/page/l1">one</a>, <a href="/page/l2">two</a>, <a href="/page/l1#again">one again</a> and <a href="mailto:x@y.z">mail</a>.</p><p>Outside <a href="/page/out">out</a></p>`,
        ),
      );
    }
    if (path === '/evil') {
      return html(
        200,
        page(
          'Evil page',
          `<h1>Evil</h1><script>
            var report = [];
            try { report.push('chrome:' + typeof chrome + ':' + typeof (chrome && chrome.storage)); chrome.storage.local.set({ pwned: true }); } catch (e) { report.push('blocked'); }
            try { report.push('parent:' + parent.location.href); } catch (e) { report.push('parent-blocked'); }
            fetch('/evil-ran?' + encodeURIComponent(report.join('|'))).catch(function () {});
          </script>`,
        ),
      );
    }
    if (path === '/evil-ran') return html(204, '');
    const shop = path.startsWith('/shop/') && shopHtml(req.url ?? path);
    if (shop) return html(200, shop);
    html(404, page('Not found', '<h1>Not found</h1>'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    setPage: (path, body) => void custom.set(path, body),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
