import { describe, expect, it } from 'vitest';
import { assertKeyOrigin, bodyMessage } from './http';

describe('bodyMessage', () => {
  it.each([
    ['{"detail":"Invalid or missing API key"}', 'Invalid or missing API key'],
    ['{"Error":"Job not found","Code":404}', 'Job not found'],
    ['{"error":"Invalid input provided","code":"validation_error"}', 'Invalid input provided'],
    ['Invalid credentials', 'Invalid credentials'],
    ['  ', 'no message'],
  ])('%s → %s', (input, expected) => {
    expect(bodyMessage(input)).toBe(expected);
  });
});

describe('assertKeyOrigin', () => {
  const config = { apiKey: 'k', baseUrl: 'https://api.provider.test/v1', extra: {} };

  it('lets a keyed request go to the configured origin', () => {
    expect(() => assertKeyOrigin('https://api.provider.test/v1/jobs', config)).not.toThrow();
  });

  it.each(['https://evil.test/v1/jobs', 'http://api.provider.test/v1/jobs', 'https://api.provider.test:8443/v1/jobs'])(
    'refuses to send the key to %s',
    (url) => {
      expect(() => assertKeyOrigin(url, config)).toThrow(/Refusing to send the API key/);
    },
  );
});
