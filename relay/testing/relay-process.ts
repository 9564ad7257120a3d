/** relay/main.ts as a real child process (for SIGKILL tests and benchmarks that need their own process). */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { within } from './harness';

const root = resolve(import.meta.dirname, '../..');

export interface RelayProcess {
  proc: ChildProcess;
  baseUrl: string;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL unless it already exited. */
  kill(): Promise<void>;
}

/**
 * Starts relay/main.ts under tsx and resolves once it logs its listening URL. `node --import tsx`
 * rather than the tsx CLI: the CLI runs the script in a child process, which a SIGKILL of the CLI
 * would leave running.
 */
export async function startRelayProcess(args: string[], env: Record<string, string> = {}): Promise<RelayProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const output: string[] = [];
  // The first chunks (start-up) and the most recent ones; a long benchmark logs a line per request.
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 4_000) output.splice(100, output.length - 3_000);
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => res({ code, signal })),
  );
  const kill = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await within(exited, 10_000, 'relay process to exit');
  };
  const baseUrl = await within(
    new Promise<string>((res, rej) => {
      let found = false;
      const onData = (chunk: Buffer) => {
        keep(chunk);
        // Scanned only until found: re-joining a request log per chunk grew quadratically, and a
        // parent that reads slowly fills the pipe and stalls the relay's (synchronous) stdout writes.
        if (found) return;
        const m = /listening on (https?:\/\/[^\s"]+)/.exec(output.join(''));
        if (m) {
          found = true;
          res(m[1]!);
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', keep);
      void exited.then(() => rej(new Error(`relay exited early:\n${output.join('')}`)));
    }),
    20_000,
    'relay to listen',
  ).catch(async (e: unknown) => {
    await kill();
    throw e;
  });
  return { proc, baseUrl, output, exited, kill };
}
