import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { firstRangeFrom, rowAt, type CharRange, type Row } from './body-window';

/** Pixels per row; `.body-row` in response.css has the same line height. */
const ROW_HEIGHT = 18;
const OVERSCAN = 20;
/** Rows rendered while the view has no measured height yet (and in tests without layout). */
const UNMEASURED_ROWS = 200;

interface BodyViewerProps {
  readonly rows: readonly Row[];
  /** Search matches in the window's text, sorted. */
  readonly ranges: readonly CharRange[];
  /** Index (in `ranges`) of the match jumped to, or -1. */
  readonly active: number;
  /** A new object each time the view should scroll the active match into view. */
  readonly scrollRequest: object | null;
}

/** One row's text, with the matches in it marked. */
function RowText({ row, ranges, active }: { row: Row; ranges: readonly CharRange[]; active: number }) {
  const end = row.start + row.text.length;
  const parts: ReactNode[] = [];
  let at = row.start;
  for (let i = firstRangeFrom(ranges, row.start); i < ranges.length && ranges[i]!.start < end; i += 1) {
    const range = ranges[i]!;
    const from = Math.max(range.start, row.start);
    const to = Math.min(range.end, end);
    if (from > at) parts.push(row.text.slice(at - row.start, from - row.start));
    parts.push(
      <mark key={i} className={i === active ? 'body-match active' : 'body-match'} data-match={range.match}>
        {row.text.slice(from - row.start, to - row.start)}
      </mark>,
    );
    at = to;
  }
  if (at < end) parts.push(row.text.slice(at - row.start));
  return <>{parts}</>;
}

/**
 * A body as display rows, windowed: only the rows in view (and a few around them) are in
 * the DOM, so a window of millions of rows costs as much as a screenful.
 */
export function BodyViewer({ rows, ranges, active, scrollRequest }: BodyViewerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = ref.current;
    const range = ranges[active];
    if (!element || !scrollRequest || !range) return;
    const top = Math.max(0, rowAt(rows, range.start) * ROW_HEIGHT - element.clientHeight / 3);
    element.scrollTop = top;
    setScrollTop(top);
    // Only a new request scrolls; rows and ranges changing under it do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollRequest]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(
    rows.length,
    height > 0 ? Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN : first + UNMEASURED_ROWS,
  );
  const shown: ReactNode[] = [];
  for (let i = first; i < last; i += 1) {
    const row = rows[i]!;
    shown.push(
      <div key={i} className="body-row" style={{ top: i * ROW_HEIGHT }}>
        {ranges.length > 0 ? <RowText row={row} ranges={ranges} active={active} /> : row.text}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="body-viewer"
      role="textbox"
      aria-readonly="true"
      aria-multiline="true"
      aria-label="Response body"
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="body-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
        {shown}
      </div>
    </div>
  );
}
