#!/usr/bin/env node
// Runs the product locally: builds the extension, starts the relay and a demo site on 127.0.0.1,
// then opens Chromium with the extension loaded on the demo page. `npm start -- --help` lists the flags.
// Every child runs under scripts/guard.mjs, so killing this process (or npm) by any signal leaves none behind.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeVersionProblem } from './node-version.mjs';

const USAGE = `Usage: npm start [-- options]
  --relay-port N   relay port (env RELAY_PORT)             default 8787
  --demo-port N    demo site port (env DEMO_PORT)          default 8788
  --no-browser     build and serve only; load .output/chrome-mv3 unpacked yourself
  --skip-build     reuse the last build in .output/chrome-mv3
  -h, --help       this text
Env: CHROMIUM_PATH (default /usr/bin/chromium), RELAY_DB (relay SQLite file, default ./relay-data/relay.sqlite)`;

function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const problem = nodeVersionProblem(process.version);
if (problem) {
  console.error(problem);
  process.exit(1);
}

let flags;
try {
  flags = parseArgs({
    args: process.argv.slice(2),
    options: {
      'relay-port': { type: 'string' },
      'demo-port': { type: 'string' },
      'no-browser': { type: 'boolean' },
      'skip-build': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (e) {
  fail(e.message);
}
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

function port(name, value, fallback) {
  const raw = value ?? fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(String(raw)) || n < 1 || n > 65_535) fail(`${name} must be a port number (1-65535), got "${raw}".`);
  return n;
}
const relayPort = port('--relay-port', flags['relay-port'], process.env.RELAY_PORT ?? '8787');
const demoPort = port('--demo-port', flags['demo-port'], process.env.DEMO_PORT ?? '8788');
if (relayPort === demoPort) fail(`--relay-port and --demo-port must differ (both ${relayPort}).`);

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const children = [];

/** Starts `command` under the guard; the guard's stdin is a pipe from us, so our death closes it. */
function startGuarded(command, args, options = {}) {
  const child = spawn(process.execPath, [path.join(root, 'scripts/guard.mjs'), command, ...args], {
    cwd: root,
    stdio: ['pipe', 'inherit', 'inherit'],
    ...options,
  });
  children.push(child);
  return child;
}

if (!flags['skip-build']) {
  console.log('Building the extension (wxt build)…');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (!process.env.RELAY_DB) mkdirSync(path.join(root, 'relay-data'), { recursive: true });
const relay = startGuarded(process.execPath, ['--import', 'tsx', 'relay/main.ts', '--port', String(relayPort)]);
relay.on('exit', (code) => {
  if (!stopping) {
    console.error(`The relay stopped (exit ${code}); is port ${relayPort} free? Stopping.`);
    shutdown(1);
  }
});

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
demo.on('error', (e) => {
  console.error(`Demo site: ${e.message}`);
  shutdown(1);
});
demo.listen(demoPort, '127.0.0.1', () => {
  const demoUrl = `http://127.0.0.1:${demoPort}/`;
  console.log(`Demo site: ${demoUrl}\nRelay:     http://127.0.0.1:${relayPort}  (connect it in the extension's Options)`);
  if (flags['no-browser']) {
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
  const browser = startGuarded(chromium, [
    `--user-data-dir=${path.join(root, '.chromium-profile')}`,
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    ...(headless ? ['--headless=new', '--no-sandbox', '--remote-debugging-port=9222'] : []),
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    demoUrl,
  ]);
  browser.on('exit', () => shutdown(0));
});

let stopping = false;
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  demo.close();
  const exited = children.map((child) => (child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r))));
  void Promise.all(exited).then(() => process.exit(code));
  // The guards escalate to SIGKILL after 4 s; give them that, then go.
  setTimeout(() => process.exit(code), 6_000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));

// npm killed without forwarding a signal (SIGKILL): stop too. Under `npm start` our parent is npm's `sh -c`,
// which outlives npm, so watch the parent and the parent's parent: either being replaced means npm is gone.
/** The parent pid of `pid` from /proc (Linux), or undefined where that cannot be read. */
function parentOf(pid) {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
const parent = process.ppid;
const grandparent = parentOf(parent);
setInterval(() => {
  if (process.ppid !== parent || parentOf(parent) !== grandparent) shutdown(0);
}, 500).unref();
