import { describe, expect, it } from 'vitest';
import { urlBreakParts } from './url-breaks';

describe('urlBreakParts', () => {
  it.each([
    ['https://a.com/x/y?q=1&r=2', ['https://', 'a.com/', 'x/', 'y?', 'q=', '1&', 'r=', '2']],
    ['http://127.0.0.1:8080/page/one', ['http://', '127.0.0.1:8080/', 'page/', 'one']],
    ['no separators', ['no separators']],
    ['ends/', ['ends/']],
    ['', ['']],
  ])('%s', (input, expected) => {
    const actual = urlBreakParts(input);
    expect(actual).toEqual(expected);
    expect(actual.join('')).toBe(input);
  });
});
