import { describe, expect, it } from 'vitest';
import { hasScheme, withDefaultScheme } from './default-scheme';

describe('withDefaultScheme', () => {
  it.each([
    [
      'abc123.execute-api.us-east-1.amazonaws.com/prod/pets',
      'https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets',
    ],
    ['example.com', 'https://example.com'],
    ['  example.com/a?b=c  ', 'https://example.com/a?b=c'],
    ['//example.com/x', 'https://example.com/x'],
    ['localhost:3000/api', 'http://localhost:3000/api'],
    ['LOCALHOST/api', 'http://LOCALHOST/api'],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['[::1]:9000/x', 'http://[::1]:9000/x'],
    ['0.0.0.0', 'http://0.0.0.0'],
    ['localhost.example.com/x', 'https://localhost.example.com/x'],
    ['127.0.0.1.nip.io/x', 'https://127.0.0.1.nip.io/x'],
  ])('%s → %s', (typed, expected) => {
    expect(withDefaultScheme(typed)).toBe(expected);
  });

  it.each(['https://example.com', 'http://127.0.0.1:1/x', 'ftp://example.com', '{{base}}/pets', ''])(
    'leaves %s as it is',
    (typed) => {
      expect(withDefaultScheme(typed)).toBe(typed);
    },
  );
});

describe('hasScheme', () => {
  it.each([
    ['https://a', true],
    ['javascript:alert(1)', true],
    ['mailto:a@b.c', true],
    ['localhost:3000/x', false],
    ['example.com:443', false],
    ['example.com', false],
  ])('%s → %s', (typed, expected) => {
    expect(hasScheme(typed)).toBe(expected);
  });
});
