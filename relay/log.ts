/** Where the relay writes its lines. `main.ts` uses {@link consoleLogger}; tests record lines. */
export interface Logger {
  info(line: string): void;
  error(line: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (line) => console.log(`${new Date().toISOString()} ${line}`),
  error: (line, err) => console.error(`${new Date().toISOString()} ${line}`, err ?? ''),
};

/**
 * The path as it may appear in logs: no query string (it can carry `?secret=`), the webhook token
 * segment replaced, control characters dropped, length capped.
 */
export function loggablePath(rawUrl: string | undefined): string {
  const path = (rawUrl ?? '/').split('?')[0] ?? '/';
  const segments = path.split('/');
  // ['', 'v1', 'hooks', channel, token, ...]
  if (segments[1] === 'v1' && segments[2] === 'hooks' && segments.length > 4) {
    segments.splice(4, segments.length - 4, '[token]');
  }
  return segments.join('/').replace(/[^\x21-\x7e]/g, '?').slice(0, 200);
}

/** One line per request: `METHOD path status ms`. */
export function requestLine(method: string | undefined, rawUrl: string | undefined, status: number, ms: number): string {
  return `${method ?? '?'} ${loggablePath(rawUrl)} ${status} ${ms.toFixed(1)}ms`;
}
