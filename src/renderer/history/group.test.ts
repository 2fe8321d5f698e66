import { describe, expect, it } from 'vitest';
import type { HistorySummary } from '../../shared/contract';
import { groupByDay } from './group';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).toISOString();
const entry = (id: string, iso: string): HistorySummary => ({
  id,
  at: iso,
  method: 'GET',
  url: 'http://127.0.0.1/',
  name: '',
  authKind: 'none',
  ms: 1,
  sizeBytes: 0,
  source: 'app',
});

describe('groupByDay', () => {
  it('labels today, yesterday and older local days, keeping the order', () => {
    const now = new Date(2026, 11, 1, 9, 30);
    const days = groupByDay(
      [
        entry('a', at(2026, 11, 1, 9)),
        entry('b', at(2026, 11, 1, 0)),
        entry('c', at(2026, 10, 30, 23)),
        entry('d', at(2026, 10, 28)),
        entry('e', at(2025, 11, 1)),
      ],
      now,
      'en-US',
    );
    expect(days.map((d) => [d.label, d.entries.map((e) => e.id).join('')])).toEqual([
      ['Today', 'ab'],
      ['Yesterday', 'c'],
      ['Sat, Nov 28, 2026', 'd'],
      ['Mon, Dec 1, 2025', 'e'],
    ]);
  });

  it('yesterday across a month boundary, and nothing for no entries', () => {
    const days = groupByDay([entry('x', at(2026, 1, 28))], new Date(2026, 2, 1, 8), 'en-US');
    expect(days[0]!.label).toBe('Yesterday');
    expect(groupByDay([], new Date())).toEqual([]);
  });
});
