import { describe, expect, it } from 'vitest';
import { appendPage, matchRanges, rowAt, ROW_CHARS, windowEnd, windowOf, windowStart } from './body-window';

const bytes = (text: string) => new TextEncoder().encode(text).length;

function page(text: string, offset: number, size = 10_000) {
  return { text, offset, end: offset + bytes(text), size, complete: true };
}

describe('body window', () => {
  it('cuts pages into one row per line, and wraps a long line onto rows of ROW_CHARS', () => {
    const long = 'x'.repeat(ROW_CHARS * 2 + 5);
    const win = windowOf('raw', page(`a\n\nb\n${long}\n`, 0));
    expect(win.rows.map((row) => row.text.length)).toEqual([1, 0, 1, ROW_CHARS, ROW_CHARS, 5]);
    expect(win.rows.map((row) => row.start)).toEqual([0, 2, 3, 5, 5 + ROW_CHARS, 5 + 2 * ROW_CHARS]);
    expect(rowAt(win.rows, 6 + ROW_CHARS)).toBe(4);
  });

  it('joins a page after the last, keeping character positions running', () => {
    const first = windowOf('raw', page('one\n', 0));
    const both = appendPage(first, page('two\n', 4));
    expect(both.rows.map((row) => [row.text, row.start])).toEqual([
      ['one', 0],
      ['two', 4],
    ]);
    expect([windowStart(both), windowEnd(both)]).toEqual([0, 8]);
    expect(first.rows).toHaveLength(1);
  });

  it('turns byte offsets of matches into character ranges, past multi-byte characters and across pages', () => {
    const one = 'é名😀 find\n';
    const two = '名 find find\n';
    const win = appendPage(windowOf('raw', page(one, 100)), page(two, 100 + bytes(one)));
    const at = (text: string, base: number, index: number) => base + bytes(text.slice(0, index));
    const matches = [
      { offset: 50, length: 4 }, // before the window: left out
      { offset: at(one, 100, one.indexOf('find')), length: 4 },
      { offset: at(two, 100 + bytes(one), two.indexOf('find')), length: 4 },
      { offset: at(two, 100 + bytes(one), two.lastIndexOf('find')), length: 4 },
      { offset: 100_000, length: 4 }, // after the window: left out
    ];
    const ranges = matchRanges(win, matches);
    const text = one + two;
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['find', 'find', 'find']);
    expect(ranges.map((r) => r.match)).toEqual([1, 2, 3]);
    expect(ranges[0]!.start).toBe(one.indexOf('find'));
  });
});
