import { describe, expect, it } from 'vitest';
import { loggablePath, requestLine } from './log';

describe('loggablePath', () => {
  it.each([
    ['/v1/hooks/chan/SECRET-TOKEN?p=x&j=1', '/v1/hooks/chan/[token]'],
    ['/v1/hooks/chan/SECRET/extra', '/v1/hooks/chan/[token]'],
    ['/v1/channels/abc/stream?secret=SECRET', '/v1/channels/abc/stream'],
    ['/healthz', '/healthz'],
    ['/a b\n', '/a?b?'],
  ])('%s → %s', (input, expected) => {
    expect(loggablePath(input)).toBe(expected);
  });

  it('formats one line per request', () => {
    expect(requestLine('POST', '/v1/hooks/c/t', 202, 1.234)).toBe('POST /v1/hooks/c/[token] 202 1.2ms');
  });
});
