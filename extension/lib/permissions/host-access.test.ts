import { describe, expect, it } from 'vitest';
import { originPattern } from './host-access';

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
