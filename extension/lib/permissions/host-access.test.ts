import { describe, expect, it } from 'vitest';
import { originPattern, pageAccessOrigins } from './host-access';

describe('originPattern', () => {
  it.each([
    ['https://api.example.com/v1?x=1', 'https://api.example.com/*'],
    ['http://127.0.0.1:8123', 'http://127.0.0.1/*'],
    ['ws://relay.example.com', undefined],
    ['nope', undefined],
  ])('%s', (input, expected) => {
    expect(originPattern(input)).toBe(expected);
  });
});

describe('pageAccessOrigins', () => {
  it('asks once per host, ignoring ports, paths and non-http URLs', () => {
    const input = ['https://a.com/x', 'https://a.com/y', 'http://b.org:8080/', 'ftp://c.net/', 'nope'];
    expect(pageAccessOrigins(input)).toEqual(['https://a.com/*', 'http://b.org/*']);
  });

  it('asks for all sites once more than 20 hosts are involved', () => {
    const input = Array.from({ length: 21 }, (_, i) => `https://h${i}.example/`);
    expect(pageAccessOrigins(input)).toEqual(['http://*/*', 'https://*/*']);
    expect(pageAccessOrigins(input.slice(0, 20))).toHaveLength(20);
  });
});
