/**
 * Pretty-prints JSON a chunk at a time, without parsing it into objects, so a body of any
 * size is formatted in bounded memory. Output matches `JSON.stringify(JSON.parse(x), null, 2)`
 * for valid JSON, except that numbers and string escapes are kept exactly as they came.
 * Works on bytes: every structural character is ASCII, and bytes of multi-byte UTF-8
 * characters only occur inside strings, which are copied as they are.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** Bytes that may appear in a number or a literal (true, false, null). */
const SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;
const SCALAR_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eEtrufalsn') SCALAR_BYTE[c.charCodeAt(0)] = 1;

/** What the printer expects next. */
type Expect = 'value' | 'key' | 'colon' | 'commaOrClose' | 'done';

export class InvalidJsonError extends Error {
  override readonly name = 'InvalidJsonError';
  constructor(
    message: string,
    /** Byte offset in the input where it went wrong. */
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export class JsonPrettyPrinter {
  /** Open containers: `{` or `[` as byte codes. */
  private readonly stack: number[] = [];
  private expect: Expect = 'value';
  private inString = false;
  private escaped = false;
  private scalar = '';
  /** A container just opened: its newline and indent wait until we know it is not empty. */
  private pendingOpen = false;
  /** Whether the current string is an object key (after it, a colon). */
  private stringIsKey = false;
  private consumed = 0;
  private out: Buffer = Buffer.alloc(64 * 1024);
  private used = 0;

  /** Formats the next bytes of input; returns the output they produced. */
  push(chunk: Uint8Array): Buffer {
    this.used = 0;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        i = this.copyString(chunk, i);
        continue;
      }
      const c = chunk[i]!;
      if (this.scalar) {
        if (SCALAR_BYTE[c]) {
          if (this.scalar.length > 1024) throw new InvalidJsonError('Value too long', this.consumed + i);
          this.scalar += String.fromCharCode(c);
          i += 1;
          continue;
        }
        this.endScalar(this.consumed + i);
      }
      if (WHITESPACE.has(c)) {
        i += 1;
        continue;
      }
      this.token(c, this.consumed + i);
      i += 1;
    }
    this.consumed += n;
    return Buffer.from(this.out.subarray(0, this.used));
  }

  /** Ends the input; throws InvalidJsonError when it was not one complete JSON value. */
  end(): Buffer {
    this.used = 0;
    if (this.inString) throw new InvalidJsonError('Unterminated string', this.consumed);
    if (this.scalar) this.endScalar(this.consumed);
    if (this.expect !== 'done') throw new InvalidJsonError('Unexpected end of JSON', this.consumed);
    return Buffer.from(this.out.subarray(0, this.used));
  }

  private copyString(chunk: Uint8Array, from: number): number {
    let i = from;
    const n = chunk.length;
    while (i < n) {
      const c = chunk[i]!;
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) {
        this.write(chunk.subarray(from, i + 1));
        this.inString = false;
        if (this.stringIsKey) this.expect = 'colon';
        else this.afterValue();
        return i + 1;
      } else if (c < 0x20) throw new InvalidJsonError('Control character in string', this.consumed + i);
      i += 1;
    }
    this.write(chunk.subarray(from, n));
    return n;
  }

  private token(c: number, at: number): void {
    if (this.pendingOpen) {
      this.pendingOpen = false;
      const open = this.stack[this.stack.length - 1]!;
      if ((open === 0x7b && c === 0x7d) || (open === 0x5b && c === 0x5d)) {
        this.stack.pop();
        this.byte(c);
        this.afterValue();
        return;
      }
      this.newline(this.stack.length);
    }
    switch (this.expect) {
      case 'value':
        return this.value(c, at);
      case 'key':
        if (c !== QUOTE) throw new InvalidJsonError('Expected a property name', at);
        this.startString(true);
        return;
      case 'colon':
        if (c !== 0x3a) throw new InvalidJsonError("Expected ':'", at);
        this.byte(0x3a);
        this.byte(SPACE);
        this.expect = 'value';
        return;
      case 'commaOrClose':
        return this.commaOrClose(c, at);
      case 'done':
        throw new InvalidJsonError('Unexpected data after the JSON value', at);
    }
  }

  private value(c: number, at: number): void {
    if (c === 0x7b || c === 0x5b) {
      this.byte(c);
      this.stack.push(c);
      this.pendingOpen = true;
      this.expect = c === 0x7b ? 'key' : 'value';
      return;
    }
    if (c === QUOTE) return this.startString(false);
    if (SCALAR_BYTE[c]) {
      this.scalar = String.fromCharCode(c);
      this.expect = 'commaOrClose';
      return;
    }
    throw new InvalidJsonError(`Unexpected '${String.fromCharCode(c)}'`, at);
  }

  private commaOrClose(c: number, at: number): void {
    const open = this.stack[this.stack.length - 1];
    if (c === 0x2c && open !== undefined) {
      this.byte(0x2c);
      this.newline(this.stack.length);
      this.expect = open === 0x7b ? 'key' : 'value';
      return;
    }
    if ((c === 0x7d && open === 0x7b) || (c === 0x5d && open === 0x5b)) {
      this.stack.pop();
      this.newline(this.stack.length);
      this.byte(c);
      this.afterValue();
      return;
    }
    throw new InvalidJsonError(`Unexpected '${String.fromCharCode(c)}'`, at);
  }

  private startString(isKey: boolean): void {
    this.inString = true;
    this.stringIsKey = isKey;
    this.byte(QUOTE);
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? 'done' : 'commaOrClose';
  }

  private endScalar(at: number): void {
    const text = this.scalar;
    this.scalar = '';
    if (!SCALAR.test(text)) throw new InvalidJsonError(`Invalid value ${JSON.stringify(text.slice(0, 32))}`, at);
    this.write(Buffer.from(text, 'latin1'));
    this.afterValue();
  }

  private newline(depth: number): void {
    this.ensure(1 + depth * 2);
    this.out[this.used++] = NEWLINE;
    this.out.fill(SPACE, this.used, this.used + depth * 2);
    this.used += depth * 2;
  }

  private byte(c: number): void {
    this.ensure(1);
    this.out[this.used++] = c;
  }

  private write(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.out.set(bytes, this.used);
    this.used += bytes.length;
  }

  private ensure(extra: number): void {
    if (this.used + extra <= this.out.length) return;
    const grown = Buffer.alloc(Math.max(this.out.length * 2, this.used + extra));
    this.out.copy(grown, 0, 0, this.used);
    this.out = grown;
  }
}
