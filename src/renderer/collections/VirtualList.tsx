import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps {
  readonly rowCount: number;
  /** Every row has this height in pixels. */
  readonly rowHeight: number;
  readonly renderRow: (index: number) => ReactNode;
  /** A stable key per row, so that rows keep their DOM (and focus) as the list changes. */
  readonly rowKey: (index: number) => string;
  readonly label: string;
  /** Rows rendered above and below the visible window, for smooth scrolling. */
  readonly overscan?: number;
}

/**
 * A windowed list: only the rows in view (plus a few) are in the DOM, positioned
 * inside a spacer as tall as the whole list, so 10,000 rows cost as much as 30.
 */
export function VirtualList({ rowCount, rowHeight, renderRow, rowKey, label, overscan = 8 }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A shorter list (a filter narrowed it) must not leave the window past its end.
  const maxTop = Math.max(0, rowCount * rowHeight - height);
  const top = Math.min(scrollTop, maxTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((top + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i += 1) {
    rows.push(
      <div key={rowKey(i)} className="virtual-row" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="virtual-list"
      role="tree"
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="virtual-spacer" style={{ height: rowCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
