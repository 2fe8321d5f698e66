import { describe, expect, it } from 'vitest';
import { plainValue, readJson } from './json-source';

function errorOf(text: string): { line: number; column: number; message: string; fix: string } {
  const read = readJson(text);
  if (read.ok) throw new Error('expected a syntax error');
  return { line: read.error.at.line, column: read.error.at.column, message: read.error.message, fix: read.error.fix };
}

describe('the position-keeping JSON reader', () => {
  it('reads what JSON.parse reads, BOM and escapes included', () => {
    const text = '\ufeff{"a": [1, -2.5e3, true, null, "x\\u0041\\n"], "b": {}}';
    const read = readJson(text);
    expect(read.ok).toBe(true);
    if (read.ok) expect(plainValue(read.root)).toEqual(JSON.parse(text.slice(1)));
  });

  it('puts each error where it is, with a fix', () => {
    expect(errorOf('{\n  "a": 1,\n}')).toMatchObject({
      line: 2,
      column: 9,
      fix: 'Delete the comma at line 2, column 9',
    });
    expect(errorOf('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({
      line: 3,
      column: 3,
      message: expect.stringContaining("Expected ',' or '}'"),
    });
    expect(errorOf("{'a': 1}")).toMatchObject({ line: 1, column: 2, message: expect.stringContaining('"quoted" key') });
    expect(errorOf('{"a": \'x\'}')).toMatchObject({
      line: 1,
      column: 7,
      fix: 'Replace the single quotes with double quotes',
    });
    expect(errorOf('{"a": "open\n}')).toMatchObject({ line: 1, column: 12, message: 'A line break inside a string' });
    expect(errorOf('{"a": 1}}')).toMatchObject({ line: 1, column: 9 });
    expect(errorOf('')).toMatchObject({
      line: 1,
      column: 1,
      message: 'Expected a value but found the end of the text',
    });
  });
});
