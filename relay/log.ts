/** Where the relay writes its lines. `main.ts` uses {@link textLogger} or {@link jsonLogger} over a {@link lineBuffer}; tests record lines. */
export interface Logger {
  /** `fields` are the line's facts as data (JSON logs carry them; text logs already say them in `line`). */
  info(line: string, fields?: Record<string, unknown>): void;
  error(line: string, err?: unknown): void;
}

/** `--log-format text`: `<ISO time> <line>` on `write`; errors (rare) go to stderr with their stack. */
export function textLogger(write: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const stamp = isoStamp(now);
  return {
    info: (line) => write(`${stamp()} ${line}`),
    error: (line, err) => console.error(`${stamp()} ${line}`, err ?? ''),
  };
}

/**
 * `now().toISOString()`, formatted once per millisecond: at thousands of request lines a second most
 * lines share their millisecond with the one before.
 */
function isoStamp(now: () => Date): () => string {
  let lastMs = Number.NaN;
  let last = '';
  return () => {
    const d = now();
    const ms = d.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      last = d.toISOString();
    }
    return last;
  };
}

/**
 * Lines written in one event-loop turn leave in one `stream.write`, not one synchronous pipe write
 * (stdout is a pipe under systemd and in the benches) per request line. `flush()` writes
 * what is buffered now (main.ts calls it on exit, so no line is lost).
 */
export function lineBuffer(stream: { write(chunk: string): unknown }): { write(line: string): void; flush(): void } {
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    stream.write(text);
  };
  return {
    write(line) {
      if (lines.push(line) === 1) setImmediate(flush);
    },
    flush,
  };
}

/** `--log-format json`: one JSON object per line on stdout, `{time, level, msg, ...fields}`. */
export function jsonLogger(write: (line: string) => void = (l) => void process.stdout.write(`${l}\n`), now: () => Date = () => new Date()): Logger {
  const stamp = isoStamp(now);
  return {
    info: (msg, fields) => write(JSON.stringify({ time: stamp(), level: 'info', msg, ...fields })),
    error: (msg, err) =>
      write(
        JSON.stringify({
          time: stamp(),
          level: 'error',
          msg,
          ...(err !== undefined && { error: err instanceof Error ? err.message : String(err) }),
          ...(err instanceof Error && err.stack && { stack: err.stack }),
        }),
      ),
  };
}

/**
 * The path as it may appear in logs: no query string (it can carry `?secret=`), the webhook token
 * segment replaced, control characters dropped, length capped.
 */
export function loggablePath(rawUrl: string | undefined): string {
  const raw = rawUrl ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  // A webhook path's token (and anything after it) is a secret: cut after the channel segment.
  if (path.startsWith(HOOKS_PREFIX)) {
    const slash = path.indexOf('/', HOOKS_PREFIX.length);
    if (slash >= 0) return printable(`${path.slice(0, slash)}/[token]`);
  }
  return printable(path);
}

const HOOKS_PREFIX = '/v1/hooks/';
const UNPRINTABLE = /[^\x21-\x7e]/g;
/** Control characters and spaces dropped, length capped. */
const printable = (path: string) => path.replace(UNPRINTABLE, '?').slice(0, 200);

/** One line per request, `METHOD path status ms` (`(aborted)` after it), and the same facts as JSON log fields. */
export function requestEntry(method: string | undefined, rawUrl: string | undefined, status: number, ms: number, aborted = false): { line: string; fields: Record<string, unknown> } {
  const path = loggablePath(rawUrl);
  const rounded = ms.toFixed(1);
  const m = method ?? '?';
  const fields: Record<string, unknown> = { method: m, path, status, ms: Number(rounded) };
  if (aborted) fields.aborted = true;
  return { line: `${m} ${path} ${status} ${rounded}ms${aborted ? ' (aborted)' : ''}`, fields };
}

/** The line of {@link requestEntry} alone (WebSocket upgrades log no fields). */
export const requestLine = (method: string | undefined, rawUrl: string | undefined, status: number, ms: number): string =>
  requestEntry(method, rawUrl, status, ms).line;
