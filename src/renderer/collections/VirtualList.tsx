import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

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
  /** The row that holds the keyboard focus stop: always rendered, even when scrolled away. */
  readonly activeIndex?: number;
  /** Set (a new object each time) to scroll a row into view and focus its element. */
  readonly focusRequest?: { readonly index: number } | null;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  readonly onFocus?: (event: FocusEvent<HTMLDivElement>) => void;
}

/**
 * A windowed list: only the rows in view (plus a few) are in the DOM, positioned
 * inside a spacer as tall as the whole list, so 10,000 rows cost as much as 30.
 */
export function VirtualList({
  rowCount,
  rowHeight,
  renderRow,
  rowKey,
  label,
  overscan = 8,
  activeIndex,
  focusRequest,
  onKeyDown,
  onFocus,
}: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const pendingFocus = useRef<number | null>(null);

  // Keyboard moves: bring the row into view first (which may render it), then focus it.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !focusRequest) return;
    const rowTop = focusRequest.index * rowHeight;
    let next = element.scrollTop;
    if (rowTop < next) next = rowTop;
    else if (rowTop + rowHeight > next + element.clientHeight) next = rowTop + rowHeight - element.clientHeight;
    if (next !== element.scrollTop) {
      element.scrollTop = next;
      setScrollTop(next);
    }
    pendingFocus.current = focusRequest.index;
  }, [focusRequest, rowHeight]);
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const row = ref.current?.querySelector<HTMLElement>(`[data-row="${pendingFocus.current}"] > *`);
    if (!row) return;
    pendingFocus.current = null;
    row.focus({ preventScroll: true });
  });

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
  const row = (i: number) => (
    <div key={rowKey(i)} className="virtual-row" data-row={i} style={{ top: i * rowHeight, height: rowHeight }}>
      {renderRow(i)}
    </div>
  );
  // The focus stop stays in the DOM when scrolled away, so Tab can still reach the list.
  if (activeIndex !== undefined && activeIndex < first) rows.push(row(activeIndex));
  for (let i = first; i < last; i += 1) rows.push(row(i));
  if (activeIndex !== undefined && activeIndex >= last && activeIndex < rowCount) rows.push(row(activeIndex));

  return (
    <div
      ref={ref}
      className="virtual-list"
      role="tree"
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div className="virtual-spacer" style={{ height: rowCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
