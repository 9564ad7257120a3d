/**
 * A real Debian `redis-server` for tests: a random free loopback port, its own data folder, AOF on.
 * Stop it (SIGKILL by default, like a crash) and start it again on the same port and folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { within } from './harness';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Starts it again on the same port and data folder (after stop). */
  start(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Every byte Redis has written to disk (RDB and AOF files), for grepping. */
  filesOnDisk(): Buffer;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
      '--appendonly', 'yes', '--appendfsync', 'always', '--save', '',
      '--daemonize', 'no', '--logfile', '', '--databases', '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return within(
    new Promise<ChildProcess>((resolve, reject) => {
      child.once('error', (e) => reject(new Error(`cannot run ${REDIS_SERVER} (apt-get install redis-server): ${e.message}`)));
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) resolve(child);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    }),
    15_000,
    'redis-server to start',
  ).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sq-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;
  // The probed port may be taken again before Redis binds it: try a few.
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    child = await launch(port, dir).catch((e: unknown) => {
      if (attempt === 4) throw e;
      return undefined;
    });
  }
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(signal);
    await within(exited, 10_000, 'redis-server to stop');
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async start() {
      if (child) throw new Error('redis-server is running');
      child = await launch(port, dir);
    },
    stop,
    filesOnDisk() {
      const files: Buffer[] = [];
      const walk = (d: string) => {
        for (const name of readdirSync(d)) {
          const p = join(d, name);
          if (statSync(p).isDirectory()) walk(p);
          else files.push(readFileSync(p));
        }
      };
      walk(dir);
      return Buffer.concat(files);
    },
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
