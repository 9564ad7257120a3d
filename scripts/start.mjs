#!/usr/bin/env node
// Runs the product locally: builds the extension, starts the relay and a demo site on 127.0.0.1,
// then opens Chromium with the extension loaded on the demo page.
//   npm start                 everything
//   npm start -- --no-browser build + relay + demo site only (servers, CI boxes)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
  console.log('Usage: npm start [-- --no-browser] [--relay-port N] (env RELAY_PORT, DEMO_PORT, CHROMIUM_PATH)');
  process.exit(0);
}
const root = path.resolve(import.meta.dirname, '..');
const relayPort = Number(process.env.RELAY_PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 8788);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const children = [];

console.log('Building the extension (wxt build)…');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(path.join(root, 'relay-data'), { recursive: true });
const relay = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts', '--port', String(relayPort)], { cwd: root, stdio: 'inherit' });
children.push(relay);

const demoHtml = readFileSync(path.join(root, 'scripts/demo/index.html'), 'utf8');
const demo = createServer((req, res) => {
  const article = /^\/articles\/(\w+)\.html$/.exec(req.url ?? '');
  if (article) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Article ${article[1]}</title><h1>Article ${article[1]}</h1><p>Demo article body.</p></html>`);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(demoHtml);
});
demo.listen(demoPort, '127.0.0.1', () => {
  const demoUrl = `http://127.0.0.1:${demoPort}/`;
  console.log(`Demo site: ${demoUrl}\nRelay:     http://127.0.0.1:${relayPort}  (connect it in the extension's Options)`);
  if (args.has('--no-browser')) {
    console.log(`Extension built in ${path.join(root, '.output/chrome-mv3')} (load it unpacked). Ctrl+C to stop.`);
    return;
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium not found at ${chromium}; install it (apt-get install -y chromium) or pass --no-browser.`);
    return;
  }
  const ext = path.join(root, '.output/chrome-mv3');
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headless) console.log('No display found: Chromium runs headless (use --no-browser to skip it).');
  const browser = spawn(
    chromium,
    [
      `--user-data-dir=${path.join(root, '.chromium-profile')}`,
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(headless ? ['--headless=new', '--no-sandbox', '--remote-debugging-port=9222'] : []),
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      demoUrl,
    ],
    { stdio: 'ignore' },
  );
  children.push(browser);
  browser.on('exit', () => shutdown());
});

function shutdown() {
  for (const child of children) child.kill('SIGTERM');
  demo.close();
  setTimeout(() => process.exit(0), 500).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
