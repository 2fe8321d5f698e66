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
import type { PolicyJson } from './policy-json';

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

const next = random(SEED);
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
