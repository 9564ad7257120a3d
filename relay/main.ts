/**
 * Entry point: `npm run relay -- --help`. The only file that reads argv/env, opens the real
 * store and listens.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createApp } from './app';
import { parseCli } from './config';
import { consoleLogger as logger } from './log';
import { createMemoryStore } from './store/memory';
import { openSqliteStore } from './store/sqlite';

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
let store;
if (config.memory) {
  store = createMemoryStore();
} else {
  const dbPath = resolve(config.dbPath);
  mkdirSync(dirname(dbPath), { recursive: true });
  store = openSqliteStore(dbPath);
  storeLabel = `sqlite ${dbPath}`;
}

const app = createApp({ store, now: Date.now, logger, config: config.app });
app.server.on('error', (e) => {
  logger.error('server error', e);
  process.exit(1);
});
app.server.listen(config.port, config.host, () => {
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info(`relay listening on http://${host}:${port} (store: ${storeLabel})`);
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
