import { describe, expect, it } from 'vitest';
import { bearerToken, hashSecret, newToken, openToken, sealToken, secretMatches } from './auth';

describe('auth', () => {
  it('makes 32-byte base64url tokens', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('matches only the right secret against a stored hash', () => {
    const secret = newToken();
    const stored = hashSecret(secret);
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(`${secret}x`, stored)).toBe(false);
    expect(secretMatches(undefined, stored)).toBe(false);
    expect(secretMatches(secret, undefined)).toBe(false);
  });

  it('seals the webhook token so only the subscriber secret opens it', () => {
    const secret = newToken();
    const sealed = sealToken('tok', secret, 'chan');
    expect(openToken(sealed, secret, 'chan')).toBe('tok');
    expect(() => openToken(sealed, newToken(), 'chan')).toThrow();
    expect(() => openToken(sealed, secret, 'other')).toThrow();
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc ', 'abc'],
    ['Basic abc', undefined],
    [undefined, undefined],
  ])('bearerToken(%s) = %s', (input, expected) => {
    expect(bearerToken(input)).toBe(expected);
  });
});
