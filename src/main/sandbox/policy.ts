/**
 * A small IAM policy evaluator: enough of the real semantics (wildcards, explicit deny
 * wins, default deny, a few condition operators, trust-policy principals) for the
 * sandbox to answer 200 or 403 for the same reasons AWS would.
 */

export type OneOrMany<T> = T | readonly T[];

/** Condition block: operator → context key → accepted values. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, OneOrMany<string>>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: OneOrMany<string>;
  /** Identity policies name resources; trust policies leave it out (the role itself is the resource). */
  readonly Resource?: OneOrMany<string>;
  /** Trust (resource) policies only. */
  readonly Principal?: '*' | { readonly AWS: OneOrMany<string> };
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Request context keys (`aws:MultiFactorAuthPresent`, `sts:ExternalId`, ...); absent keys are missing. */
export type RequestContext = Readonly<Record<string, string | undefined>>;

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** The calling principal as a trust policy sees it. */
export interface PrincipalRef {
  readonly arn: string;
  readonly account: string;
}

function list<T>(value: OneOrMany<T> | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * IAM wildcard match: `*` is any run of characters (including `/` and `:`), `?` is
 * one character; everything else is literal. Actions compare case-insensitively.
 */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const escaped = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** ARN parts: the first five colon-delimited ones, then the resource (which may hold colons). */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * ArnLike / ArnEquals: each of the six colon-delimited components is matched on its own, so a
 * wildcard never spans a colon and a pattern with fewer components matches nothing (AWS's rule).
 */
export function arnMatch(pattern: string, value: string): boolean {
  const expected = arnParts(pattern);
  const actual = arnParts(value);
  if (!expected || !actual) return false;
  return expected.every((part, i) => wildcardMatch(part, actual[i]!));
}

function conditionHolds(operator: string, key: string, expected: readonly string[], context: RequestContext): boolean {
  const actual = context[key];
  switch (operator) {
    case 'StringEquals':
      return actual !== undefined && expected.includes(actual);
    case 'StringNotEquals':
      return actual === undefined || !expected.includes(actual);
    case 'StringLike':
      return actual !== undefined && expected.some((pattern) => wildcardMatch(pattern, actual));
    case 'ArnLike':
    case 'ArnEquals':
      return actual !== undefined && expected.some((pattern) => arnMatch(pattern, actual));
    case 'Bool':
      return actual !== undefined && expected.some((value) => value.toLowerCase() === actual.toLowerCase());
    default:
      // An operator the sandbox does not know never matches: failing closed, like a typo in IAM would.
      return false;
  }
}

/** All conditions of a statement hold (operators AND, keys AND, values OR). */
function conditionsHold(condition: ConditionBlock | undefined, context: RequestContext): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, list(values), context)),
  );
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  return list(statement.Action).some((pattern) => wildcardMatch(pattern, action, true));
}

function resourceMatches(statement: PolicyStatement, resource: string): boolean {
  return list(statement.Resource).some((pattern) => wildcardMatch(pattern, resource));
}

/** Whether a trust-policy principal entry names the caller (ARN, `account:root`, bare account id or `*`). */
function principalMatches(statement: PolicyStatement, caller: PrincipalRef): boolean {
  if (statement.Principal === undefined) return false;
  if (statement.Principal === '*') return true;
  return list(statement.Principal.AWS).some((entry) => {
    if (entry === '*') return true;
    if (/^\d{12}$/.test(entry)) return entry === caller.account;
    if (entry === `arn:aws:iam::${caller.account}:root`) return true;
    return entry === caller.arn;
  });
}

function decide(statements: readonly PolicyStatement[], matches: (statement: PolicyStatement) => boolean): Decision {
  let allowed = false;
  for (const statement of statements) {
    if (!matches(statement)) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** Evaluates identity policies for one action on one resource. */
export function evaluateIdentity(
  policies: readonly PolicyDocument[],
  action: string,
  resource: string,
  context: RequestContext = {},
): Decision {
  const statements = policies.flatMap((policy) => policy.Statement);
  return decide(
    statements,
    (s) => actionMatches(s, action) && resourceMatches(s, resource) && conditionsHold(s.Condition, context),
  );
}

/** Evaluates a role's trust policy for `caller` performing `action` (normally `sts:AssumeRole`). */
export function evaluateTrust(
  trust: PolicyDocument,
  caller: PrincipalRef,
  action: string,
  context: RequestContext = {},
): Decision {
  return decide(
    trust.Statement,
    (s) => principalMatches(s, caller) && actionMatches(s, action) && conditionsHold(s.Condition, context),
  );
}

/** A policy the sandbox's engine cannot evaluate faithfully: it is refused rather than half-read. */
export class UnsupportedPolicyError extends Error {
  override readonly name = 'UnsupportedPolicyError';
}

const SUPPORTED_OPERATORS = new Set(['StringEquals', 'StringNotEquals', 'StringLike', 'ArnLike', 'ArnEquals', 'Bool']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'Resource', 'Principal', 'Condition']);

function stringsOnly(value: unknown): value is OneOrMany<string> {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/**
 * Checks a user's policy document (parsed JSON) against what this engine evaluates and
 * returns it typed. NotAction, NotResource, NotPrincipal, non-AWS principals and other
 * condition operators are refused by name, so `signet sandbox` never answers differently
 * from AWS without saying so.
 */
export function sandboxPolicy(value: unknown, name: string): PolicyDocument {
  const fail = (why: string): never => {
    throw new UnsupportedPolicyError(`${name}: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not a policy object');
  const { Version, Statement } = value as { Version?: unknown; Statement?: unknown };
  if (Version !== '2012-10-17') fail('the sandbox evaluates Version "2012-10-17" policies only');
  const statements = Array.isArray(Statement) ? (Statement as unknown[]) : [Statement];
  statements.forEach((raw, index) => {
    const where = `statement ${index + 1}`;
    if (typeof raw !== 'object' || raw === null) fail(`${where} is not an object`);
    const statement = raw as Record<string, unknown>;
    for (const key of Object.keys(statement))
      if (!STATEMENT_ELEMENTS.has(key)) fail(`${where}: the sandbox does not evaluate ${key}`);
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') fail(`${where}: Effect must be Allow or Deny`);
    if (!stringsOnly(statement.Action)) fail(`${where}: Action must be a string or a list of strings`);
    if (statement.Resource !== undefined && !stringsOnly(statement.Resource)) fail(`${where}: bad Resource`);
    const principal = statement.Principal;
    if (principal !== undefined && principal !== '*') {
      const keys = typeof principal === 'object' && principal !== null ? Object.keys(principal) : [];
      if (keys.length !== 1 || keys[0] !== 'AWS' || !stringsOnly((principal as { AWS: unknown }).AWS))
        fail(`${where}: the sandbox evaluates "*" and {"AWS": …} principals only`);
    }
    const condition = statement.Condition;
    if (condition !== undefined) {
      if (typeof condition !== 'object' || condition === null) fail(`${where}: bad Condition`);
      for (const [operator, keys] of Object.entries(condition as object)) {
        if (!SUPPORTED_OPERATORS.has(operator)) fail(`${where}: the sandbox does not evaluate ${operator}`);
        if (typeof keys !== 'object' || keys === null || !Object.values(keys as object).every(stringsOnly))
          fail(`${where}: bad ${operator} block`);
      }
    }
  });
  return { Version: '2012-10-17', Statement: statements as PolicyStatement[] };
}
