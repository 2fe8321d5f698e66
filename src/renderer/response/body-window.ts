/**
 * The part of a large body the pane holds: consecutive pages read from main, cut into
 * display rows (long lines are wrapped at ROW_CHARS so every row has one height and the
 * view can be virtualised), and search matches turned from byte offsets into characters.
 */
import type { BodyMatch, BodyPage, BodyView } from '../../shared/api/body';

/** Characters in one display row; a longer line (minified JSON) wraps onto several rows. */
export const ROW_CHARS = 2000;

export interface WindowPage {
  readonly offset: number;
  readonly end: number;
  readonly text: string;
  /** Index of the page's first character in the window's text. */
  readonly charBase: number;
}

export interface Row {
  readonly text: string;
  /** Index of the row's first character in the window's text. */
  readonly start: number;
}

export interface BodyWindow {
  readonly view: BodyView;
  readonly pages: readonly WindowPage[];
  readonly rows: readonly Row[];
  /** Bytes in the file (so far). */
  readonly size: number;
  readonly complete: boolean;
}

/** A highlighted range in the window's text, and the match it shows. */
export interface CharRange {
  readonly start: number;
  readonly end: number;
  /** Index of the match in the search result. */
  readonly match: number;
}

function rowsOf(text: string, charBase: number, into: Row[]): void {
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (lineEnd === lineStart) into.push({ text: '', start: charBase + lineStart });
    for (let at = lineStart; at < lineEnd; at += ROW_CHARS)
      into.push({ text: text.slice(at, Math.min(lineEnd, at + ROW_CHARS)), start: charBase + at });
    lineStart = lineEnd + 1;
  }
}

/** A window holding one page. */
export function windowOf(view: BodyView, page: BodyPage): BodyWindow {
  const rows: Row[] = [];
  rowsOf(page.text, 0, rows);
  return {
    view,
    pages: [{ offset: page.offset, end: page.end, text: page.text, charBase: 0 }],
    rows,
    size: page.size,
    complete: page.complete,
  };
}

/** The window with the next page added at its end. */
export function appendPage(window: BodyWindow, page: BodyPage): BodyWindow {
  const last = window.pages[window.pages.length - 1]!;
  const charBase = last.charBase + last.text.length;
  const rows = window.rows.slice();
  rowsOf(page.text, charBase, rows);
  return {
    ...window,
    pages: [...window.pages, { offset: page.offset, end: page.end, text: page.text, charBase }],
    rows,
    size: page.size,
    complete: page.complete,
  };
}

export function windowStart(window: BodyWindow): number {
  return window.pages[0]!.offset;
}

export function windowEnd(window: BodyWindow): number {
  return window.pages[window.pages.length - 1]!.end;
}

/** Matches (byte offsets in the file) that fall in the window, as character ranges of its text. */
export function matchRanges(window: BodyWindow, matches: readonly BodyMatch[]): CharRange[] {
  const ranges: CharRange[] = [];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let m = 0;
  for (const page of window.pages) {
    while (m < matches.length && matches[m]!.offset < page.offset) m += 1;
    if (m >= matches.length) break;
    if (matches[m]!.offset >= page.end) continue;
    const bytes = encoder.encode(page.text);
    let byteAt = 0;
    let charAt = 0;
    for (; m < matches.length && matches[m]!.offset < page.end; m += 1) {
      const { offset, length } = matches[m]!;
      const relative = offset - page.offset;
      charAt += decoder.decode(bytes.subarray(byteAt, relative)).length;
      byteAt = relative;
      const chars = decoder.decode(bytes.subarray(relative, relative + length)).length;
      ranges.push({ start: page.charBase + charAt, end: page.charBase + charAt + chars, match: m });
    }
  }
  return ranges;
}

/** Index of the row holding character `char` of the window's text. */
export function rowAt(rows: readonly Row[], char: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (rows[mid]!.start <= char) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/** The first range that ends after `char` (ranges sorted by start). */
export function firstRangeFrom(ranges: readonly CharRange[], char: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]!.end <= char) low = mid + 1;
    else high = mid;
  }
  return low;
}
