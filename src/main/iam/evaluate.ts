/**
 * Signet's own IAM policy evaluator for the assistant's simulator, written from AWS's documented
 * policy evaluation logic (IAM User Guide, "Policy evaluation logic" and "Condition operators"):
 *
 * - an explicit Deny in any policy wins;
 * - otherwise an Allow is needed: from an identity policy, or from a resource policy that names
 *   the principal (in the same account a resource policy naming the role session or the user is
 *   enough without the boundary; naming the role is still limited by the boundary; a session
 *   policy limits every grant;
 *   naming the account delegates to the identity policies); across accounts both sides must allow;
 * - SCPs, a permissions boundary and a session policy each must allow too (an intersection).
 *
 * Statements match on Action/NotAction, Resource/NotResource, Principal/NotPrincipal (with `*`
 * and `?` wildcards; ARNs are matched component by component, so a wildcard never spans a colon
 * except in the resource part) and Condition. A condition operator it does not know makes the
 * evaluation fail with {@link CannotEvaluateError} naming the operator, never a guessed verdict.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { PolicyJson, StatementJson, StringOrList } from './policy-json';

/** Request context: key → one value or several (multi-valued keys such as aws:TagKeys). */
export type ContextValues = Readonly<Record<string, string | readonly string[]>>;

/** A policy with the name its statements are reported under. */
export interface EvaluatedPolicy {
  readonly file: string;
  readonly policy: PolicyJson;
}

export interface StatementRef {
  readonly file: string;
  /** The statement's Sid, or `#N` (1-based) when it has none. */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
}

export interface EvaluationRequest {
  /** The principal's ARN: an IAM user, a role, or an STS assumed-role session. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account owning the resource (the principal's own account when left out). */
  readonly resourceAccount?: string;
  readonly context?: ContextValues;
}

export interface EvaluationPolicies {
  readonly identity: readonly EvaluatedPolicy[];
  /** A resource policy (a REST API's resource policy, or a role's trust policy for sts:AssumeRole). */
  readonly resource?: EvaluatedPolicy;
  readonly boundary?: EvaluatedPolicy;
  /** One level of SCPs: together they must allow (give AWS's FullAWSAccess beside deny-only SCPs). */
  readonly scps?: readonly EvaluatedPolicy[];
  readonly session?: EvaluatedPolicy;
  /** A role's trust policy must allow sts:AssumeRole even within one account. */
  readonly resourceMustAllow?: boolean;
}

/** What stopped an allow when there is no explicit deny. */
export type Blocker = 'identity' | 'resource' | 'pb' | 'scp' | 'session';

export interface Evaluation {
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** Allow statements of the identity and resource policies that matched. */
  readonly allows: readonly StatementRef[];
  /** Matching Deny statements, from every policy. */
  readonly denies: readonly StatementRef[];
  /** For an implicit deny: which parts did not allow. */
  readonly blockedBy: readonly Blocker[];
}

/** A policy the evaluator cannot decide faithfully (an unknown condition operator, a malformed element). */
export class CannotEvaluateError extends Error {
  override readonly name = 'CannotEvaluateError';
}

function list(value: StringOrList | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function statementsOf(policy: PolicyJson): readonly StatementJson[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as StatementJson];
}

const wildcardCache = new Map<string, RegExp>();

/** IAM wildcard match: `*` any run of characters, `?` exactly one, the rest literal. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = wildcardCache.get(cacheKey);
  if (!regex) {
    const body = Array.from(pattern, (ch) =>
      ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'),
    ).join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (wildcardCache.size > 5000) wildcardCache.clear();
    wildcardCache.set(cacheKey, regex);
  }
  return regex.test(value);
}

/** The six ARN components (the resource part may hold colons), or undefined for fewer. */
function arnComponents(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** ARN match component by component: a wildcard matches within its own component only. */
export function arnMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const expected = arnComponents(pattern);
  const actual = arnComponents(value);
  if (!expected || !actual) return false;
  return expected.every((part, i) => wildcardMatch(part, actual[i]!));
}

/** Policy variables (`${aws:username}`, `${*}`, `${?}`, `${$}`); undefined when one has no value. */
function substitute(pattern: string, context: ContextValues): string | undefined {
  if (!pattern.includes('${')) return pattern;
  let missing = false;
  const out = pattern.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const [key, fallback] = name.split(/,\s*/) as [string, string | undefined];
    const value = lookup(context, key);
    if (typeof value === 'string') return value;
    const quoted = fallback?.match(/^'(.*)'$/);
    if (quoted) return quoted[1]!;
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}

function lookup(context: ContextValues, key: string): string | readonly string[] | undefined {
  if (key in context) return context[key];
  const lower = key.toLowerCase();
  const found = Object.keys(context).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : context[found];
}

function actionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => p === '*' || wildcardMatch(p, action, true));
}

/**
 * A Resource ARN with fewer than six components that ends in a wildcard (`arn:aws:execute-api:*`)
 * covers the components it leaves out; without the wildcard it stays short and matches nothing.
 */
function isShortArn(pattern: string): boolean {
  return pattern.startsWith('arn:') && pattern.split(':').length < 6;
}

function expandShortArn(pattern: string): string {
  const parts = pattern.split(':');
  if (pattern === '*' || parts.length >= 6 || parts[0] !== 'arn' || !pattern.endsWith('*')) return pattern;
  return [...parts, ...Array.from({ length: 6 - parts.length }, () => '*')].join(':');
}

/**
 * Whether one of the patterns matches the resource; undefined when a pattern that could decide it
 * holds a policy variable with no value (the statement then does not apply, for Resource and
 * NotResource alike).
 */
function resourceMatches(patterns: readonly string[], resource: string, context: ContextValues): boolean | undefined {
  let unresolved = false;
  for (const raw of patterns) {
    const pattern = substitute(raw, context);
    if (pattern === undefined) unresolved = true;
    else if (arnMatch(expandShortArn(pattern), resource)) return true;
  }
  return unresolved ? undefined : false;
}

/** How a Principal entry names the request's principal. */
type PrincipalMatch = 'exact' | 'role' | 'account' | 'none';

interface PrincipalFacts {
  readonly arn: string;
  readonly account: string;
  /** For an assumed-role session, the role's IAM ARN. */
  readonly roleArn?: string;
}

export function principalFacts(arn: string): PrincipalFacts {
  const parts = arn.split(':');
  const account = parts[4] ?? '';
  const session = /^assumed-role\/([^/]+)\/[^/]+$/.exec(parts.slice(5).join(':'));
  if (parts[2] === 'sts' && session)
    return { arn, account, roleArn: `arn:${parts[1]}:iam::${account}:role/${session[1]}` };
  return { arn, account };
}

function principalEntryMatch(entry: string, principal: PrincipalFacts): PrincipalMatch {
  if (entry === '*') return 'exact';
  if (entry === principal.arn) return 'exact';
  if (/^\d{12}$/.test(entry) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(entry))
    return entry.split(':')[4] === principal.account || entry === principal.account ? 'account' : 'none';
  if (principal.roleArn !== undefined && entry === principal.roleArn) return 'role';
  return 'none';
}

const MATCH_RANK: Record<PrincipalMatch, number> = { none: 0, account: 1, role: 2, exact: 3 };

function principalMatch(element: StatementJson['Principal'], principal: PrincipalFacts): PrincipalMatch {
  if (element === undefined) return 'none';
  if (element === '*') return 'exact';
  let best: PrincipalMatch = 'none';
  for (const [kind, entries] of Object.entries(element)) {
    if (kind !== 'AWS') continue; // Service, Federated and CanonicalUser principals never name an IAM principal.
    for (const entry of list(entries)) {
      const match = principalEntryMatch(entry, principal);
      if (MATCH_RANK[match] > MATCH_RANK[best]) best = match;
    }
  }
  return best;
}

// ---- conditions ------------------------------------------------------------------------------

type Comparator = (actual: string, expected: string) => boolean;

function parseDate(value: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function parseNumber(value: string): number | undefined {
  if (!/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

function numeric(test: (a: number, b: number) => boolean, parse: (v: string) => number | undefined): Comparator {
  return (actual, expected) => {
    const a = parse(actual);
    const b = parse(expected);
    return a !== undefined && b !== undefined && test(a, b);
  };
}

function ipMatch(actual: string, expected: string): boolean {
  const [address, bits] = expected.split('/') as [string, string | undefined];
  const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  const actualType = isIPv4(actual) ? 'ipv4' : isIPv6(actual) ? 'ipv6' : undefined;
  if (!type || actualType !== type) return false;
  const block = new BlockList();
  block.addSubnet(address, bits === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bits), type);
  return block.check(actual, type);
}

/** The positive comparators; each `Not` operator is the negation of its positive one. */
const POSITIVE: Readonly<Record<string, Comparator>> = {
  StringEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a),
  ArnEquals: (a, e) => arnMatch(e, a),
  ArnLike: (a, e) => arnMatch(e, a),
  NumericEquals: numeric((a, b) => a === b, parseNumber),
  NumericLessThan: numeric((a, b) => a < b, parseNumber),
  NumericLessThanEquals: numeric((a, b) => a <= b, parseNumber),
  NumericGreaterThan: numeric((a, b) => a > b, parseNumber),
  NumericGreaterThanEquals: numeric((a, b) => a >= b, parseNumber),
  DateEquals: numeric((a, b) => a === b, parseDate),
  DateLessThan: numeric((a, b) => a < b, parseDate),
  DateLessThanEquals: numeric((a, b) => a <= b, parseDate),
  DateGreaterThan: numeric((a, b) => a > b, parseDate),
  DateGreaterThanEquals: numeric((a, b) => a >= b, parseDate),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  BinaryEquals: (a, e) => a === e,
  IpAddress: ipMatch,
};

const NEGATED: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

interface Operator {
  readonly set?: 'ForAnyValue' | 'ForAllValues';
  readonly ifExists: boolean;
  readonly base: string;
}

function parseOperator(name: string): Operator {
  const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(name);
  const rest = setMatch ? setMatch[2]! : name;
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (base !== 'Null' && !(base in POSITIVE) && !(base in NEGATED))
    throw new CannotEvaluateError(`cannot evaluate the condition operator ${name}`);
  if (base === 'Null' && (setMatch || ifExists))
    throw new CannotEvaluateError(`cannot evaluate the condition operator ${name}`);
  return { ...(setMatch ? { set: setMatch[1] as Operator['set'] } : {}), ifExists, base };
}

/** One context value against the policy's values (values OR; a negated operator matches none). */
function valueHolds(base: string, actual: string, expected: readonly string[]): boolean {
  const positive = NEGATED[base];
  const compare = POSITIVE[positive ?? base]!;
  const matches = expected.some((value) => compare(actual, value));
  return positive ? !matches : matches;
}

function conditionHolds(name: string, key: string, expected: readonly string[], context: ContextValues): boolean {
  const operator = parseOperator(name);
  const raw = lookup(context, key);
  if (operator.base === 'Null') {
    const absent = raw === undefined || (Array.isArray(raw) && raw.length === 0);
    return expected.some((value) => (value.toLowerCase() === 'true') === absent);
  }
  const values: readonly string[] = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  // A missing key: ForAllValues holds (the empty set); ForAnyValue never does (IfExists does not
  // change that, as in the reference evaluator); a single-valued operator holds with IfExists, or
  // when it is a negated one.
  if (values.length === 0)
    return operator.set === 'ForAllValues' || (!operator.set && (operator.ifExists || operator.base in NEGATED));
  // Policy variables in the values of string and ARN operators; one with no value makes the condition false.
  const usesVariables = /^(String|Arn)/.test(operator.base);
  const resolved = usesVariables ? expected.map((value) => substitute(value, context)) : expected;
  if (resolved.some((value) => value === undefined)) return false;
  const wanted = resolved as readonly string[];
  if (operator.set === 'ForAllValues') return values.every((v) => valueHolds(operator.base, v, wanted));
  if (operator.set === 'ForAnyValue') return values.some((v) => valueHolds(operator.base, v, wanted));
  // A single-valued operator on a multi-valued key (AWS warns against it) never holds.
  if (typeof raw !== 'string') return false;
  return valueHolds(operator.base, raw, wanted);
}

/** All conditions of a statement hold: operators AND, keys AND, values OR. */
function conditionsHold(condition: StatementJson['Condition'], context: ContextValues): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) throw new CannotEvaluateError('Condition is not an object');
  // Check every operator first, so an unknown one is reported even when an earlier block fails.
  for (const name of Object.keys(condition)) parseOperator(name);
  return Object.entries(condition).every(([name, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(name, key, list(values), context)),
  );
}

// ---- statements and policies -----------------------------------------------------------------

interface Match {
  readonly ref: StatementRef;
  readonly principal: PrincipalMatch;
}

interface PolicyResult {
  readonly allows: readonly Match[];
  readonly denies: readonly Match[];
}

const isStrings = (value: unknown): boolean =>
  typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** Refuses a statement whose elements AWS would reject, rather than reading it half-way. */
function checkShape(statement: StatementJson, where: string): void {
  const fail = (why: string): never => {
    throw new CannotEvaluateError(`${where}: ${why}`);
  };
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) fail('not an object');
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') fail('Effect must be Allow or Deny');
  if ((statement.Action === undefined) === (statement.NotAction === undefined))
    fail('needs exactly one of Action and NotAction');
  if (statement.Resource !== undefined && statement.NotResource !== undefined)
    fail('has both Resource and NotResource');
  if (statement.Principal !== undefined && statement.NotPrincipal !== undefined)
    fail('has both Principal and NotPrincipal');
  for (const element of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const value = statement[element];
    if (value !== undefined && !isStrings(value)) fail(`${element} must be a string or a list of strings`);
  }
  for (const element of ['Principal', 'NotPrincipal'] as const) {
    const value = statement[element];
    if (value === undefined || value === '*') continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every(isStrings))
      fail(`${element} must be "*" or an object such as {"AWS": "arn:…"}`);
  }
  const condition = statement.Condition;
  if (condition !== undefined) {
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition))
      fail('Condition must be an object');
    for (const [operator, keys] of Object.entries(condition))
      if (typeof keys !== 'object' || keys === null || !Object.values(keys).every(isStrings))
        fail(`the ${operator} block must map condition keys to a string or a list of strings`);
  }
}

function refOf(file: string, statement: StatementJson, index: number): StatementRef {
  return { file, sid: statement.Sid || `#${index + 1}`, effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow' };
}

function analyse(
  policy: EvaluatedPolicy,
  request: EvaluationRequest,
  principal: PrincipalFacts,
  kind: 'identity' | 'resource',
  hasBoundary = false,
): PolicyResult {
  const context = request.context ?? {};
  const allows: Match[] = [];
  const denies: Match[] = [];
  statementsOf(policy.policy).forEach((statement, index) => {
    checkShape(statement, `${policy.file} statement ${statement?.Sid || index + 1}`);
    const action =
      statement.Action !== undefined
        ? actionMatches(list(statement.Action), request.action)
        : statement.NotAction !== undefined && !actionMatches(list(statement.NotAction), request.action);
    if (!action) return;
    // A trust policy has no Resource: the role itself is the resource.
    const short = list(statement.NotResource).find(isShortArn);
    if (short !== undefined)
      throw new CannotEvaluateError(
        `${policy.file} statement ${statement.Sid || index + 1}: cannot evaluate NotResource ${short}, an ARN of fewer than six parts`,
      );
    const notResource =
      statement.NotResource !== undefined
        ? resourceMatches(list(statement.NotResource), request.resource, context)
        : undefined;
    const resource =
      statement.Resource !== undefined
        ? resourceMatches(list(statement.Resource), request.resource, context)
        : statement.NotResource !== undefined
          ? notResource === false
          : kind === 'resource';
    if (!resource) return;
    let who: PrincipalMatch = 'exact';
    if (kind === 'resource') {
      if (statement.Principal !== undefined) who = principalMatch(statement.Principal, principal);
      else if (statement.NotPrincipal !== undefined)
        // AWS: a Deny with NotPrincipal always denies a principal that has a permissions boundary.
        who =
          (statement.Effect === 'Deny' && hasBoundary) || principalMatch(statement.NotPrincipal, principal) === 'none'
            ? 'exact'
            : 'none';
      else who = 'none';
      if (who === 'none') return;
    }
    let holds: boolean;
    try {
      holds = conditionsHold(statement.Condition, context);
    } catch (error) {
      if (!(error instanceof CannotEvaluateError)) throw error;
      const sid = statement.Sid ? `statement ${statement.Sid}` : `statement ${index + 1}`;
      throw new CannotEvaluateError(`${policy.file} ${sid}: ${error.message}`);
    }
    if (!holds) return;
    (statement.Effect === 'Deny' ? denies : allows).push({ ref: refOf(policy.file, statement, index), principal: who });
  });
  return { allows, denies };
}

function combine(results: readonly PolicyResult[]): PolicyResult {
  return { allows: results.flatMap((r) => r.allows), denies: results.flatMap((r) => r.denies) };
}

/** Evaluates one request against the policies, the way AWS does. */
export function evaluateRequest(request: EvaluationRequest, policies: EvaluationPolicies): Evaluation {
  const principal = principalFacts(request.principal);
  const sameAccount = (request.resourceAccount ?? principal.account) === principal.account;
  const identity = combine(policies.identity.map((p) => analyse(p, request, principal, 'identity')));
  const resource = policies.resource
    ? analyse(policies.resource, request, principal, 'resource', policies.boundary !== undefined)
    : undefined;
  const boundary = policies.boundary ? analyse(policies.boundary, request, principal, 'identity') : undefined;
  const scps = (policies.scps ?? []).map((p) => analyse(p, request, principal, 'identity'));
  const session = policies.session ? analyse(policies.session, request, principal, 'identity') : undefined;

  const denies = [
    ...identity.denies,
    ...(resource?.denies ?? []),
    ...(boundary?.denies ?? []),
    ...scps.flatMap((r) => r.denies),
    ...(session?.denies ?? []),
  ].map((m) => m.ref);
  const allows = [...identity.allows, ...(resource?.allows ?? [])].map((m) => m.ref);
  if (denies.length > 0) return { result: 'ExplicitlyDenied', allows, denies, blockedBy: [] };

  const identityAllows = identity.allows.length > 0;
  const resourceRank = Math.max(0, ...(resource?.allows ?? []).map((m) => MATCH_RANK[m.principal]));
  const boundaryAllows = !boundary || boundary.allows.length > 0;
  const sessionAllows = !session || session.allows.length > 0;
  const scpsAllow = scps.length === 0 || scps.some((r) => r.allows.length > 0);

  const blockedBy: Blocker[] = [];
  if (!scpsAllow) blockedBy.push('scp');
  if (policies.resourceMustAllow && resourceRank < MATCH_RANK.account) blockedBy.push('resource');
  // A session policy limits every grant, whichever policy made it.
  if (!sessionAllows) blockedBy.push('session');
  if (sameAccount) {
    // A resource policy naming the session (or user) itself is not limited by the boundary;
    // naming the role is, and naming the account only delegates to the identity policies.
    const direct = resourceRank >= MATCH_RANK.exact;
    const viaRole = resourceRank >= MATCH_RANK.role;
    if (!direct) {
      if (!identityAllows && !viaRole) blockedBy.push('identity');
      if (!boundaryAllows) blockedBy.push('pb');
    }
  } else {
    if (!identityAllows) blockedBy.push('identity');
    if (!boundaryAllows) blockedBy.push('pb');
    if (resourceRank < MATCH_RANK.account && !policies.resourceMustAllow) blockedBy.push('resource');
  }
  return { result: blockedBy.length === 0 ? 'Allowed' : 'ImplicitlyDenied', allows, denies, blockedBy };
}
