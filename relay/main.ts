/**
 * Entry point: `npm run relay -- --help`. The only file that reads argv/env, opens the real
 * store and listens.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createApp } from './app';
import { parseCli } from './config';
import { jsonLogger, lineBuffer, textLogger } from './log';
import { createMemoryStore } from './store/memory';
import { openRedisStore, redactUrl } from './store/redis';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { packageVersion } from './version';

const parsed = parseCli(process.argv.slice(2), process.env);
if (parsed.kind === 'help') {
  process.stdout.write(parsed.text);
  process.exit(0);
}
if (parsed.kind === 'error') {
  process.stderr.write(`${parsed.message}\n`);
  process.exit(2);
}
const { config } = parsed;
const out = lineBuffer(process.stdout);
process.on('exit', () => out.flush());
const logger = config.logFormat === 'json' ? jsonLogger(out.write) : textLogger(out.write);

// Errors are caught per request; these only make sure a stray one is logged, not fatal.
// A closed stdout/stderr (parent gone) must not turn logging itself into an error loop.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
let reporting = false;
const report = (what: string) => (e: unknown) => {
  if (reporting) return;
  reporting = true;
  try {
    logger.error(what, e);
  } finally {
    reporting = false;
  }
};
process.on('uncaughtException', report('uncaught exception'));
process.on('unhandledRejection', report('unhandled rejection'));

let storeLabel = 'memory (events are lost on restart)';
let store: Store;
let tls: { cert: Buffer; key: Buffer } | undefined;
try {
  if (config.tls) tls = { cert: readFileSync(config.tls.certPath), key: readFileSync(config.tls.keyPath) };
  if (config.memory) {
    store = createMemoryStore();
  } else if (config.redisUrl) {
    store = await openRedisStore({ url: config.redisUrl, prefix: config.redisPrefix, logger });
    storeLabel = `redis ${redactUrl(config.redisUrl)}`;
  } else {
    const dbPath = resolve(config.dbPath);
    mkdirSync(dirname(dbPath), { recursive: true });
    store = openSqliteStore(dbPath);
    storeLabel = `sqlite ${dbPath}`;
  }
} catch (e) {
  logger.error('relay cannot start', e);
  process.exit(1);
}

const app = createApp({
  store,
  now: Date.now,
  logger,
  tls,
  config: { ...config.app, service: { ...config.app.service, version: packageVersion() } },
});
app.server.on('error', (e) => {
  logger.error('server error', e);
  process.exit(1);
});
app.server.listen(config.port, config.host, () => {
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info(`relay listening on ${tls ? 'https' : 'http'}://${host}:${port} (store: ${storeLabel})`, { port, store: store.kind });
  if (!config.app.publicUrl) {
    logger.info('no --public-url: webhook URLs use the listening address, reachable only from this network');
  }
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) {
    logger.info(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  logger.info(`${signal}: shutting down`);
  app.close().then(
    () => {
      logger.info('relay stopped');
      process.exit(0);
    },
    (e: unknown) => {
      logger.error('shutdown failed', e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
