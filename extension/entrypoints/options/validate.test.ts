import { describe, expect, it } from 'vitest';
import { baseUrlError, boundedNumber, budgetInput } from './validate';

describe('baseUrlError', () => {
  it.each([
    ['', undefined],
    ['https://api.example.com', undefined],
    ['http://127.0.0.1:8123/v1', undefined],
    ['ftp://files.example.com', 'Use an https:// URL.'],
    ['http://api.example.com/v1', 'Use https:// for api.example.com: over http:// the API key would travel unencrypted. Plain http is allowed only for this machine (127.0.0.1, ::1, localhost).'],
    ['api.example.com', 'Enter a full URL, e.g. https://api.example.com'],
    ['https://user:pw@api.example.com', 'Leave credentials out of the URL; use the API key field.'],
  ])('%s', (input, expected) => {
    expect(baseUrlError(input)).toBe(expected);
  });
});

describe('boundedNumber', () => {
  it.each([
    ['1.5', 0.1, 10, false, { value: 1.5 }],
    ['0.05', 0.1, 10, false, { error: 'Enter a number from 0.1 to 10.' }],
    ['', 1, 16, true, { error: 'Enter a number from 1 to 16.' }],
    ['2.5', 1, 16, true, { error: 'Enter a whole number from 1 to 16.' }],
    ['16', 1, 16, true, { value: 16 }],
  ] as const)('%s in [%d, %d]', (input, min, max, integer, expected) => {
    expect(boundedNumber(input, min, max, integer)).toEqual(expected);
  });
});

describe('budgetInput', () => {
  const error = { error: 'Enter a positive number of credits, or leave it empty for no budget.' };
  it.each([
    ['', { value: undefined }],
    ['   ', { value: undefined }],
    ['1', { value: 1 }],
    [' 2.5 ', { value: 2.5 }],
    ['1,000', { value: 1000 }],
    ['0', error],
    ['-5', error],
    ['abc', error],
    ['1e3', error],
    ['Infinity', error],
    ['5 credits', error],
  ] as const)('%j', (input, expected) => {
    expect(budgetInput(input)).toEqual(expected);
  });
});
