import { describe, expect, it } from 'vitest';
import { bodyMessage } from './http';

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
