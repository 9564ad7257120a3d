import { describe, expect, it } from 'vitest';
import { fingerprint, MASK, normalizeLine } from './normalize';
import { diffRows } from './row-diff';
import { dataRows } from './rows';
import { diffText } from './text-diff';

describe('diff normalisation', () => {
  it.each([
    ['Updated 2026-12-03T08:04:39Z', `Updated ${MASK}`],
    ['Generated at 08:04:39 UTC', `Generated at ${MASK}`],
    ['Posted 5 minutes ago by Ann', `Posted ${MASK} by Ann`],
    ['Thursday, 3 December 2026', MASK],
    ['Dec 3, 2026 at 8:04 pm', `${MASK} at ${MASK}`],
    ['as of 03/12/2026', `as of ${MASK}`],
    ['  Tea   costs 4.50 €  ', 'Tea costs 4.50 €'],
    ['12 items, 1,299 reviews', '12 items, 1,299 reviews'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLine(input)).toBe(expected);
  });

  it('a page whose only change is its timestamp keeps its fingerprint; a price change does not', async () => {
    const a = await fingerprint('Prices\nTea 4 €\nGenerated at 08:00:01');
    const b = await fingerprint('Prices\nTea  4 €\n\nGenerated at 09:30:59');
    const c = await fingerprint('Prices\nTea 5 €\nGenerated at 09:30:59');
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(await fingerprint('x', [{ price: '4' }])).not.toBe(await fingerprint('x', [{ price: '5' }]));
  });
});

describe('text diff', () => {
  it('marks the changed words, shows timestamp-only lines as unchanged and collapses long unchanged runs', () => {
    const same = Array.from({ length: 10 }, (_, i) => `Line ${i}`).join('\n');
    const before = `${same}\nTea costs 4 €\nUpdated 08:00`;
    const after = `${same}\nTea costs 5 €\nUpdated 09:00`;
    const actual = diffText(before, after);
    expect(actual.added).toBe(1);
    expect(actual.removed).toBe(1);
    expect(actual.lines[0]).toEqual({ kind: 'skip', count: 8 });
    const removed = actual.lines.find((l) => l.kind === 'removed');
    const added = actual.lines.find((l) => l.kind === 'added');
    expect(removed?.kind === 'removed' && removed.parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['4']);
    expect(added?.kind === 'added' && added.parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['5']);
    // The timestamp line differs only in its time: unchanged, shown with the newer text.
    expect(actual.lines.at(-1)).toEqual({ kind: 'same', parts: [{ text: 'Updated 09:00' }] });
  });

  it('marks a changed number with its punctuation as one change', () => {
    const actual = diffText('Green tea costs 4.00 €', 'Green tea costs 5.50 €');
    expect(actual.lines).toEqual([
      { kind: 'removed', parts: [{ text: 'Green tea costs ' }, { text: '4.00', mark: true }, { text: ' €' }] },
      { kind: 'added', parts: [{ text: 'Green tea costs ' }, { text: '5.50', mark: true }, { text: ' €' }] },
    ]);
  });

  it('reports lines only one side has', () => {
    const actual = diffText('a\nb', 'a\nb\nc\nd');
    expect(actual).toMatchObject({ added: 2, removed: 0 });
    expect(actual.lines.filter((l) => l.kind === 'added')).toHaveLength(2);
  });
});

describe('row diff', () => {
  it('matches rows by a unique column and names the changed cells', () => {
    const before = [
      { name: 'Tea', price: '4' },
      { name: 'Coffee', price: '3' },
      { name: 'Milk', price: '1' },
    ];
    const after = [
      { name: 'Tea', price: '5' },
      { name: 'Coffee', price: '3' },
      { name: 'Juice', price: '2' },
    ];
    const actual = diffRows(before, after);
    expect(actual.key).toBe('name');
    expect(actual.added).toEqual([{ name: 'Juice', price: '2' }]);
    expect(actual.removed).toEqual([{ name: 'Milk', price: '1' }]);
    expect(actual.changed).toEqual([{ key: 'Tea', before: before[0], after: after[0], cells: ['price'] }]);
    expect(actual.unchanged).toBe(1);
  });

  it('without a unique column compares whole rows', () => {
    const actual = diffRows([{ a: 'x' }, { a: 'x' }], [{ a: 'x' }, { a: 'y' }]);
    expect(actual.key).toBeUndefined();
    expect(actual.added).toEqual([{ a: 'y' }]);
  });

  it('takes rows from a record holding a list of objects', () => {
    expect(dataRows({ url: 'u', data: [{ name: 'Tea', price: 4, tags: ['x'] }] })).toEqual([{ name: 'Tea', price: '4', tags: '["x"]' }]);
    expect(dataRows({ url: 'u', data: { not: 'a list' } })).toBeUndefined();
  });
});
