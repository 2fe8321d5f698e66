/**
 * Evaluates a request's checks against its response. Declarative only: JSON paths go
 * through jsonpath-plus with script evaluation off, so a path like `$[?(...)]` is refused,
 * never run.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Check } from '../../shared/checks';
import { checkLabel, type CheckResult } from '../../shared/check-basics';

/** What a check looks at. */
export interface CheckedResponse {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly bodyText: string;
  readonly timeMs: number;
}

/** Longest expected/actual text kept in a result. */
const SHOWN = 200;
/** Longest check name in a result (a generated name quotes the expected value). */
const NAME_LIMIT = 256;
/** Most body text a `matches` regular expression is run over. */
const MATCHED_TEXT = 64 * 1024;

function shorten(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

function show(value: unknown): string {
  if (value === undefined) return '(nothing)';
  return shorten(typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value)));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** The expected value of a jsonPath `equals`: JSON when it parses, else the text itself. */
function expectedJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const regexCache = new Map<string, RegExp | Error>();

function regexOf(source: string): RegExp | Error {
  let compiled = regexCache.get(source);
  if (!compiled) {
    try {
      compiled = new RegExp(source);
    } catch (error) {
      compiled = error instanceof Error ? error : new Error(String(error));
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(source, compiled);
  }
  return compiled;
}

/** The response as seen by the checks of one request: the body is parsed as JSON at most once. */
class Subject {
  private json: { value?: unknown; error?: string } | undefined;

  constructor(readonly response: CheckedResponse) {}

  header(name: string): string | undefined {
    const lower = name.toLowerCase();
    const values = this.response.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
    return values.length > 0 ? values.join(', ') : undefined;
  }

  parsedJson(): { value?: unknown; error?: string } {
    if (!this.json) {
      try {
        this.json = { value: JSON.parse(this.response.bodyText) as unknown };
      } catch {
        this.json = { error: 'body is not JSON' };
      }
    }
    return this.json;
  }
}

function result(check: Check, passed: boolean, expected: string, actual: string): CheckResult {
  const name = checkLabel(check);
  return {
    name: name.length > NAME_LIMIT ? `${name.slice(0, NAME_LIMIT - 1)}…` : name,
    passed,
    expected: shorten(expected),
    actual: shorten(actual),
  };
}

function evaluateJsonPath(check: Extract<Check, { kind: 'jsonPath' }>, subject: Subject): CheckResult {
  const expected =
    check.op === 'exists' ? `${check.path} present` : check.op === 'equals' ? check.value : `matches /${check.value}/`;
  const json = subject.parsedJson();
  if (json.error !== undefined) return result(check, false, expected, json.error);
  let matches: unknown[];
  try {
    matches = JSONPath({ path: check.path, json: json.value as object, eval: false, wrap: true }) as unknown[];
  } catch (error) {
    return result(check, false, expected, `invalid JSON path: ${error instanceof Error ? error.message : error}`);
  }
  const first = matches[0];
  switch (check.op) {
    case 'exists':
      return result(check, matches.length > 0, expected, matches.length > 0 ? show(first) : '(no match)');
    case 'equals':
      return result(check, matches.length > 0 && deepEqual(first, expectedJson(check.value)), expected, show(first));
    case 'matches': {
      const regex = regexOf(check.value);
      if (regex instanceof Error) return result(check, false, expected, `invalid regular expression: ${regex.message}`);
      if (matches.length === 0) return result(check, false, expected, '(no match)');
      const text = typeof first === 'string' ? first : (JSON.stringify(first) ?? '');
      return result(check, regex.test(text.slice(0, MATCHED_TEXT)), expected, show(first));
    }
  }
}

function evaluateOne(check: Check, subject: Subject): CheckResult {
  const { response } = subject;
  switch (check.kind) {
    case 'status':
      return result(
        check,
        check.statuses.includes(response.status),
        check.statuses.length === 1 ? String(check.statuses[0]) : `one of ${check.statuses.join(', ')}`,
        String(response.status),
      );
    case 'header': {
      const value = subject.header(check.header);
      if (check.op === 'exists')
        return result(check, value !== undefined, `${check.header} present`, value === undefined ? '(absent)' : value);
      return result(check, value === check.value, check.value, value === undefined ? '(absent)' : value);
    }
    case 'jsonPath':
      return evaluateJsonPath(check, subject);
    case 'bodyContains': {
      const found = response.bodyText.includes(check.text);
      return result(
        check,
        found,
        `body containing ${JSON.stringify(check.text)}`,
        found ? 'found' : `not found in ${response.bodyText.length} characters: ${response.bodyText}`,
      );
    }
    case 'timeBelow':
      return result(check, response.timeMs < check.ms, `under ${check.ms} ms`, `${response.timeMs} ms`);
  }
}

/** Every enabled check's result, in order. */
export function evaluateChecks(checks: readonly Check[] | undefined, response: CheckedResponse): CheckResult[] {
  if (!checks || checks.length === 0) return [];
  const subject = new Subject(response);
  return checks.filter((check) => check.enabled).map((check) => evaluateOne(check, subject));
}
