/**
 * Signet's evaluators against @cloud-copilot/iam-simulate on generated policies and requests.
 * iam-simulate is AGPL, so it is a devDependency used here only as the reference: the
 * assistant's evaluator (./evaluate.ts) and the sandbox's engine (../sandbox/policy.ts) must reach
 * its decision on every case; a disagreement fails the test naming the case (seed, index,
 * policies and request) so it can be replayed.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import {
  evaluateIdentity,
  evaluateTrust,
  type Decision,
  type PolicyDocument,
  type PolicyStatement,
} from '../sandbox/policy';
import { evaluateRequest, type Evaluation } from './evaluate';
import type { PolicyJson, StatementJson } from './policy-json';

const SEED = 20261201;
const IDENTITY_CASES = 400;
const TRUST_CASES = 200;

const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';
const API = `arn:aws:execute-api:us-east-1:${ACCOUNT_A}:a1b2c3d4e5`;
const ROLE = `arn:aws:iam::${ACCOUNT_A}:role/SignetInvokeRole`;
const SESSION = `arn:aws:sts::${ACCOUNT_A}:assumed-role/SignetInvokeRole/tester`;

/** A small deterministic PRNG (mulberry32) so every run checks the same cases. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let next = random(SEED);
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}
function some<T>(items: readonly T[], max: number): T[] {
  const count = 1 + Math.floor(next() * max);
  return Array.from({ length: count }, () => pick(items));
}

const ACTIONS = [
  'execute-api:Invoke',
  'execute-api:invoke',
  'execute-api:*',
  'execute-api:Inv*',
  'execute-api:I?voke',
  'execute-api:ManageConnections',
  '*',
  'sts:AssumeRole',
];
const RESOURCES = [
  `${API}/$default/GET/pets`,
  `${API}/$default/GET/pets/*`,
  `${API}/$default/GET/pets/?`,
  `${API}/$default/*/pets`,
  `${API}/*/GET/*`,
  `${API}/*/*/admin*`,
  `${API}/prod/*`,
  `${API}/$default/POST/*`,
  `${API}/*`,
  `${API}/??default/GET/pets`,
  `arn:aws:execute-api:us-east-1:${ACCOUNT_A}:*`,
  `arn:aws:execute-api:*:${ACCOUNT_A}:a1b2c3d4e5/*`,
  `arn:aws:execute-api:us-west-2:${ACCOUNT_A}:a1b2c3d4e5/*`,
  `arn:aws:execute-api:us-east-1:${ACCOUNT_B}:a1b2c3d4e5/*`,
  '*',
];
const CONDITIONS: readonly (PolicyStatement['Condition'] | undefined)[] = [
  undefined,
  undefined,
  undefined,
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringEquals: { 'aws:PrincipalArn': ROLE } },
  { StringEquals: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT_A}:role/Other`, ROLE] } },
  { StringNotEquals: { 'aws:PrincipalArn': ROLE } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/Signet*` } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/Other?` } },
  { StringEquals: { 'sts:ExternalId': 'shared-secret' } },
  { StringNotEquals: { 'sts:ExternalId': 'shared-secret' } },
  { StringEquals: { 'aws:PrincipalArn': ROLE }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/*` } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Signet*' } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } },
  { ArnEquals: { 'aws:PrincipalArn': ROLE } },
];
const METHODS = ['GET', 'POST', 'DELETE'];
const STAGES = ['$default', 'prod'];
const PATHS = ['pets', 'pets/7', 'pets/42', 'admin', 'admin/users', 'pets/7/toys'];

/**
 * A request near a pattern: its `*` and `?` filled in (sometimes wrongly, `?` with two
 * characters), so the cases hit the edges of the wildcards rather than missing them wholesale.
 */
function nearPattern(pattern: string): string {
  const anyRequest = `${API}/${pick(STAGES)}/${pick(METHODS)}/${pick(PATHS)}`;
  if (!pattern.startsWith(`${API}/`)) return anyRequest;
  const filled = pattern.replace(/[*?]/g, (wildcard) =>
    wildcard === '*'
      ? pick(['pets', 'GET', 'pets/7', '$default/GET/pets', 'x/y', 'admin'])
      : pick(['7', '$', '42', 'a']),
  );
  // Only what a request can be: stage, an HTTP method, a path.
  return /^[^/]+\/[^/]+\/(GET|POST|DELETE|PUT)\/[^/].*$/.test(filled.slice(API.length - 'a1b2c3d4e5'.length))
    ? filled
    : anyRequest;
}

function statement(extra: Partial<PolicyStatement>, allowConditions = true): PolicyStatement {
  const condition = allowConditions ? pick(CONDITIONS) : undefined;
  return {
    Sid: `S${Math.floor(next() * 1000)}`,
    Effect: next() < 0.7 ? 'Allow' : 'Deny',
    Action: next() < 0.5 ? pick(ACTIONS) : some(ACTIONS, 3),
    ...extra,
    ...(condition ? { Condition: condition } : {}),
  };
}

function policy(statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

const VERDICT: Record<string, Decision> = {
  Allowed: 'allow',
  ExplicitlyDenied: 'explicit-deny',
  ImplicitlyDenied: 'implicit-deny',
};

async function simulated(run: Awaited<ReturnType<typeof runSimulation>>): Promise<Decision | string> {
  if (run.resultType === 'error') return `error: ${run.errors.message}`;
  return VERDICT[run.overallResult] ?? run.overallResult;
}

interface Disagreement {
  readonly name: string;
  readonly sandbox?: Decision;
  readonly signet: Decision | string;
  readonly iamSimulate: string;
}

function signetDecision(evaluate: () => Evaluation): Decision | string {
  try {
    return VERDICT[evaluate().result]!;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('the sandbox engine and the assistant evaluator agree with @cloud-copilot/iam-simulate', () => {
  it(`on ${IDENTITY_CASES} identity-policy cases and ${TRUST_CASES} trust-policy cases (seed ${SEED})`, async () => {
    next = random(SEED);
    const disagreements: Disagreement[] = [];
    let allowed = 0;
    let denied = 0;

    for (let index = 0; index < IDENTITY_CASES; index += 1) {
      const policies = Array.from({ length: 1 + Math.floor(next() * 2) }, () =>
        policy(
          Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
            statement({ Resource: next() < 0.6 ? pick(RESOURCES) : some(RESOURCES, 3) }),
          ),
        ),
      );
      const named = policies.flatMap((p) => p.Statement.flatMap((st) => [st.Resource ?? []].flat()));
      const resource =
        next() < 0.6 ? nearPattern(pick(named)) : `${API}/${pick(STAGES)}/${pick(METHODS)}/${pick(PATHS)}`;
      const mfa = next() < 0.5;
      const context = { 'aws:MultiFactorAuthPresent': String(mfa), 'aws:PrincipalArn': ROLE };
      const sandbox = evaluateIdentity(policies, 'execute-api:Invoke', resource, context);
      const signet = signetDecision(() =>
        evaluateRequest(
          { principal: SESSION, action: 'execute-api:Invoke', resource, resourceAccount: ACCOUNT_A, context },
          { identity: policies.map((p, i) => ({ file: `p${i}`, policy: p as PolicyJson })) },
        ),
      );
      const reference = await simulated(
        await runSimulation(
          {
            request: {
              principal: SESSION,
              action: 'execute-api:Invoke',
              resource: { resource, accountId: ACCOUNT_A },
              contextVariables: context,
            },
            identityPolicies: policies.map((p, i) => ({ name: `p${i}`, policy: p })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
          },
          {},
        ),
      );
      if (sandbox === 'allow') allowed += 1;
      else denied += 1;
      if (sandbox !== reference || signet !== reference)
        disagreements.push({
          name: `identity #${index}: ${resource} mfa=${mfa} policies=${JSON.stringify(policies)}`,
          sandbox,
          signet,
          iamSimulate: reference,
        });
    }

    const PRINCIPALS = [
      ACCOUNT_B,
      `arn:aws:iam::${ACCOUNT_B}:root`,
      `arn:aws:iam::${ACCOUNT_B}:user/developer`,
      `arn:aws:iam::${ACCOUNT_B}:user/someone-else`,
      `arn:aws:iam::333333333333:root`,
      '333333333333',
      '*',
    ];
    const CALLERS = [`arn:aws:iam::${ACCOUNT_B}:user/developer`, `arn:aws:iam::333333333333:user/developer`];
    for (let index = 0; index < TRUST_CASES; index += 1) {
      const trust = policy(
        Array.from({ length: 1 + Math.floor(next() * 2) }, () =>
          statement({
            Action: next() < 0.8 ? 'sts:AssumeRole' : pick(['sts:*', 'sts:AssumeRole*', 'sts:TagSession', '*']),
            Principal: next() < 0.1 ? '*' : { AWS: next() < 0.6 ? pick(PRINCIPALS) : some(PRINCIPALS, 2) },
          }),
        ),
      );
      const callerArn = pick(CALLERS);
      const caller = { arn: callerArn, account: callerArn.split(':')[4]! };
      const mfa = next() < 0.5;
      const externalId = pick([undefined, 'shared-secret', 'wrong']);
      const context = {
        'aws:MultiFactorAuthPresent': String(mfa),
        'aws:PrincipalArn': callerArn,
        ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
      };
      const sandbox = evaluateTrust(trust, caller, 'sts:AssumeRole', context);
      const signet = signetDecision(() =>
        evaluateRequest(
          { principal: callerArn, action: 'sts:AssumeRole', resource: ROLE, resourceAccount: ACCOUNT_A, context },
          {
            identity: [
              {
                file: 'caller',
                policy: policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) as PolicyJson,
              },
            ],
            resource: { file: 'trust', policy: trust as PolicyJson },
            resourceMustAllow: true,
          },
        ),
      );
      // The caller's own account allows everything, so the trust policy alone decides.
      const reference = await simulated(
        await runSimulation(
          {
            request: {
              principal: callerArn,
              action: 'sts:AssumeRole',
              resource: { resource: ROLE, accountId: ACCOUNT_A },
              contextVariables: context,
            },
            identityPolicies: [
              { name: 'caller', policy: policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) },
            ],
            resourcePolicy: trust,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
          },
          {},
        ),
      );
      if (sandbox === 'allow') allowed += 1;
      else denied += 1;
      if (sandbox !== reference || signet !== reference)
        disagreements.push({
          name: `trust #${index}: caller=${callerArn} mfa=${mfa} externalId=${externalId} trust=${JSON.stringify(trust)}`,
          sandbox,
          signet,
          iamSimulate: reference,
        });
    }

    // Both verdicts must be well represented, or the comparison proves little.
    expect(allowed).toBeGreaterThan(100);
    expect(denied).toBeGreaterThan(100);
    expect(disagreements.slice(0, 5)).toEqual([]);
  }, 120_000);
});

/**
 * The elements only the assistant's evaluator reads (NotAction, NotResource, more condition
 * operators, set operators on a multi-valued key, policy variables) and every policy kind the
 * simulator combines: identity, permissions boundary, SCPs, session policy, REST resource policy.
 */
const FULL_CASES = 600;
const NOW = '2026-12-01T12:00:00Z';
const RICH_CONDITIONS: readonly (PolicyStatement['Condition'] | undefined)[] = [
  ...Array.from({ length: 12 }, () => undefined),
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringEqualsIgnoreCase: { 'aws:PrincipalArn': ROLE.toUpperCase() } },
  { StringNotEqualsIgnoreCase: { 'aws:PrincipalArn': ROLE.toLowerCase() } },
  { StringNotLike: { 'aws:PrincipalArn': '*Signet*' } },
  { StringLike: { 'aws:PrincipalTag/team': 'pay*' } },
  { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'payments' } },
  { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'payments' } },
  { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/Other*` } },
  { ArnNotEquals: { 'aws:PrincipalArn': ROLE } },
  { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:*:topic' } },
  { Null: { 'aws:PrincipalTag/team': 'true' } },
  { Null: { 'aws:PrincipalTag/team': 'false' } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '300' } },
  { NumericNotEquals: { 'aws:MultiFactorAuthAge': '60' } },
  { NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '120' } },
  { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
  { DateGreaterThan: { 'aws:CurrentTime': '2026-12-31T00:00:00Z' } },
  { DateLessThanEquals: { 'aws:EpochTime': '1800000000' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '10.0.0.0/8'] } },
  { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } },
  { 'ForAnyValue:StringLike': { 'aws:CalledVia': '*.amazonaws.com' } },
  { 'ForAllValues:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com', 'athena.amazonaws.com'] } },
  { 'ForAllValues:StringLike': { 'aws:CalledVia': 'cloud*' } },
  { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/team}' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/stage}' } },
  { 'ForAnyValue:StringNotEquals': { 'aws:CalledVia': 'athena.amazonaws.com' } },
  { 'ForAllValues:StringNotLike': { 'aws:CalledVia': 'athena*' } },
  { 'ForAnyValue:StringEqualsIfExists': { 'aws:CalledVia': 'athena.amazonaws.com' } },
  { StringEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } },
  { StringNotEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } },
  { NumericEquals: { 'aws:MultiFactorAuthAge': ['60', '600'] } },
  { DateEquals: { 'aws:CurrentTime': '2026-12-01T12:00:00Z' } },
  { DateNotEquals: { 'aws:EpochTime': '1700000000' } },
  { NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '100' } },
  { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'PAYMENTS' } },
  { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/Signet*` } },
  { StringLike: { 'aws:PrincipalArn': '*' }, Null: { 'aws:SourceIp': 'false' } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/\${aws:PrincipalTag/team}*` } },
];
const RICH_RESOURCES = [
  ...RESOURCES,
  'arn:aws:execute-api:*',
  'arn:aws:execute-api:us-east-1:*',
  'arn:aws:execute-api:us-west-2:*',
  'arn:*',
  `${API}/\${aws:PrincipalTag/stage}/GET/*`,
  `${API}/*/*/\${aws:PrincipalTag/team}/*`,
];

function richStatement(extra: Partial<StatementJson> = {}): StatementJson {
  const condition = pick(RICH_CONDITIONS);
  const actions = next() < 0.5 ? pick(ACTIONS) : some(ACTIONS, 2);
  const resources = next() < 0.6 ? pick(RICH_RESOURCES) : some(RICH_RESOURCES, 2);
  return {
    Sid: `S${Math.floor(next() * 1000)}`,
    Effect: next() < 0.8 ? 'Allow' : 'Deny',
    ...(next() < 0.25 ? { NotAction: actions } : { Action: actions }),
    // A NotResource of fewer than six ARN parts is refused by the evaluator ("cannot evaluate").
    ...(next() < 0.2
      ? { NotResource: [resources].flat().filter((arn) => arn === '*' || arn.split(':').length >= 6) }
      : { Resource: resources }),
    ...extra,
    ...(condition ? { Condition: condition as StatementJson['Condition'] } : {}),
  };
}

function richPolicy(count: number, extra?: () => Partial<StatementJson>): PolicyJson {
  return {
    Version: '2012-10-17',
    Statement: Array.from({ length: count }, () => richStatement(extra?.())),
  };
}

const RESOURCE_PRINCIPALS = [
  SESSION,
  ROLE,
  ACCOUNT_A,
  `arn:aws:iam::${ACCOUNT_A}:root`,
  '*',
  ACCOUNT_B,
  `arn:aws:sts::${ACCOUNT_A}:assumed-role/SignetInvokeRole/other`,
  `arn:aws:iam::${ACCOUNT_A}:role/Other`,
];

describe('the assistant evaluator agrees with @cloud-copilot/iam-simulate on every policy kind', () => {
  it(`on ${FULL_CASES} cases with NotAction, NotResource, conditions, boundaries, SCPs, session and resource policies (seed ${SEED})`, async () => {
    next = random(SEED + 1);
    const disagreements: Disagreement[] = [];
    const verdicts = { allow: 0, 'explicit-deny': 0, 'implicit-deny': 0 } as Record<string, number>;

    for (let index = 0; index < FULL_CASES; index += 1) {
      const identity = Array.from({ length: next() < 0.1 ? 0 : 1 + Math.floor(next() * 2) }, (_, i) => ({
        file: `identity${i}`,
        policy: richPolicy(1 + Math.floor(next() * 3)),
      }));
      const boundary = next() < 0.3 ? { file: 'boundary', policy: richPolicy(1 + Math.floor(next() * 2)) } : undefined;
      const scps =
        next() < 0.3
          ? [
              {
                file: 'FullAWSAccess',
                policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
              } as const,
              { file: 'scp', policy: richPolicy(1, () => ({ Effect: next() < 0.7 ? 'Deny' : 'Allow' })) },
            ].slice(next() < 0.2 ? 1 : 0)
          : [];
      const session = next() < 0.25 ? { file: 'session', policy: richPolicy(1 + Math.floor(next() * 2)) } : undefined;
      const resourcePolicy =
        next() < 0.35
          ? {
              file: 'resource',
              policy: richPolicy(1 + Math.floor(next() * 2), () => ({
                ...(next() < 0.15
                  ? {
                      Effect: 'Deny' as const,
                      NotPrincipal: {
                        AWS: some(
                          RESOURCE_PRINCIPALS.filter((p) => p !== '*'),
                          3,
                        ),
                      },
                    }
                  : { Principal: next() < 0.15 ? ('*' as const) : { AWS: pick(RESOURCE_PRINCIPALS) } }),
              })),
            }
          : undefined;
      const named = [identity, boundary, session, resourcePolicy]
        .flat()
        .flatMap((p) => (p ? [p.policy.Statement].flat() : []))
        .flatMap((st) => [st.Resource ?? st.NotResource ?? []].flat());
      const candidate = named.length > 0 && next() < 0.6 ? nearPattern(pick(named)) : '';
      const resource = candidate.startsWith(API) ? candidate : `${API}/${pick(STAGES)}/${pick(METHODS)}/${pick(PATHS)}`;
      const context: Record<string, string | string[]> = {
        'aws:MultiFactorAuthPresent': String(next() < 0.5),
        'aws:PrincipalArn': ROLE,
        'aws:PrincipalAccount': ACCOUNT_A,
        'aws:CurrentTime': NOW,
        'aws:EpochTime': String(pick([1700000000, 1900000000])),
      };
      if (next() < 0.5) context['aws:MultiFactorAuthAge'] = pick(['60', '600', '7200']);
      if (next() < 0.5) context['aws:PrincipalTag/team'] = pick(['payments', 'platform']);
      if (next() < 0.5) context['aws:PrincipalTag/stage'] = pick(['$default', 'prod']);
      if (next() < 0.7) context['aws:SourceIp'] = pick(['203.0.113.9', '198.51.100.4', '10.1.2.3', '192.0.2.1']);
      if (next() < 0.5)
        context['aws:CalledVia'] = some(['cloudformation.amazonaws.com', 'athena.amazonaws.com', 'x.example.com'], 2);

      const signet = signetDecision(() =>
        evaluateRequest(
          { principal: SESSION, action: 'execute-api:Invoke', resource, resourceAccount: ACCOUNT_A, context },
          {
            identity,
            ...(boundary ? { boundary } : {}),
            ...(scps.length > 0 ? { scps } : {}),
            ...(session ? { session } : {}),
            ...(resourcePolicy ? { resource: resourcePolicy } : {}),
          },
        ),
      );
      const reference = await simulated(
        await runSimulation(
          {
            request: {
              principal: SESSION,
              action: 'execute-api:Invoke',
              resource: { resource, accountId: ACCOUNT_A },
              contextVariables: context,
            },
            identityPolicies: identity.map((p) => ({ name: p.file, policy: p.policy })),
            ...(boundary ? { permissionBoundaryPolicies: [{ name: boundary.file, policy: boundary.policy }] } : {}),
            ...(session ? { sessionPolicy: session.policy } : {}),
            ...(resourcePolicy ? { resourcePolicy: resourcePolicy.policy } : {}),
            serviceControlPolicies:
              scps.length > 0
                ? [{ orgIdentifier: 'account', policies: scps.map((p) => ({ name: p.file, policy: p.policy })) }]
                : [],
            resourceControlPolicies: [],
          },
          {},
        ),
      );
      verdicts[reference] = (verdicts[reference] ?? 0) + 1;
      if (signet !== reference)
        disagreements.push({
          name: `full #${index}: ${resource} context=${JSON.stringify(context)} identity=${JSON.stringify(identity)} boundary=${JSON.stringify(boundary)} scps=${JSON.stringify(scps)} session=${JSON.stringify(session)} resource=${JSON.stringify(resourcePolicy)}`,
          signet,
          iamSimulate: reference,
        });
    }

    expect({ count: disagreements.length, first: disagreements.slice(0, 3) }).toEqual({ count: 0, first: [] });
    expect(verdicts.allow).toBeGreaterThan(100);
    expect(verdicts['implicit-deny']).toBeGreaterThan(100);
    expect(verdicts['explicit-deny']).toBeGreaterThan(50);
  }, 120_000);
});

/**
 * AssumeRole with generated caller policies and trust policies: cross-account callers and one in
 * the role's own account, principals by account, root, user ARN, `*` and NotPrincipal, and the
 * trust conditions people write (ExternalId, MFA and its age, source IP, principal tags).
 */
const ASSUME_CASES = 400;
const TRUST_CONDITIONS: readonly (StatementJson['Condition'] | undefined)[] = [
  ...Array.from({ length: 6 }, () => undefined),
  { StringEquals: { 'sts:ExternalId': 'shared-secret' } },
  { StringEquals: { 'sts:ExternalId': ['other', 'shared-secret'] } },
  { StringLike: { 'sts:ExternalId': 'shared-*' } },
  { StringNotEquals: { 'sts:ExternalId': 'wrong' } },
  { Null: { 'sts:ExternalId': 'false' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'payments' } },
  { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_B } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_B}:user/*` } },
  { StringEquals: { 'sts:ExternalId': 'shared-secret' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
];
const ASSUME_CALLERS = [
  `arn:aws:iam::${ACCOUNT_B}:user/developer`,
  `arn:aws:iam::${ACCOUNT_B}:user/someone-else`,
  `arn:aws:iam::333333333333:user/developer`,
  `arn:aws:iam::${ACCOUNT_A}:user/local`,
];
const TRUST_PRINCIPALS = [
  ACCOUNT_A,
  `arn:aws:iam::${ACCOUNT_A}:user/local`,
  ACCOUNT_B,
  `arn:aws:iam::${ACCOUNT_B}:root`,
  `arn:aws:iam::${ACCOUNT_B}:user/developer`,
  `arn:aws:iam::333333333333:root`,
  '*',
];

describe('the assistant evaluator agrees with @cloud-copilot/iam-simulate on AssumeRole', () => {
  it(`on ${ASSUME_CASES} caller-policy and trust-policy cases (seed ${SEED})`, async () => {
    next = random(SEED + 2);
    const disagreements: Disagreement[] = [];
    const verdicts: Record<string, number> = {};

    for (let index = 0; index < ASSUME_CASES; index += 1) {
      const callerStatements = Array.from({ length: 1 + Math.floor(next() * 2) }, (): StatementJson => {
        const actions = pick(['sts:AssumeRole', 'sts:*', 'sts:Assume?ole', '*', 'iam:PassRole']);
        return {
          Sid: `C${Math.floor(next() * 1000)}`,
          Effect: next() < 0.8 ? 'Allow' : 'Deny',
          ...(next() < 0.2 ? { NotAction: pick(['iam:*', 'sts:AssumeRole']) } : { Action: actions }),
          ...(next() < 0.15
            ? { NotResource: pick([ROLE, `arn:aws:iam::${ACCOUNT_A}:role/Other`]) }
            : { Resource: pick([ROLE, '*', `arn:aws:iam::${ACCOUNT_A}:role/Signet*`, `arn:aws:iam::*:role/Other`]) }),
        };
      });
      const trustStatements = Array.from({ length: 1 + Math.floor(next() * 2) }, (): StatementJson => {
        const condition = pick(TRUST_CONDITIONS);
        const principals = next() < 0.5 ? pick(TRUST_PRINCIPALS) : some(TRUST_PRINCIPALS, 2);
        const deny = next() < 0.2;
        return {
          Sid: `T${Math.floor(next() * 1000)}`,
          Effect: deny ? 'Deny' : 'Allow',
          ...(deny && next() < 0.4
            ? { NotPrincipal: { AWS: pick(TRUST_PRINCIPALS.filter((p) => p !== '*')) } }
            : { Principal: principals === '*' && next() < 0.5 ? '*' : { AWS: principals } }),
          Action: next() < 0.85 ? 'sts:AssumeRole' : pick(['sts:*', 'sts:TagSession', 'sts:AssumeRole*']),
          ...(condition ? { Condition: condition } : {}),
        };
      });
      const callerPolicy = { file: 'caller', policy: { Version: '2012-10-17', Statement: callerStatements } };
      const trust = { file: 'trust', policy: { Version: '2012-10-17', Statement: trustStatements } };
      const caller = pick(ASSUME_CALLERS);
      const context: Record<string, string> = {
        'aws:MultiFactorAuthPresent': String(next() < 0.5),
        'aws:PrincipalArn': caller,
        'aws:PrincipalAccount': caller.split(':')[4]!,
      };
      const externalId = pick([undefined, 'shared-secret', 'wrong']);
      if (externalId !== undefined) context['sts:ExternalId'] = externalId;
      if (next() < 0.5) context['aws:MultiFactorAuthAge'] = pick(['60', '7200']);
      if (next() < 0.5) context['aws:SourceIp'] = pick(['203.0.113.9', '192.0.2.1']);
      if (next() < 0.5) context['aws:PrincipalTag/team'] = pick(['payments', 'platform']);

      const signet = signetDecision(() =>
        evaluateRequest(
          { principal: caller, action: 'sts:AssumeRole', resource: ROLE, resourceAccount: ACCOUNT_A, context },
          { identity: [callerPolicy], resource: trust, resourceMustAllow: true },
        ),
      );
      const reference = await simulated(
        await runSimulation(
          {
            request: {
              principal: caller,
              action: 'sts:AssumeRole',
              resource: { resource: ROLE, accountId: ACCOUNT_A },
              contextVariables: context,
            },
            identityPolicies: [{ name: callerPolicy.file, policy: callerPolicy.policy }],
            resourcePolicy: trust.policy,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
          },
          {},
        ),
      );
      verdicts[reference] = (verdicts[reference] ?? 0) + 1;
      if (signet !== reference)
        disagreements.push({
          name: `assume #${index}: caller=${caller} context=${JSON.stringify(context)} callerPolicy=${JSON.stringify(callerPolicy.policy)} trust=${JSON.stringify(trust.policy)}`,
          signet,
          iamSimulate: reference,
        });
    }

    expect({ count: disagreements.length, first: disagreements.slice(0, 3) }).toEqual({ count: 0, first: [] });
    expect(verdicts.allow).toBeGreaterThan(50);
    expect(verdicts['implicit-deny']).toBeGreaterThan(50);
    expect(verdicts['explicit-deny']).toBeGreaterThan(20);
  }, 120_000);
});
