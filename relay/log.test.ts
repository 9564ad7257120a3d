import { describe, expect, it } from 'vitest';
import { loggablePath, requestEntry, requestLine } from './log';

describe('loggablePath', () => {
  it.each([
    ['/v1/hooks/chan/SECRET-TOKEN?p=x&j=1', '/v1/hooks/chan/[token]'],
    ['/v1/hooks/chan/SECRET/extra', '/v1/hooks/chan/[token]'],
    ['/v1/hooks/chan/', '/v1/hooks/chan/[token]'],
    ['/v1/hooks/chan', '/v1/hooks/chan'],
    ['/v1/channels/abc/stream?secret=SECRET', '/v1/channels/abc/stream'],
    ['/healthz', '/healthz'],
    ['/a b\n', '/a?b?'],
  ])('%s → %s', (input, expected) => {
    expect(loggablePath(input)).toBe(expected);
  });

  it('formats one line per request', () => {
    expect(requestLine('POST', '/v1/hooks/c/t', 202, 1.234)).toBe('POST /v1/hooks/c/[token] 202 1.2ms');
  });

  it('gives the same facts as JSON fields, and marks an aborted request in both', () => {
    expect(requestEntry(undefined, '/v1/hooks/c/t?j=1', 202, 0.06, true)).toEqual({
      line: '? /v1/hooks/c/[token] 202 0.1ms (aborted)',
      fields: { method: '?', path: '/v1/hooks/c/[token]', status: 202, ms: 0.1, aborted: true },
    });
    expect(requestEntry('GET', '/healthz', 200, 2).fields).not.toHaveProperty('aborted');
  });
});

describe('jsonLogger (--log-format json)', () => {
  it('writes one JSON object per line with time, level, message and fields', async () => {
    const { jsonLogger } = await import('./log');
    const lines: string[] = [];
    const log = jsonLogger((l) => lines.push(l), () => new Date(0));
    log.info('POST /v1/hooks/c/[token] 202 1.0ms', { method: 'POST', status: 202 });
    log.error('store failed', new Error('boom'));
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'POST /v1/hooks/c/[token] 202 1.0ms', method: 'POST', status: 202 },
      { time: '1970-01-01T00:00:00.000Z', level: 'error', msg: 'store failed', error: 'boom', stack: expect.stringContaining('boom') },
    ]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});

describe('lineBuffer', () => {
  it('writes the lines of one event-loop turn in one write, in order, and flushes on demand', async () => {
    const { lineBuffer } = await import('./log');
    const writes: string[] = [];
    const out = lineBuffer({ write: (c: string) => writes.push(c) });
    out.write('a');
    out.write('b');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['a\nb\n']);
    out.write('c');
    out.flush();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(2);
  });
});
