import { describe, expect, it } from 'vitest';
import { InvalidJsonError, JsonPrettyPrinter } from './json-pretty';

/** Formats `input` fed in chunks of the given sizes (cycled). */
function format(input: string, sizes: readonly number[] = [1 << 20]): string {
  const bytes = Buffer.from(input);
  const printer = new JsonPrettyPrinter();
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length]!;
    out.push(Buffer.from(printer.push(bytes.subarray(at, at + size))));
    at += size;
  }
  out.push(Buffer.from(printer.end()));
  return Buffer.concat(out).toString('utf8');
}

const TRICKY = JSON.stringify({
  empty: {},
  none: [],
  nested: [[[]], [{}], { a: [1, -2.5, 3e-7, true, false, null] }],
  text: 'quote " backslash \\ slash / tab \t newline \n unicode é 名前 😀 braces {}[],:',
  '': '',
  deep: { a: { b: { c: { d: [0] } } } },
  // Runs of backslashes before quotes: escaped or not, wherever a chunk boundary falls.
  runs: ['\\', '\\"', '"\\', '\\\\"\\\\', '\\\\\\'],
});

describe('JsonPrettyPrinter', () => {
  it.each([[[1 << 20]], [[1]], [[1, 2, 3, 5, 7]], [[13]]])(
    'formats exactly as JSON.stringify(…, null, 2) with chunks of %j bytes',
    (sizes) => {
      expect(format(TRICKY, sizes)).toBe(JSON.stringify(JSON.parse(TRICKY), null, 2));
    },
  );

  it('formats top-level scalars and whitespace-padded input', () => {
    expect(format(' 42 ')).toBe('42');
    expect(format('"x"')).toBe('"x"');
    expect(format('\n[ 1 ,\t2 ]\r\n', [1])).toBe('[\n  1,\n  2\n]');
  });

  it('keeps numbers and escapes as they came', () => {
    expect(format('{"n":1.0,"e":1E2,"u":"\\u00e9"}')).toBe('{\n  "n": 1.0,\n  "e": 1E2,\n  "u": "\\u00e9"\n}');
  });

  it.each([
    ['{"a":1,}', /Expected a property name at byte 7/],
    ['[1 2]', /Unexpected '2' at byte 3/],
    ['{"a" 1}', /Expected ':' at byte 5/],
    ['[tru]', /Invalid value "tru"/],
    ['{"a":1}}', /Unexpected data after the JSON value at byte 7/],
    ['[1,2', /Unexpected end of JSON/],
    ['"abc', /Unterminated string/],
    ['["a\\"]', /Unterminated string/],
    ['', /Unexpected end of JSON/],
  ])('refuses %j', (input, message) => {
    expect(() => format(input, [2])).toThrow(InvalidJsonError);
    expect(() => format(input)).toThrow(message);
  });
});
