import { describe, expect, it } from 'vitest';
import { RowOffsets } from './row-offsets';

describe('RowOffsets', () => {
  it('lays out unmeasured rows at the estimate', () => {
    const rows = new RowOffsets(100, 50);
    expect(rows.offsetOf(0)).toBe(0);
    expect(rows.offsetOf(10)).toBe(500);
    expect(rows.totalSize).toBe(5_000);
    expect(rows.indexAt(0)).toBe(0);
    expect(rows.indexAt(549)).toBe(10);
    expect(rows.indexAt(1e9)).toBe(99);
    expect(rows.range(500, 200, 2)).toEqual({ start: 8, end: 15 });
  });

  it('shifts the rows after a measured one by its difference from the estimate', () => {
    const rows = new RowOffsets(100, 50);
    expect(rows.measure(3, 80)).toBe(true);
    expect(rows.measure(3, 80)).toBe(false);
    rows.measure(5, 20);
    expect(rows.offsetOf(3)).toBe(150);
    expect(rows.offsetOf(4)).toBe(230);
    expect(rows.offsetOf(6)).toBe(230 + 50 + 20);
    expect(rows.sizeOf(3)).toBe(80);
    expect(rows.totalSize).toBe(5_000 + 30 - 30);
    expect(rows.indexAt(229)).toBe(3);
    expect(rows.indexAt(230)).toBe(4);
  });

  it('ignores measurements past the end when the list shrinks', () => {
    const rows = new RowOffsets(10, 10);
    rows.measure(8, 100);
    expect(rows.totalSize).toBe(190);
    rows.setCount(5);
    expect(rows.totalSize).toBe(50);
    expect(rows.range(0, 1_000, 3)).toEqual({ start: 0, end: 4 });
    expect(new RowOffsets(0, 10).range(0, 100, 3)).toBeUndefined();
  });

  it('places rows in a million-row list with measured rows in the middle', () => {
    const rows = new RowOffsets(1_000_000, 58);
    for (let i = 0; i < 200; i++) rows.measure(500_000 + i, 70);
    expect(rows.totalSize).toBe(58_000_000 + 200 * 12);
    expect(rows.offsetOf(500_100)).toBe(500_100 * 58 + 100 * 12);
    expect(rows.indexAt(rows.offsetOf(700_000))).toBe(700_000);
    expect(rows.range(rows.offsetOf(500_150) + 1, 580, 6)).toEqual({ start: 500_144, end: 500_164 });
  });
});
