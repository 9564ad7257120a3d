import { useRef } from 'preact/hooks';
import { useVirtualizer } from './use-virtualizer';

export interface DataTableProps {
  /** Accessible name ("Extracted data"). */
  label: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

const ROW_HEIGHT = 28;
const isLink = (s: string) => /^https?:\/\//i.test(s);

/**
 * An ARIA table with column headers whose body is virtualized: only the rows in view exist in the
 * DOM (aria-rowcount/aria-rowindex tell assistive tech the full size), so 100,000 rows scroll smoothly.
 */
export function DataTable({ label, columns, rows }: DataTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = { gridTemplateColumns: `repeat(${Math.max(1, columns.length)}, minmax(9em, 1fr))` };
  return (
    <div class="data-table-scroll" ref={scrollRef} tabIndex={0}>
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} aria-colcount={columns.length} class="data-table">
        <div role="rowgroup" class="data-table-head">
          <div role="row" aria-rowindex={1} class="data-table-row" style={template}>
            {columns.map((c, i) => (
              <div key={i} role="columnheader" aria-colindex={i + 1} class="data-table-cell" title={c}>
                {c}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" class="data-table-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] ?? [];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                class="data-table-row"
                style={{ ...template, transform: `translateY(${item.start}px)`, height: `${item.size}px` }}
              >
                {columns.map((_, c) => {
                  const value = row[c] ?? '';
                  return (
                    <div key={c} role="cell" aria-colindex={c + 1} class="data-table-cell" title={value}>
                      {isLink(value) ? (
                        <a href={value} target="_blank" rel="noreferrer noopener">
                          {value}
                        </a>
                      ) : (
                        value
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
