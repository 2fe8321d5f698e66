import { describe, expect, it } from 'vitest';
import { generateSetup } from './generate';
import type { NamedPolicy, PolicyJson, StatementJson } from './policy-json';
import { simulateCrossAccount, type SimulateInput } from './simulate';

const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
const ROLE = 'arn:aws:iam::111111111111:role/SignetInvokeRole';
const CALLER = 'arn:aws:iam::222222222222:user/developer';

function file(name: string, ...statements: StatementJson[]): NamedPolicy {
  return { file: name, policy: { Version: '2012-10-17', Statement: statements } };
}
const callerPolicy = file('caller-policy.json', {
  Sid: 'AssumeInvokeRole',
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Resource: ROLE,
});
const trustB = (condition?: StatementJson['Condition']): NamedPolicy =>
  file('role-trust.json', {
    Sid: 'TrustB',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::222222222222:root' },
    Action: 'sts:AssumeRole',
    ...(condition ? { Condition: condition } : {}),
  });
const invokePets = file('role-permissions.json', {
  Sid: 'InvokePets',
  Effect: 'Allow',
  Action: 'execute-api:Invoke',
  Resource: `${API}/$default/GET/pets*`,
});

function simulate(
  overrides: Partial<SimulateInput> & { resource?: string } = {},
): ReturnType<typeof simulateCrossAccount> {
  return simulateCrossAccount({
    caller: CALLER,
    callerPolicies: [callerPolicy],
    roleArn: ROLE,
    trustPolicy: trustB(),
    rolePolicies: [invokePets],
    resource: `${API}/$default/GET/pets`,
    ...overrides,
  });
}

describe('simulate: the generated setup', () => {
  it('allows GET /$default/... for what generate writes, naming the deciding statements', async () => {
    const setup = generateSetup({
      account: '111111111111',
      apiId: 'a1b2c3d4e5',
      region: 'us-east-1',
      callerAccount: '222222222222',
      routes: ['GET /pets'],
    });
    const named = (name: string, policy: PolicyJson): NamedPolicy => ({ file: name, policy });
    const result = await simulateCrossAccount({
      caller: CALLER,
      callerPolicies: [named('caller-policy.json', setup.callerPolicy)],
      roleArn: setup.roleArn,
      trustPolicy: named('role-trust.json', setup.roleTrustPolicy),
      rolePolicies: [named('role-permissions.json', setup.rolePermissionsPolicy)],
      resource: `${API}/$default/GET/pets`,
    });
    expect(result).toEqual({
      resource: `${API}/$default/GET/pets`,
      assumeRole: {
        allowed: true,
        decidedBy: [
          { file: 'caller-policy.json', sid: 'AssumeInvokeRole', effect: 'Allow' },
          { file: 'role-trust.json', sid: 'TrustCallerAccount', effect: 'Allow' },
        ],
        fix: '',
      },
      invoke: {
        allowed: true,
        decidedBy: [{ file: 'role-permissions.json', sid: 'InvokeApi', effect: 'Allow' }],
        fix: '',
      },
    });
    const other = await simulateCrossAccount({
      caller: CALLER,
      callerPolicies: [named('caller-policy.json', setup.callerPolicy)],
      roleArn: setup.roleArn,
      trustPolicy: named('role-trust.json', setup.roleTrustPolicy),
      rolePolicies: [named('role-permissions.json', setup.rolePermissionsPolicy)],
      resource: `${API}/$default/POST/pets`,
    });
    expect(other.invoke).toMatchObject({ allowed: false, decidedBy: [] });
    expect(other.invoke.fix).toContain(`"Resource":"${API}/$default/POST/pets"`);
  });
});

describe("simulate: AWS's evaluation logic", () => {
  it('an explicit deny wins over an allow, and is named', async () => {
    const deny = file('deny.json', {
      Sid: 'NeverAdmin',
      Effect: 'Deny',
      Action: 'execute-api:*',
      Resource: `${API}/*/*/admin*`,
    });
    const allowAll = file('all.json', {
      Sid: 'All',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: `${API}/*`,
    });
    const result = await simulate({ rolePolicies: [allowAll, deny], resource: `${API}/$default/GET/admin/users` });
    expect(result.invoke).toMatchObject({
      allowed: false,
      decidedBy: [{ file: 'deny.json', sid: 'NeverAdmin', effect: 'Deny' }],
    });
    expect(result.invoke.fix).toContain('statement NeverAdmin in deny.json');
    expect((await simulate({ rolePolicies: [allowAll, deny] })).invoke.allowed).toBe(true);
  });

  it('`*` spans slashes and `?` is exactly one character', async () => {
    const q = file('q.json', {
      Sid: 'Q',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: `${API}/$default/GET/pets/?`,
    });
    expect((await simulate({ rolePolicies: [q], resource: `${API}/$default/GET/pets/7` })).invoke.allowed).toBe(true);
    expect((await simulate({ rolePolicies: [q], resource: `${API}/$default/GET/pets/42` })).invoke.allowed).toBe(false);
    const star = file('s.json', { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*/GET/*` });
    const deep = await simulate({ rolePolicies: [star], resource: `${API}/prod/GET/pets/7/toys` });
    expect(deep.invoke).toMatchObject({ allowed: true, decidedBy: [{ file: 's.json', sid: '#1', effect: 'Allow' }] });
  });

  it('a method or stage the policy does not name is an implicit deny', async () => {
    expect((await simulate({ resource: `${API}/$default/DELETE/pets` })).invoke).toMatchObject({
      allowed: false,
      decidedBy: [],
    });
    expect((await simulate({ resource: `${API}/prod/GET/pets` })).invoke).toMatchObject({
      allowed: false,
      decidedBy: [],
    });
  });

  it('a trust policy for another account refuses the caller', async () => {
    const other = file('role-trust.json', {
      Sid: 'TrustC',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:root' },
      Action: 'sts:AssumeRole',
    });
    const result = await simulate({ trustPolicy: other });
    expect(result.assumeRole.allowed).toBe(false);
    expect(result.assumeRole.fix).toContain('The trust policy role-trust.json must allow sts:AssumeRole');
    const noCallerPolicy = await simulate({ callerPolicies: [] });
    expect(noCallerPolicy.assumeRole.allowed).toBe(false);
    expect(noCallerPolicy.assumeRole.fix).toContain(`Attach to ${CALLER} a policy allowing sts:AssumeRole`);
  });

  it('ExternalId and MFA conditions of the trust policy', async () => {
    const withId = trustB({ StringEquals: { 'sts:ExternalId': 'shared-secret' } });
    expect((await simulate({ trustPolicy: withId })).assumeRole.allowed).toBe(false);
    expect((await simulate({ trustPolicy: withId, externalId: 'wrong' })).assumeRole.allowed).toBe(false);
    expect((await simulate({ trustPolicy: withId, externalId: 'shared-secret' })).assumeRole.allowed).toBe(true);
    const withMfa = trustB({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect((await simulate({ trustPolicy: withMfa })).assumeRole.allowed).toBe(false);
    expect((await simulate({ trustPolicy: withMfa, mfa: true })).assumeRole.allowed).toBe(true);
  });

  it('NotAction: Deny NotAction denies every other action; Allow NotAction allows the rest', async () => {
    const allowAll = file('all.json', { Effect: 'Allow', Action: '*', Resource: '*' });
    const denyOthers = file('guard.json', {
      Sid: 'OnlyInvoke',
      Effect: 'Deny',
      NotAction: 'execute-api:Invoke',
      Resource: '*',
    });
    expect((await simulate({ rolePolicies: [allowAll, denyOthers] })).invoke.allowed).toBe(true);
    const denyInvoke = file('guard.json', { Sid: 'NoApis', Effect: 'Deny', NotAction: 'sts:*', Resource: '*' });
    expect((await simulate({ rolePolicies: [allowAll, denyInvoke] })).invoke).toMatchObject({
      allowed: false,
      decidedBy: [{ file: 'guard.json', sid: 'NoApis', effect: 'Deny' }],
    });
    const allowNot = file('not.json', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    expect((await simulate({ rolePolicies: [allowNot] })).invoke.allowed).toBe(true);
  });

  it('an SCP or a permissions boundary that denies', async () => {
    const scp = file('scp.json', { Sid: 'NoExecuteApi', Effect: 'Deny', Action: 'execute-api:*', Resource: '*' });
    expect((await simulate({ scps: [scp] })).invoke).toMatchObject({
      allowed: false,
      decidedBy: [{ file: 'scp.json', sid: 'NoExecuteApi', effect: 'Deny' }],
    });
    const harmless = file('scp.json', { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    expect((await simulate({ scps: [harmless] })).invoke.allowed).toBe(true);
    const boundary = file('boundary.json', {
      Sid: 'OnlyPost',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: `${API}/*/POST/*`,
    });
    const bounded = await simulate({ boundary });
    expect(bounded.invoke).toMatchObject({ allowed: false, decidedBy: [] });
    expect(bounded.invoke.fix).toContain('the permissions boundary boundary.json does not allow it');
  });

  it('a session policy narrows what the role allows', async () => {
    const narrow = file('session.json', {
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: `${API}/$default/GET/pets/*`,
    });
    expect((await simulate({ sessionPolicy: narrow })).invoke.allowed).toBe(false);
    expect((await simulate({ sessionPolicy: narrow, resource: `${API}/$default/GET/pets/1` })).invoke.allowed).toBe(
      true,
    );
  });

  it('a REST resource policy can allow what no identity policy does (same account)', async () => {
    const resourcePolicy = file('resource-policy.json', {
      Sid: 'RoleMayInvoke',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'execute-api:Invoke',
      Resource: `${API}/prod/*`,
    });
    const result = await simulate({ rolePolicies: [], resourcePolicy, resource: `${API}/prod/GET/pets` });
    expect(result.invoke).toMatchObject({
      allowed: true,
      decidedBy: [{ file: 'resource-policy.json', sid: 'RoleMayInvoke', effect: 'Allow' }],
    });
  });
});
