/**
 * Row positions for a long list where every row has the same estimated height until it is measured.
 * Only measured rows are stored, so every query costs O(log measured) whatever the row count: a list of
 * 100,000 jobs lays out as fast as a list of one (a per-row offset table would be rebuilt in O(rows)).
 */
export class RowOffsets {
  private readonly sizes = new Map<number, number>();
  /** Measured indexes in order, and the running sum of (size − estimate) before each of them. */
  private order: number[] = [];
  private before: number[] = [];
  private dirty = false;

  constructor(
    private count: number,
    private estimate: number,
  ) {}

  setCount(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.dirty = true;
  }

  setEstimate(estimate: number): void {
    if (estimate === this.estimate) return;
    this.estimate = estimate;
    this.dirty = true;
  }

  get rows(): number {
    return this.count;
  }

  /** Records a measured height; true when it changed anything. */
  measure(index: number, size: number): boolean {
    if (index < 0 || !Number.isFinite(size) || this.sizes.get(index) === size) return false;
    this.sizes.set(index, size);
    this.dirty = true;
    return true;
  }

  sizeOf(index: number): number {
    return this.sizes.get(index) ?? this.estimate;
  }

  private rebuild(): void {
    if (!this.dirty) return;
    this.order = [...this.sizes.keys()].filter((i) => i < this.count).toSorted((a, b) => a - b);
    this.before = [];
    let sum = 0;
    for (const index of this.order) {
      this.before.push(sum);
      sum += (this.sizes.get(index) ?? this.estimate) - this.estimate;
    }
    this.before.push(sum);
    this.dirty = false;
  }

  /** How many measured rows come before `index`. */
  private measuredBefore(index: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.order[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Top of row `index` (index = count gives the total height). */
  offsetOf(index: number): number {
    this.rebuild();
    const i = Math.max(0, Math.min(index, this.count));
    return i * this.estimate + (this.before[this.measuredBefore(i)] ?? 0);
  }

  get totalSize(): number {
    return this.offsetOf(this.count);
  }

  /** The row under pixel `y` (clamped to the list). */
  indexAt(y: number): number {
    if (this.count === 0) return 0;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsetOf(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Rows overlapping [top, top + height), widened by `overscan` on each side. */
  range(top: number, height: number, overscan: number): { start: number; end: number } | undefined {
    if (this.count === 0) return undefined;
    const first = this.indexAt(Math.max(0, top));
    const last = this.indexAt(Math.max(0, top + Math.max(height, 1) - 1));
    return { start: Math.max(0, first - overscan), end: Math.min(this.count - 1, last + overscan) };
  }
}
