import { useLayoutEffect, useReducer, useState } from 'preact/hooks';
import { RowOffsets } from './row-offsets';

export interface VirtualListOptions {
  count: number;
  getScrollElement: () => HTMLElement | null;
  /** Height of a row not measured yet (the first row's estimate is used for every row). */
  estimateSize: (index: number) => number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
}

export interface VirtualItem {
  index: number;
  key: number;
  start: number;
  size: number;
}

/**
 * A windowed list whose cost does not grow with the row count: positions come from RowOffsets (estimate
 * plus measured differences), so 100,000 rows lay out like 1. The same calls as @tanstack/virtual-core's
 * Virtualizer that the job list uses (getVirtualItems, getTotalSize, scrollToOffset, measureElement),
 * because that one rebuilds a per-row offset table on every count or size change.
 */
export class WindowVirtualizer {
  private readonly rows: RowOffsets;
  private options: VirtualListOptions;
  private element: HTMLElement | null = null;
  private viewport = 0;
  private scrollTop = 0;
  private readonly observed = new Set<Element>();
  private resizeObserver: ResizeObserver | undefined;
  private lastRange = '';

  constructor(
    options: VirtualListOptions,
    private readonly onChange: () => void,
  ) {
    this.options = options;
    this.rows = new RowOffsets(options.count, options.estimateSize(0));
  }

  setOptions(options: VirtualListOptions): void {
    this.options = options;
    this.rows.setCount(options.count);
    this.rows.setEstimate(options.estimateSize(0));
  }

  /** Binds to the scroll element; returns the clean-up. */
  mount(): () => void {
    const element = this.options.getScrollElement();
    this.element = element;
    if (!element) return () => {};
    const onScroll = () => {
      this.scrollTop = element.scrollTop;
      this.changedIfRangeMoved();
    };
    const viewportObserver = new ResizeObserver(() => {
      this.viewport = element.clientHeight;
      this.changedIfRangeMoved();
    });
    this.resizeObserver = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) changed = this.measureNow(entry.target) || changed;
      if (changed) this.onChange();
    });
    this.viewport = element.clientHeight;
    this.scrollTop = element.scrollTop;
    element.addEventListener('scroll', onScroll, { passive: true });
    viewportObserver.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      viewportObserver.disconnect();
      this.resizeObserver?.disconnect();
      this.observed.clear();
    };
  }

  private changedIfRangeMoved(): void {
    const range = this.rows.range(this.scrollTop, this.viewport, this.options.overscan ?? 0);
    const key = range ? `${range.start}:${range.end}` : '';
    if (key !== this.lastRange) this.onChange();
  }

  /** Reads a rendered row's height; a row above the viewport that changed size keeps the view where it was. */
  private measureNow(el: Element): boolean {
    const index = Number((el as HTMLElement).dataset.index);
    if (!Number.isInteger(index) || !el.isConnected) return false;
    const before = this.rows.sizeOf(index);
    const size = (el as HTMLElement).getBoundingClientRect().height;
    if (!this.rows.measure(index, size)) return false;
    if (this.element && this.rows.offsetOf(index) < this.scrollTop) {
      this.element.scrollTop += size - before;
      this.scrollTop = this.element.scrollTop;
    }
    return true;
  }

  /** Ref callback for rendered rows (they carry data-index). */
  measureElement = (el: HTMLElement | null): void => {
    if (!el || this.observed.has(el)) return;
    this.observed.add(el);
    this.resizeObserver?.observe(el);
    if (this.measureNow(el)) queueMicrotask(this.onChange);
  };

  getVirtualItems(): VirtualItem[] {
    // Rows scrolled out of the window were removed from the page: stop observing them.
    for (const el of this.observed) {
      if (!el.isConnected) {
        this.resizeObserver?.unobserve(el);
        this.observed.delete(el);
      }
    }
    const range = this.rows.range(this.scrollTop, this.viewport, this.options.overscan ?? 0);
    this.lastRange = range ? `${range.start}:${range.end}` : '';
    if (!range) return [];
    const items: VirtualItem[] = [];
    for (let index = range.start; index <= range.end; index++) {
      items.push({ index, key: index, start: this.rows.offsetOf(index), size: this.rows.sizeOf(index) });
    }
    return items;
  }

  getTotalSize(): number {
    return this.rows.totalSize;
  }

  scrollToOffset(offset: number): void {
    if (this.element) this.element.scrollTop = offset;
    this.scrollTop = offset;
    this.changedIfRangeMoved();
  }
}

/** One WindowVirtualizer per component, options refreshed on every render, re-render when the window moves. */
export function useVirtualizer(options: VirtualListOptions): WindowVirtualizer {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [instance] = useState(() => new WindowVirtualizer(options, () => rerender(undefined)));
  instance.setOptions(options);
  useLayoutEffect(() => instance.mount(), [instance]);
  return instance;
}
