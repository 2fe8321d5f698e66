/**
 * Pretty-prints JSON a chunk at a time, without parsing it into objects, so a body of any
 * size is formatted in bounded memory. Output matches `JSON.stringify(JSON.parse(x), null, 2)`
 * for valid JSON, except that numbers and string escapes are kept exactly as they came.
 * Works on bytes: every structural character is ASCII, and bytes of multi-byte UTF-8
 * characters only occur inside strings, which are copied as they are (found with the
 * native indexOf, so a body that is mostly strings formats at memory speed). The check is
 * of structure, numbers and literals; a raw control character inside a string is copied.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const SPACE = 0x20;
/** Bytes of JSON whitespace. */
const WHITESPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[c] = 1;
/** Bytes that may appear in a number or a literal. */
const SCALAR_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eEtrufalsn') SCALAR_BYTE[c.charCodeAt(0)] = 1;
/** Longest number or literal accepted. */
const MAX_SCALAR = 1024;

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

function isWord(bytes: Uint8Array, length: number, word: string): boolean {
  if (length !== word.length) return false;
  for (let i = 0; i < length; i += 1) if (bytes[i] !== word.charCodeAt(i)) return false;
  return true;
}

/** True for a JSON number or literal (true, false, null), checked on its bytes. */
function validScalar(b: Uint8Array, n: number): boolean {
  if (isWord(b, n, 'true') || isWord(b, n, 'false') || isWord(b, n, 'null')) return true;
  let i = 0;
  if (b[i] === 0x2d) i += 1;
  if (b[i] === 0x30) i += 1;
  else if (isDigit(b[i]) && i < n) while (i < n && isDigit(b[i])) i += 1;
  else return false;
  if (i < n && b[i] === 0x2e) {
    const start = (i += 1);
    while (i < n && isDigit(b[i])) i += 1;
    if (i === start) return false;
  }
  if (i < n && (b[i] === 0x65 || b[i] === 0x45)) {
    i += 1;
    if (i < n && (b[i] === 0x2b || b[i] === 0x2d)) i += 1;
    const start = i;
    while (i < n && isDigit(b[i])) i += 1;
    if (i === start) return false;
  }
  return i === n;
}

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
  /** The number or literal being read (it may cross a chunk boundary), and its length; 0 when none. */
  private readonly scalar = Buffer.alloc(MAX_SCALAR);
  private scalarLength = 0;
  /** Where the scalar being read started, for messages. */
  private scalarAt = 0;
  /** A container just opened: its newline and indent wait until we know it is not empty. */
  private pendingOpen = false;
  /** Whether the current string is an object key (after it, a colon). */
  private stringIsKey = false;
  private consumed = 0;
  private out: Buffer = Buffer.alloc(64 * 1024);
  private used = 0;

  /**
   * Formats the next bytes of input; returns the output they produced, as a view of the
   * printer's own buffer that the next call overwrites (write it out, or copy it, first).
   * Reusing one buffer keeps a 100 MB body from leaving 200 MB of garbage behind.
   */
  push(input: Uint8Array): Buffer {
    const chunk = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    this.used = 0;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        i = this.copyString(chunk, i);
        continue;
      }
      if (this.scalarLength > 0) {
        i = this.continueScalar(chunk, i);
        continue;
      }
      const c = chunk[i]!;
      if (WHITESPACE[c]) {
        i += 1;
        continue;
      }
      if (SCALAR_BYTE[c] && this.expect === 'value') {
        // In an array just opened: not empty, so its newline goes out first.
        if (this.pendingOpen) {
          this.pendingOpen = false;
          this.newline(this.stack.length);
        }
        this.scalarAt = this.consumed + i;
        this.expect = 'commaOrClose';
        i = this.continueScalar(chunk, i);
        continue;
      }
      this.token(c, this.consumed + i);
      i += 1;
    }
    this.consumed += n;
    return this.out.subarray(0, this.used);
  }

  /** Ends the input (output as for push); throws InvalidJsonError when it was not one complete JSON value. */
  end(): Buffer {
    this.used = 0;
    if (this.inString) throw new InvalidJsonError('Unterminated string', this.consumed);
    if (this.scalarLength > 0) this.endScalar(this.consumed);
    if (this.expect !== 'done') throw new InvalidJsonError('Unexpected end of JSON', this.consumed);
    return this.out.subarray(0, this.used);
  }

  /** Takes the scalar's bytes from `from`; at its end, checks and writes it. */
  private continueScalar(chunk: Buffer, from: number): number {
    let j = from;
    const n = chunk.length;
    const scalar = this.scalar;
    while (j < n && SCALAR_BYTE[chunk[j]!]) {
      if (this.scalarLength === MAX_SCALAR) throw new InvalidJsonError('Value too long', this.scalarAt);
      scalar[this.scalarLength++] = chunk[j]!;
      j += 1;
    }
    if (j < n) this.endScalar(this.consumed + j);
    return j;
  }

  /**
   * Copies string bytes up to and including the closing quote. A quote preceded by an odd
   * run of backslashes is escaped; a run may begin in the chunk before (`escaped`).
   */
  private copyString(chunk: Buffer, from: number): number {
    let search = from;
    const n = chunk.length;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, search);
      if (quote < 0) {
        this.copy(chunk, from, n);
        let run = 0;
        for (let k = n - 1; k >= from && chunk[k] === BACKSLASH; k -= 1) run += 1;
        // A run back to where this chunk's part began continues the run carried from the chunk before.
        this.escaped = (run + (run === n - from && this.escaped ? 1 : 0)) % 2 === 1;
        return n;
      }
      let run = 0;
      let k = quote - 1;
      for (; k >= from && chunk[k] === BACKSLASH; k -= 1) run += 1;
      if (k < from && this.escaped) run += 1;
      if (run % 2 === 1) {
        search = quote + 1;
        continue;
      }
      this.escaped = false;
      this.copy(chunk, from, quote + 1);
      this.inString = false;
      if (this.stringIsKey) this.expect = 'colon';
      else this.afterValue();
      return quote + 1;
    }
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
    const length = this.scalarLength;
    this.scalarLength = 0;
    if (!validScalar(this.scalar, length)) {
      const text = this.scalar.toString('latin1', 0, Math.min(length, 32));
      throw new InvalidJsonError(`Invalid value ${JSON.stringify(text)}`, at);
    }
    this.copy(this.scalar, 0, length);
    this.afterValue();
  }

  private newline(depth: number): void {
    this.ensure(1 + depth * 2);
    const out = this.out;
    out[this.used++] = NEWLINE;
    for (let end = this.used + depth * 2; this.used < end;) out[this.used++] = SPACE;
  }

  private byte(c: number): void {
    this.ensure(1);
    this.out[this.used++] = c;
  }

  private copy(source: Buffer, from: number, to: number): void {
    this.ensure(to - from);
    // Buffer#copy costs more than a loop for the short runs most JSON is made of.
    if (to - from > 64) {
      source.copy(this.out, this.used, from, to);
      this.used += to - from;
      return;
    }
    const out = this.out;
    for (let i = from; i < to; i += 1) out[this.used++] = source[i]!;
  }

  private ensure(extra: number): void {
    if (this.used + extra <= this.out.length) return;
    const grown = Buffer.alloc(Math.max(this.out.length * 2, this.used + extra));
    this.out.copy(grown, 0, 0, this.used);
    this.out = grown;
  }
}
