import { describe, expect, it } from 'vitest';
import { costField, creditsText, firstCredits, readCredits } from './credits';

describe('readCredits', () => {
  it.each([
    [1, 1],
    [0, 0],
    [2.5, 2.5],
    ['3', 3],
    ['3 credits', 3],
    [' 10.5 credits', 10.5],
    ['1 credit', 1],
  ])('reads %j as %j', (input, expected) => expect(readCredits(input)).toBe(expected));

  it.each([[undefined], [null], [''], ['lots'], [-1], [Number.NaN], [Infinity], [true], [{ credits: 1 }], ['1.2.3'], ['-4 credits']])(
    'reads %j as unknown',
    (input) => expect(readCredits(input)).toBeUndefined(),
  );

  it('takes the first value that reads, whatever the spelling', () => {
    expect(firstCredits(undefined, 'n/a', '4', 9)).toBe(4);
    expect(firstCredits(undefined, null)).toBeUndefined();
  });

  it('writes cost text only when the credits are known', () => {
    expect(creditsText(1)).toBe('1 credit');
    expect(costField(0)).toEqual({ cost: '0 credits' });
    expect(costField(undefined)).toEqual({});
  });
});
