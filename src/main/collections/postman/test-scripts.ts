/**
 * Postman test scripts ⇄ Signet checks, without running any JavaScript.
 *
 * Import reads the common assertion forms (`pm.response.to.have.status(200)`,
 * `pm.expect(pm.response.code).to.eql(…)`, `pm.expect(jsonData.x).to.eql(…)` after
 * `var jsonData = pm.response.json()`, headers, body text, response time) from the
 * script's tokens; every other statement is reported as not converted. Export writes the
 * same forms back, so an exported collection runs in Postman and newman and imports as the
 * same checks. A check no assertion form can say (a JSON path with wildcards, a disabled
 * check) travels as a `// signet:check {json}` comment line.
 */
import { CheckSchema, type Check } from '../../../shared/checks';
import { checkLabel } from '../../../shared/check-basics';

/** The comment prefix carrying a check that has no pm.test form. */
export const CHECK_COMMENT = '// signet:check ';

type Token =
  | { readonly kind: 'id' | 'punc'; readonly text: string; readonly newline: boolean }
  | { readonly kind: 'literal'; readonly value: unknown; readonly text: string; readonly newline: boolean }
  | {
      readonly kind: 're';
      readonly source: string;
      readonly flags: string;
      readonly text: string;
      readonly newline: boolean;
    };

class ScriptSyntaxError extends Error {}

const PUNCT = /^(?:=>|===|!==|==|!=|&&|\|\||[{}()[\].,;:=!<>+\-*%?&|^~])/;

/** Reads a quoted string starting at `start` (the quote); returns its value and the index after it. */
function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start]!;
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === quote) return { value, end: i + 1 };
    if (quote === '`' && ch === '$' && source[i + 1] === '{') throw new ScriptSyntaxError('template expression');
    if (ch === '\n' && quote !== '`') throw new ScriptSyntaxError('unterminated string');
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      value += escapes[next] ?? next;
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  throw new ScriptSyntaxError('unterminated string');
}

/** Splits script text into tokens; comments are dropped. Throws ScriptSyntaxError on what it cannot read. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let newline = false;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n') {
      newline = true;
      i += 1;
      continue;
    }
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new ScriptSyntaxError('unterminated comment');
      i = end + 2;
      continue;
    }
    const start = i;
    type Draft =
      { kind: 'id' | 'punc' } | { kind: 'literal'; value: unknown } | { kind: 're'; source: string; flags: string };
    const push = (token: Draft) => {
      tokens.push({ ...token, text: source.slice(start, i), newline } as Token);
      newline = false;
    };
    if (ch === '"' || ch === "'" || ch === '`') {
      const { value, end } = readString(source, i);
      i = end;
      push({ kind: 'literal', value });
      continue;
    }
    const number = /^-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(source.slice(i));
    if (number && (ch !== '-' || !tokens.length || ['(', ',', '[', ':', '='].includes(tokens.at(-1)!.text))) {
      i += number[0].length;
      push({ kind: 'literal', value: Number(number[0]) });
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i));
    if (word) {
      i += word[0].length;
      const literals: Record<string, unknown> = { true: true, false: false, null: null };
      if (word[0] in literals) push({ kind: 'literal', value: literals[word[0]] });
      else push({ kind: 'id' });
      continue;
    }
    const previous = tokens.at(-1)?.text;
    if (ch === '/' && (previous === undefined || ['(', ',', '=', ':', '[', '!', '&&', '||'].includes(previous))) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && (source[j] !== '/' || inClass)) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        else if (source[j] === '\n') throw new ScriptSyntaxError('unterminated regular expression');
        j += 1;
      }
      const flags = /^[a-z]*/.exec(source.slice(j + 1))![0];
      const regexSource = source.slice(i + 1, j);
      i = j + 1 + flags.length;
      push({ kind: 're', source: regexSource, flags });
      continue;
    }
    const punct = PUNCT.exec(source.slice(i));
    if (!punct) throw new ScriptSyntaxError(`unexpected character ${ch}`);
    i += punct[0].length;
    push({ kind: 'punc' });
  }
  return tokens;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** Splits tokens into statements at `;`, and at line breaks where a statement is complete (ASI's common case). */
function statements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (const token of tokens) {
    const continues =
      token.kind === 'punc' && ['.', ')', ']', '}', ',', '=>', '=', '&&', '||', '+', '?', ':'].includes(token.text);
    const last = current.at(-1);
    const open = last && last.kind === 'punc' && !CLOSE.has(last.text) && last.text !== ';';
    if (depth === 0 && token.newline && current.length > 0 && !continues && !open) flush();
    if (token.kind === 'punc' && OPEN.has(token.text)) depth += 1;
    if (token.kind === 'punc' && CLOSE.has(token.text)) depth -= 1;
    if (depth < 0) throw new ScriptSyntaxError('unbalanced brackets');
    if (depth === 0 && token.kind === 'punc' && token.text === ';') {
      flush();
      continue;
    }
    current.push(token);
  }
  if (depth !== 0) throw new ScriptSyntaxError('unbalanced brackets');
  flush();
  return out;
}

function sourceOf(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (/[\w$]$/.test(out) && /^[\w$]/.test(token.text)) out += ' ';
    out += token.text;
  }
  return out;
}

/** A cursor over one statement's tokens. */
class Reader {
  index = 0;
  constructor(readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  /** Consumes a dotted run of identifiers and punctuation, e.g. `pm.response.to.have.status(`, when it matches. */
  accept(...texts: string[]): boolean {
    for (let k = 0; k < texts.length; k += 1) {
      const token = this.peek(k);
      if (!token || token.kind === 'literal' || token.kind === 're' || token.text !== texts[k]) return false;
    }
    this.index += texts.length;
    return true;
  }

  /** `a.b.c` as written, for matching whole member chains. */
  acceptPath(path: string): boolean {
    return this.accept(...path.split(/(\.|\(|\))/).filter((part) => part !== ''));
  }

  literal(): unknown {
    const token = this.peek();
    if (token?.kind === 'literal') {
      this.index += 1;
      return token.value;
    }
    if (token?.kind === 'punc' && (token.text === '[' || token.text === '{')) return this.compound();
    throw new ScriptSyntaxError('not a literal');
  }

  private compound(): unknown {
    if (this.accept('[')) {
      const items: unknown[] = [];
      while (!this.accept(']')) {
        items.push(this.literal());
        if (!this.accept(',') && this.peek()?.text !== ']') throw new ScriptSyntaxError('bad array');
      }
      return items;
    }
    this.accept('{');
    const record: Record<string, unknown> = {};
    while (!this.accept('}')) {
      const key = this.peek();
      const name = key?.kind === 'id' ? key.text : key?.kind === 'literal' ? key.value : undefined;
      if (typeof name !== 'string') throw new ScriptSyntaxError('bad object key');
      this.index += 1;
      if (!this.accept(':')) throw new ScriptSyntaxError('bad object');
      Object.defineProperty(record, name, {
        value: this.literal(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (!this.accept(',') && this.peek()?.text !== '}') throw new ScriptSyntaxError('bad object');
    }
    return record;
  }
}

/** What `pm.expect(…)` was given. */
type Subject =
  | { kind: 'code' }
  | { kind: 'text' }
  | { kind: 'time' }
  | { kind: 'header'; name: string }
  | { kind: 'json'; path: string };

/** `.a.b[0]["c d"]` after a JSON root, as a JSON path `$.a.b[0]['c d']`. */
function readJsonPath(reader: Reader): string {
  let path = '$';
  for (;;) {
    const dot = reader.peek();
    const next = reader.peek(1);
    if (dot?.text === '.' && next?.kind === 'id' && reader.peek(2)?.text !== '(') {
      reader.index += 2;
      path += `.${next.text}`;
      continue;
    }
    if (dot?.text === '[' && next?.kind === 'literal' && reader.peek(2)?.text === ']') {
      if (typeof next.value === 'number' && Number.isInteger(next.value) && next.value >= 0) path += `[${next.value}]`;
      else if (typeof next.value === 'string' && !/['\\\]]/.test(next.value)) path += `['${next.value}']`;
      else throw new ScriptSyntaxError('unsupported index');
      reader.index += 3;
      continue;
    }
    return path;
  }
}

function readSubject(reader: Reader, jsonAliases: ReadonlySet<string>): Subject {
  if (reader.acceptPath('pm.response.code') || reader.acceptPath('responseCode.code')) return { kind: 'code' };
  if (reader.acceptPath('pm.response.text()') || reader.acceptPath('responseBody')) return { kind: 'text' };
  if (reader.acceptPath('pm.response.responseTime') || reader.acceptPath('responseTime')) return { kind: 'time' };
  if (reader.acceptPath('pm.response.headers.get(')) {
    const name = reader.literal();
    if (typeof name !== 'string' || !reader.accept(')')) throw new ScriptSyntaxError('header name');
    return { kind: 'header', name };
  }
  if (reader.acceptPath('pm.response.json()')) return { kind: 'json', path: readJsonPath(reader) };
  const alias = reader.peek();
  if (alias?.kind === 'id' && jsonAliases.has(alias.text)) {
    reader.index += 1;
    return { kind: 'json', path: readJsonPath(reader) };
  }
  throw new ScriptSyntaxError('unsupported subject');
}

const EQUALS = ['to.eql', 'to.equal', 'to.eq', 'to.be.equal', 'to.deep.equal', 'to.be.eql', 'eql', 'equal'];
const INCLUDES = ['to.include', 'to.contain', 'to.have.string', 'to.includes', 'to.contains'];
const BELOW = ['to.be.below', 'to.be.lessThan', 'to.be.lt'];
const EXISTS = ['to.exist', 'to.not.be.undefined', 'not.to.be.undefined', 'to.be.not.undefined'];

function acceptChain(reader: Reader, chains: readonly string[]): boolean {
  return chains.some((chain) => reader.accept(...chain.split(/(\.)/).filter((p) => p !== '')));
}

function readCallArgument(reader: Reader): unknown {
  if (!reader.accept('(')) throw new ScriptSyntaxError('expected a call');
  const value = reader.literal();
  if (!reader.accept(')')) throw new ScriptSyntaxError('expected one argument');
  return value;
}

const blank = { name: '', enabled: true } as const;

/** One assertion statement as a check; throws ScriptSyntaxError for any other statement. */
function readAssertion(tokens: readonly Token[], jsonAliases: ReadonlySet<string>): Check {
  const reader = new Reader(tokens);
  let check: Check | undefined;
  if (reader.acceptPath('pm.response.to.have.status(')) {
    const status = reader.literal();
    if (typeof status !== 'number' || !reader.accept(')')) throw new ScriptSyntaxError('status');
    check = { ...blank, kind: 'status', statuses: [status] };
  } else if (reader.acceptPath('pm.response.to.be.ok')) {
    check = { ...blank, kind: 'status', statuses: [200] };
  } else if (reader.acceptPath('pm.response.to.have.header(')) {
    const header = reader.literal();
    if (typeof header !== 'string') throw new ScriptSyntaxError('header');
    if (reader.accept(')')) check = { ...blank, kind: 'header', header, op: 'exists', value: '' };
    else if (reader.accept(',')) {
      const value = reader.literal();
      if (typeof value !== 'string' || !reader.accept(')')) throw new ScriptSyntaxError('header value');
      check = { ...blank, kind: 'header', header, op: 'equals', value };
    }
  } else if (reader.acceptPath('pm.expect(')) {
    const subject = readSubject(reader, jsonAliases);
    if (!reader.accept(')', '.')) throw new ScriptSyntaxError('expect');
    check = readExpectation(reader, subject);
  }
  if (!check || !reader.done) throw new ScriptSyntaxError('unsupported assertion');
  return CheckSchema.parse(check);
}

function readExpectation(reader: Reader, subject: Subject): Check | undefined {
  if (acceptChain(reader, EQUALS)) {
    const value = readCallArgument(reader);
    switch (subject.kind) {
      case 'code':
        if (typeof value === 'number') return { ...blank, kind: 'status', statuses: [value] };
        return undefined;
      case 'header':
        if (typeof value === 'string') return { ...blank, kind: 'header', header: subject.name, op: 'equals', value };
        return undefined;
      case 'json':
        return { ...blank, kind: 'jsonPath', path: subject.path, op: 'equals', value: JSON.stringify(value) };
      default:
        return undefined;
    }
  }
  if (acceptChain(reader, ['to.be.oneOf'])) {
    const values = readCallArgument(reader);
    if (subject.kind === 'code' && Array.isArray(values) && values.every((v) => typeof v === 'number'))
      return { ...blank, kind: 'status', statuses: values };
    return undefined;
  }
  if (acceptChain(reader, INCLUDES)) {
    const value = readCallArgument(reader);
    if (subject.kind === 'text' && typeof value === 'string') return { ...blank, kind: 'bodyContains', text: value };
    return undefined;
  }
  if (acceptChain(reader, BELOW)) {
    const value = readCallArgument(reader);
    if (subject.kind === 'time' && typeof value === 'number') return { ...blank, kind: 'timeBelow', ms: value };
    return undefined;
  }
  if (acceptChain(reader, EXISTS)) {
    if (subject.kind === 'json') return { ...blank, kind: 'jsonPath', path: subject.path, op: 'exists', value: '' };
    if (subject.kind === 'header') return { ...blank, kind: 'header', header: subject.name, op: 'exists', value: '' };
    return undefined;
  }
  if (acceptChain(reader, ['to.match'])) {
    if (!reader.accept('(')) return undefined;
    const token = reader.peek();
    if (token?.kind !== 're' || token.flags !== '') return undefined;
    reader.index += 1;
    if (!reader.accept(')')) return undefined;
    if (subject.kind === 'json')
      return { ...blank, kind: 'jsonPath', path: subject.path, op: 'matches', value: token.source };
    return undefined;
  }
  return undefined;
}

/** `var jsonData = pm.response.json()`: the alias it declares, or undefined. */
function jsonAlias(tokens: readonly Token[]): string | undefined {
  const reader = new Reader(tokens);
  const keyword = reader.peek();
  if (!keyword || !['var', 'let', 'const'].includes(keyword.text)) return undefined;
  const name = reader.peek(1);
  if (name?.kind !== 'id') return undefined;
  reader.index += 2;
  if (reader.accept('=') && reader.acceptPath('pm.response.json()') && reader.done) return name.text;
  return undefined;
}

/** `pm.test(NAME, function () { … })` or with an arrow: its name and body tokens. */
function testBlock(tokens: readonly Token[]): { name: string; body: Token[] } | undefined {
  const reader = new Reader(tokens);
  if (!reader.acceptPath('pm.test(')) return undefined;
  const name = reader.peek();
  if (name?.kind !== 'literal' || typeof name.value !== 'string') return undefined;
  reader.index += 1;
  if (!reader.accept(',')) return undefined;
  if (!(reader.accept('function', '(', ')', '{') || reader.accept('(', ')', '=>', '{'))) return undefined;
  const bodyStart = reader.index;
  const bodyEnd = tokens.length - 2;
  if (tokens[bodyEnd]?.text !== '}' || tokens[bodyEnd + 1]?.text !== ')') return undefined;
  return { name: name.value, body: tokens.slice(bodyStart, bodyEnd) };
}

/** What a test script came to: the checks read from it, and what was left out, described briefly. */
export interface ScriptConversion {
  readonly checks: Check[];
  readonly unconverted: string[];
}

function describeStatement(tokens: readonly Token[]): string {
  const text = sourceOf(tokens);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Stands in for a comment check while the script is read (not an identifier a script would use). */
const CARRIED = '__signetCarriedCheck';

function carriedIndex(tokens: readonly Token[]): number | undefined {
  const [name, open, index, close] = tokens;
  if (tokens.length !== 4 || name?.text !== CARRIED || open?.text !== '(' || close?.text !== ')') return undefined;
  return index?.kind === 'literal' && typeof index.value === 'number' ? index.value : undefined;
}

/** Reads the checks a Postman test script asserts. Nothing in the script is executed. */
export function scriptToChecks(script: string): ScriptConversion {
  const checks: Check[] = [];
  const unconverted: string[] = [];
  // Comment checks stand in the script where they were written, so that the order survives.
  const carried: Check[] = [];
  const marker = CHECK_COMMENT.trim();
  const withMarkers = script
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (!trimmed.startsWith(marker)) return line;
      try {
        carried.push(CheckSchema.parse(JSON.parse(trimmed.slice(marker.length))));
        return `${CARRIED}(${carried.length - 1});`;
      } catch {
        unconverted.push(trimmed.slice(0, 80));
        return '';
      }
    })
    .join('\n');
  let parsed: Token[][];
  try {
    parsed = statements(tokenize(withMarkers));
  } catch (error) {
    return { checks, unconverted: [...unconverted, `script not read (${(error as Error).message})`] };
  }
  const aliases = new Set<string>();
  for (const statement of parsed) {
    const index = carriedIndex(statement);
    if (index !== undefined) {
      const check = carried[index];
      if (check) checks.push(check);
      continue;
    }
    const alias = jsonAlias(statement);
    if (alias) {
      aliases.add(alias);
      continue;
    }
    const test = testBlock(statement);
    if (!test) {
      try {
        checks.push(readAssertion(statement, aliases));
      } catch {
        unconverted.push(describeStatement(statement));
      }
      continue;
    }
    const found: Check[] = [];
    const localAliases = new Set(aliases);
    let complete = true;
    try {
      for (const inner of statements(test.body)) {
        const alias = jsonAlias(inner);
        if (alias) localAliases.add(alias);
        else found.push(readAssertion(inner, localAliases));
      }
    } catch {
      complete = false;
    }
    if (!complete || found.length === 0) {
      unconverted.push(`pm.test ${JSON.stringify(test.name.slice(0, 80))}`);
      continue;
    }
    found.forEach((check, index) => {
      const name = found.length > 1 ? `${test.name} (${index + 1})` : test.name;
      // A name that is the generated label stays blank, so that export and import round-trip.
      checks.push({ ...check, name: name === checkLabel(check) ? '' : name });
    });
  }
  return { checks, unconverted };
}

/** `$.a.b[0]['c d']` as JavaScript member access after `root`, or undefined when the path is not that simple. */
function jsAccess(path: string, root: string): string | undefined {
  const part = /^(?:\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\['([^'\\\]]*)'\])/;
  let rest = path.startsWith('$') ? path.slice(1) : undefined;
  if (rest === undefined) return undefined;
  let out = root;
  while (rest.length > 0) {
    const match = part.exec(rest);
    if (!match) return undefined;
    if (match[1] !== undefined) out += `.${match[1]}`;
    else if (match[2] !== undefined) out += `[${match[2]}]`;
    else out += `[${JSON.stringify(match[3])}]`;
    rest = rest.slice(match[0].length);
  }
  return out;
}

/** The assertion line for a check, or undefined when pm has no form for it. */
function assertionOf(check: Check): { line: string; json?: boolean } | undefined {
  const q = (value: string) => JSON.stringify(value);
  switch (check.kind) {
    case 'status':
      return check.statuses.length === 1
        ? { line: `pm.response.to.have.status(${check.statuses[0]});` }
        : { line: `pm.expect(pm.response.code).to.be.oneOf([${check.statuses.join(', ')}]);` };
    case 'header':
      return check.op === 'exists'
        ? { line: `pm.response.to.have.header(${q(check.header)});` }
        : { line: `pm.response.to.have.header(${q(check.header)}, ${q(check.value)});` };
    case 'bodyContains':
      return { line: `pm.expect(pm.response.text()).to.include(${q(check.text)});` };
    case 'timeBelow':
      return { line: `pm.expect(pm.response.responseTime).to.be.below(${check.ms});` };
    case 'jsonPath': {
      const access = jsAccess(check.path, 'jsonData');
      if (!access) return undefined;
      if (check.op === 'exists') return { line: `pm.expect(${access}).to.exist;`, json: true };
      if (check.op === 'matches') {
        if (check.value.includes('\n')) return undefined;
        const literal = `/${check.value.replace(/(^|[^\\])\//g, '$1\\/')}/`;
        // Only a regex that reads back as the same source is written as one.
        if (tokenize(literal)[0]?.kind !== 're') return undefined;
        return { line: `pm.expect(${access}).to.match(${literal});`, json: true };
      }
      let value: string;
      try {
        value = JSON.stringify(JSON.parse(check.value));
      } catch {
        return undefined;
      }
      return { line: `pm.expect(${access}).to.eql(${value});`, json: true };
    }
  }
}

/** A request's checks as the lines of a Postman test script (`event[].script.exec`). */
export function checksToScript(checks: readonly Check[]): string[] {
  const lines: string[] = [];
  for (const check of checks) {
    const assertion = check.enabled ? assertionOf(check) : undefined;
    if (!assertion || (check.kind === 'jsonPath' && check.op === 'matches' && readsBackDifferently(check))) {
      lines.push(`${CHECK_COMMENT}${JSON.stringify(check)}`);
      continue;
    }
    lines.push(`pm.test(${JSON.stringify(checkLabel(check))}, function () {`);
    if (assertion.json) lines.push('    var jsonData = pm.response.json();');
    lines.push(`    ${assertion.line}`);
    lines.push('});');
  }
  return lines;
}

/** Whether a `matches` check would come back with another regex source (escaped slashes). */
function readsBackDifferently(check: Extract<Check, { kind: 'jsonPath' }>): boolean {
  const assertion = assertionOf(check);
  if (!assertion) return true;
  const back = scriptToChecks(`var jsonData = pm.response.json();\n${assertion.line}`).checks[0];
  return !back || back.kind !== 'jsonPath' || back.value !== check.value;
}
