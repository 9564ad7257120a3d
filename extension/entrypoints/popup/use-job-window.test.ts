import { describe, expect, it } from 'vitest';
import { rowWindow } from './use-job-window';

describe('rowWindow', () => {
  it('always covers the rows shown', () => {
    for (let start = 0; start < 200; start += 7) {
      for (const shown of [1, 12, 24, 25, 60]) {
        const end = start + shown - 1;
        const { offset, limit } = rowWindow(start, end);
        expect(offset).toBeLessThanOrEqual(start);
        expect(offset + limit).toBeGreaterThan(end);
      }
    }
  });

  it('changes only when the first row shown crosses into another page of 25', () => {
    const windows = new Set<string>();
    // Scrolling one row at a time through 100 rows with 20 rows in view.
    for (let start = 0; start < 100; start++) windows.add(JSON.stringify(rowWindow(start, start + 19)));
    expect([...windows].map((w) => JSON.parse(w))).toEqual([
      { offset: 0, limit: 50 },
      { offset: 25, limit: 50 },
      { offset: 50, limit: 50 },
      { offset: 75, limit: 50 },
    ]);
  });

  it('grows to whole pages when more than a page shows, and never starts before 0', () => {
    expect(rowWindow(30, 119)).toEqual({ offset: 25, limit: 100 });
    expect(rowWindow(-3, 4)).toEqual({ offset: 0, limit: 50 });
  });
});
