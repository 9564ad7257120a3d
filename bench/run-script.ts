import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { within } from '../relay/testing/harness';

const root = resolve(import.meta.dirname, '..');

/** Runs a node script (under tsx) in its own process and parses its last stdout line as JSON. */
export function runScript<T>(script: string, args: unknown, schema: z.ZodType<T>, timeoutMs: number): Promise<T> {
  return within(
    new Promise<T>((res, rej) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.once('exit', (code) => {
        try {
          if (code !== 0) throw new Error(`${script} exited with ${code}`);
          res(schema.parse(JSON.parse(out.trim().split('\n').at(-1) ?? '')));
        } catch (e) {
          rej(e);
        }
      });
    }),
    timeoutMs,
    script,
  );
}
