import { describe, expect, it } from 'vitest';
import { LIMITS } from './model';
import { followUrl, queryRows, splitQuery, storedQuery, withQueryRows } from './query';

describe('splitQuery', () => {
  it('keeps pairs exactly as written and tells a bare key from an empty value', () => {
    expect(splitQuery('https://h/p?q=red%20fox&flag&empty=#top')).toEqual({
      base: 'https://h/p',
      pairs: [
        { key: 'q', value: 'red%20fox' },
        { key: 'flag', value: '', bare: true },
        { key: 'empty', value: '' },
      ],
      hash: '#top',
    });
  });
});

describe('queryRows', () => {
  const stored = [
    { key: 'a', value: '1', description: 'first' },
    { key: 'off', value: 'x', disabled: true, description: 'switched off' },
    { key: 'b', value: '2' },
  ];

  it('without a stored list, the URL is the list', () => {
    expect(queryRows('https://h/?a=1&b=2')).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });

  it('puts switched-off rows back where they stood and keeps descriptions', () => {
    expect(queryRows('https://h/?a=1&b=2', stored)).toEqual(stored);
  });

  it('takes enabled values from the URL, never from a stale list', () => {
    expect(queryRows('https://h/?a=9&b=8', stored).map((row) => [row.key, row.value, row.disabled])).toEqual([
      ['a', '9', undefined],
      ['off', 'x', true],
      ['b', '8', undefined],
    ]);
    // A URL that lost a parameter loses its row; the switched-off one stays.
    expect(queryRows('https://h/?b=2', stored)).toEqual([
      { key: 'off', value: 'x', disabled: true, description: 'switched off' },
      { key: 'b', value: '2' },
    ]);
  });

  it('matches by position when the count is the same, so a renamed key keeps its description', () => {
    expect(queryRows('https://h/?alpha=1&b=2', stored)[0]).toEqual({ key: 'alpha', value: '1', description: 'first' });
  });

  it('matches by key when a parameter was added', () => {
    expect(queryRows('https://h/?new=0&a=1&b=2', stored)).toEqual([
      { key: 'new', value: '0' },
      { key: 'a', value: '1', description: 'first' },
      { key: 'off', value: 'x', disabled: true, description: 'switched off' },
      { key: 'b', value: '2' },
    ]);
  });
});

describe('withQueryRows and storedQuery', () => {
  it('rebuilds the URL from the enabled rows only, keeping the fragment', () => {
    expect(
      withQueryRows('https://h/p?old=1#frag', [
        { key: 'a', value: '1', description: 'kept' },
        { key: 'secret', value: 's', disabled: true },
        { key: 'flag', value: '' },
      ]),
    ).toEqual({
      url: 'https://h/p?a=1&flag#frag',
      query: [
        { key: 'a', value: '1', description: 'kept' },
        { key: 'secret', value: 's', disabled: true },
        { key: 'flag', value: '' },
      ],
    });
  });

  it('drops the question mark when no row is enabled', () => {
    expect(withQueryRows('https://h/p?a=1', [{ key: 'a', value: '1', disabled: true }]).url).toBe('https://h/p');
  });

  it('stores nothing when the URL says it all', () => {
    expect(storedQuery([{ key: 'a', value: '1' }])).toBeUndefined();
    expect(followUrl('https://h/?a=1', [{ key: 'a', value: '1' }])).toBeUndefined();
    expect(followUrl('https://h/?a=1', [{ key: 'a', value: '0', description: 'd' }])).toEqual([
      { key: 'a', value: '1', description: 'd' },
    ]);
  });
});

describe('limits', () => {
  it('stores at most LIMITS.rows rows, so an import with more still fits the model', () => {
    const rows = Array.from({ length: 700 }, (_, i) => ({ key: `k${i}`, value: String(i), disabled: i % 2 === 0 }));
    expect(storedQuery(rows)).toHaveLength(LIMITS.rows);
  });
});
