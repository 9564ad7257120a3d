#!/usr/bin/env node
// Runs one command for scripts/start.mjs and makes sure it dies with start.mjs, however start.mjs ends:
//   node scripts/guard.mjs <command> [args...]
// The command gets its own process group, so stopping it also stops what it started (Chromium's helpers).
// The guard stops that group when start.mjs asks (SIGTERM/SIGINT) or is gone: its stdin pipe from start.mjs
// closes, or its parent process changes (start.mjs killed with SIGKILL, reparented to init).
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/guard.mjs <command> [args...]');
  process.exit(2);
}

const parent = process.ppid;
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
let stopping = false;

function signalGroup(signal) {
  try {
    // A negative pid addresses the whole process group the child leads.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  // A child that ignores SIGTERM is killed; the guard then exits with it.
  setTimeout(() => signalGroup('SIGKILL'), 4_000).unref();
}

child.on('error', (e) => {
  console.error(`${command}: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  // Anything the child left in its group goes too.
  signalGroup('SIGKILL');
  process.exit(code ?? (signal ? 1 : 0));
});

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 500).unref();
