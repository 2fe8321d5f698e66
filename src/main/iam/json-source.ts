/**
 * A JSON reader that remembers where every value sits, so a policy finding can point at
 * the line and column of the action or ARN it is about, and a syntax error (the published
 * policy's trailing comma) is reported where it is rather than as V8's "position N".
 */

/** Where a value starts in the text: 1-based line and column, and its offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type JsonNode =
  | { readonly kind: 'object'; readonly at: SourcePosition; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly at: SourcePosition; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly at: SourcePosition; readonly value: string }
  | { readonly kind: 'number'; readonly at: SourcePosition; readonly value: number }
  | { readonly kind: 'boolean'; readonly at: SourcePosition; readonly value: boolean }
  | { readonly kind: 'null'; readonly at: SourcePosition };

export interface JsonEntry {
  readonly key: string;
  readonly keyAt: SourcePosition;
  readonly value: JsonNode;
}

/** A syntax error with a plain fix. */
export interface JsonSyntaxError {
  readonly at: SourcePosition;
  readonly message: string;
  readonly fix: string;
}

export type JsonReadResult =
  { readonly ok: true; readonly root: JsonNode } | { readonly ok: false; readonly error: JsonSyntaxError };

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** Line and column (1-based) of an offset. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Parses JSON text (RFC 8259, a leading BOM allowed) keeping each value's position. */
export function readJson(text: string): JsonReadResult {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const at = (offset: number): SourcePosition => positionAt(text, offset);

  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i += 1;
  };
  const fail = (message: string, fix: string, offset = i): never => {
    throw new SyntaxFailure(offset, message, fix);
  };
  const describe = (): string => (i >= text.length ? 'the end of the text' : `'${text[i]}'`);

  const readString = (): string => {
    const start = i;
    i += 1;
    let out = '';
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            fail('Bad \\u escape in a string', 'Write \\u followed by four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        const escaped = ESCAPES[next];
        if (escaped === undefined) fail(`Unknown escape \\${next} in a string`, 'Escape a backslash as \\\\');
        out += escaped;
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail('A line break inside a string', 'Close the string with " on the same line');
      out += ch;
      i += 1;
    }
    return fail('A string is never closed', 'Add the closing "', start);
  };

  const readValue = (): JsonNode => {
    skipSpace();
    const start = i;
    const ch = text[i];
    if (ch === '{') return readObject();
    if (ch === '[') return readArray();
    if (ch === '"') return { kind: 'string', at: at(start), value: readString() };
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (literal) {
      i += literal[0].length;
      const word = literal[0];
      if (word === 'null') return { kind: 'null', at: at(start) };
      if (word === 'true' || word === 'false') return { kind: 'boolean', at: at(start), value: word === 'true' };
      return { kind: 'number', at: at(start), value: Number(word) };
    }
    if (ch === "'") return fail('Strings need double quotes', 'Replace the single quotes with double quotes');
    return fail(
      `Expected a value but found ${describe()}`,
      'Write a string, number, object, array, true, false or null',
    );
  };

  const trailingComma = (commaAt: number, closer: string): never =>
    fail(
      `Trailing comma before '${closer}': JSON allows no comma after the last item`,
      `Delete the comma at line ${at(commaAt).line}, column ${at(commaAt).column}`,
      commaAt,
    );

  const readObject = (): JsonNode => {
    const start = i;
    i += 1;
    const entries: JsonEntry[] = [];
    skipSpace();
    if (text[i] === '}') {
      i += 1;
      return { kind: 'object', at: at(start), entries };
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`Expected a "quoted" key but found ${describe()}`, 'Put the key in double quotes');
      const keyStart = i;
      const key = readString();
      skipSpace();
      if (text[i] !== ':') fail(`Expected ':' after the key "${key}"`, `Add ':' between "${key}" and its value`);
      i += 1;
      const value = readValue();
      entries.push({ key, keyAt: at(keyStart), value });
      skipSpace();
      if (text[i] === ',') {
        const commaAt = i;
        i += 1;
        skipSpace();
        if (text[i] === '}') trailingComma(commaAt, '}');
        continue;
      }
      if (text[i] === '}') {
        i += 1;
        return { kind: 'object', at: at(start), entries };
      }
      fail(`Expected ',' or '}' after "${key}" but found ${describe()}`, 'Separate the entries with a comma');
    }
  };

  const readArray = (): JsonNode => {
    const start = i;
    i += 1;
    const items: JsonNode[] = [];
    skipSpace();
    if (text[i] === ']') {
      i += 1;
      return { kind: 'array', at: at(start), items };
    }
    for (;;) {
      items.push(readValue());
      skipSpace();
      if (text[i] === ',') {
        const commaAt = i;
        i += 1;
        skipSpace();
        if (text[i] === ']') trailingComma(commaAt, ']');
        continue;
      }
      if (text[i] === ']') {
        i += 1;
        return { kind: 'array', at: at(start), items };
      }
      fail(`Expected ',' or ']' in a list but found ${describe()}`, 'Separate the items with a comma');
    }
  };

  try {
    const root = readValue();
    skipSpace();
    if (i < text.length)
      fail(`Unexpected ${describe()} after the end of the document`, 'Delete what follows the last }');
    return { ok: true, root };
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    return { ok: false, error: { at: at(error.offset), message: error.message, fix: error.fix } };
  }
}

/** The plain value of a node (what JSON.parse would give). */
export function plainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, plainValue(entry.value)]));
    case 'array':
      return node.items.map(plainValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** The entry named `key` (IAM element names are case-sensitive, so is this). */
export function entryOf(node: JsonNode, key: string): JsonEntry | undefined {
  return node.kind === 'object' ? node.entries.find((entry) => entry.key === key) : undefined;
}

/** A string or a list of strings as nodes; anything else yields nothing. */
export function stringNodes(node: JsonNode | undefined): Extract<JsonNode, { kind: 'string' }>[] {
  if (!node) return [];
  if (node.kind === 'string') return [node];
  if (node.kind === 'array') return node.items.filter((item) => item.kind === 'string');
  return [];
}
