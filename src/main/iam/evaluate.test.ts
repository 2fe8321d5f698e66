import { describe, expect, it } from 'vitest';
import { CannotEvaluateError, evaluateRequest, type ContextValues, type EvaluationPolicies } from './evaluate';
import type { StatementJson } from './policy-json';
import { simulateCrossAccount, SimulationInputError } from './simulate';

const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
const ROLE = 'arn:aws:iam::111111111111:role/InvokeRole';
const SESSION = 'arn:aws:sts::111111111111:assumed-role/InvokeRole/s1';
const RESOURCE = `${API}/$default/GET/pets`;

function policy(file: string, ...statements: StatementJson[]) {
  return { file, policy: { Version: '2012-10-17', Statement: statements } };
}

function allowedWith(condition: StatementJson['Condition'], context: ContextValues): boolean {
  const identity = [
    policy('p', { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*', Condition: condition }),
  ];
  return (
    evaluateRequest({ principal: SESSION, action: 'execute-api:Invoke', resource: RESOURCE, context }, { identity })
      .result === 'Allowed'
  );
}

describe('evaluate: condition operators', () => {
  it('string operators, their negations, IgnoreCase and IfExists', () => {
    expect(
      allowedWith({ StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } }, { 'aws:PrincipalTag/team': 'b' }),
    ).toBe(true);
    expect(allowedWith({ StringEquals: { 'aws:PrincipalTag/team': 'a' } }, {})).toBe(false);
    expect(allowedWith({ StringNotEquals: { 'aws:PrincipalTag/team': 'a' } }, {})).toBe(true);
    expect(
      allowedWith({ StringNotEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } }, { 'aws:PrincipalTag/team': 'b' }),
    ).toBe(false);
    expect(
      allowedWith({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'PAY' } }, { 'aws:PrincipalTag/team': 'pay' }),
    ).toBe(true);
    expect(
      allowedWith({ StringLike: { 'aws:PrincipalTag/team': 'p?y*' } }, { 'aws:PrincipalTag/team': 'payments' }),
    ).toBe(true);
    expect(
      allowedWith({ StringNotLike: { 'aws:PrincipalTag/team': 'p*' } }, { 'aws:PrincipalTag/team': 'payments' }),
    ).toBe(false);
    expect(allowedWith({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'a' } }, {})).toBe(true);
    expect(
      allowedWith({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'a' } }, { 'aws:PrincipalTag/team': 'b' }),
    ).toBe(false);
    // Condition keys are case-insensitive.
    expect(allowedWith({ StringEquals: { 'AWS:principaltag/team': 'a' } }, { 'aws:PrincipalTag/team': 'a' })).toBe(
      true,
    );
  });

  it('ARN operators match component by component', () => {
    const context = { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:topic' };
    expect(allowedWith({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } }, context)).toBe(true);
    expect(allowedWith({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*' } }, context)).toBe(false);
    expect(
      allowedWith({ ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:topic' } }, context),
    ).toBe(false);
    expect(allowedWith({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sqs:*:*:*' } }, context)).toBe(true);
  });

  it('Bool, Null, numbers, dates and addresses', () => {
    expect(
      allowedWith({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': 'TRUE' }),
    ).toBe(true);
    expect(allowedWith({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {})).toBe(false);
    expect(allowedWith({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, {})).toBe(true);
    expect(allowedWith({ Null: { 'aws:PrincipalTag/team': 'true' } }, {})).toBe(true);
    expect(allowedWith({ Null: { 'aws:PrincipalTag/team': 'false' } }, {})).toBe(false);
    expect(
      allowedWith({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '60' }),
    ).toBe(true);
    expect(
      allowedWith({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '60' }),
    ).toBe(false);
    expect(
      allowedWith({ NumericEquals: { 'aws:MultiFactorAuthAge': '60' } }, { 'aws:MultiFactorAuthAge': 'sixty' }),
    ).toBe(false);
    const now = { 'aws:CurrentTime': '2026-12-01T12:00:00Z', 'aws:EpochTime': '1764590400' };
    expect(allowedWith({ DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, now)).toBe(true);
    expect(allowedWith({ DateGreaterThanEquals: { 'aws:CurrentTime': '2027-01-01' } }, now)).toBe(false);
    expect(allowedWith({ DateLessThan: { 'aws:EpochTime': '1800000000' } }, now)).toBe(true);
    const from = { 'aws:SourceIp': '203.0.113.9' };
    expect(allowedWith({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, from)).toBe(true);
    expect(allowedWith({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }, from)).toBe(false);
    expect(allowedWith({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8::1' })).toBe(
      true,
    );
  });

  it('ForAnyValue and ForAllValues on a multi-valued key', () => {
    const via = { 'aws:CalledVia': ['cloudformation.amazonaws.com', 'athena.amazonaws.com'] };
    expect(allowedWith({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' } }, via)).toBe(true);
    expect(allowedWith({ 'ForAllValues:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' } }, via)).toBe(false);
    expect(allowedWith({ 'ForAllValues:StringLike': { 'aws:CalledVia': '*.amazonaws.com' } }, via)).toBe(true);
    // ForAllValues holds on a missing key (the empty set); ForAnyValue does not.
    expect(allowedWith({ 'ForAllValues:StringEquals': { 'aws:CalledVia': 'x' } }, {})).toBe(true);
    expect(allowedWith({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'x' } }, {})).toBe(false);
  });

  it('policy variables, and the edges the differential test settled', () => {
    const tagged = { 'aws:PrincipalTag/team': 'payments', 'aws:PrincipalTag/owner': 'payments' };
    expect(allowedWith({ StringEquals: { 'aws:PrincipalTag/owner': '${aws:PrincipalTag/team}' } }, tagged)).toBe(true);
    // A variable with no value makes the condition false, negated operators included.
    expect(allowedWith({ StringNotEquals: { 'aws:PrincipalTag/owner': '${aws:PrincipalTag/none}' } }, tagged)).toBe(
      false,
    );
    // A single-valued operator on a multi-valued key never holds; ForAnyValue...IfExists on a missing key does not.
    const via = { 'aws:CalledVia': ['athena.amazonaws.com'] };
    expect(allowedWith({ StringEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } }, via)).toBe(false);
    expect(allowedWith({ 'ForAnyValue:StringEqualsIfExists': { 'aws:CalledVia': 'x' } }, {})).toBe(false);
    // A missing key is decided before the variables: a negated operator still holds.
    expect(allowedWith({ StringNotEquals: { 'aws:PrincipalTag/x': '${aws:PrincipalTag/none}' } }, {})).toBe(true);
  });

  it('an unknown operator is a "cannot evaluate" naming it, never a verdict', () => {
    expect(() => allowedWith({ StringEqualz: { 'aws:PrincipalTag/team': 'a' } }, {})).toThrow(
      new CannotEvaluateError('p statement 1: cannot evaluate the condition operator StringEqualz'),
    );
    expect(() => allowedWith({ 'ForAnyValue:Null': { 'aws:PrincipalTag/team': 'true' } }, {})).toThrow(
      /ForAnyValue:Null/,
    );
  });

  it('a statement AWS would reject is "cannot evaluate", naming what is wrong', () => {
    const evaluate = (statement: unknown) => () =>
      evaluateRequest(
        { principal: SESSION, action: 'execute-api:Invoke', resource: RESOURCE },
        { identity: [{ file: 'p.json', policy: { Statement: [statement as StatementJson] } }] },
      );
    expect(evaluate({ Sid: 'A', Effect: 'Allow', Resource: '*' })).toThrow(
      'p.json statement A: needs exactly one of Action and NotAction',
    );
    expect(evaluate({ Effect: 'Allow', Action: 7, Resource: '*' })).toThrow(
      'p.json statement 1: Action must be a string or a list of strings',
    );
    expect(evaluate({ Effect: 'Permit', Action: '*', Resource: '*' })).toThrow('Effect must be Allow or Deny');
    expect(evaluate({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: 'true' } })).toThrow(
      'the Bool block must map condition keys',
    );
  });

  it('the simulator answers an unknown operator as an input error naming it', async () => {
    const run = simulateCrossAccount({
      caller: 'arn:aws:iam::222222222222:user/dev',
      callerPolicies: [policy('caller.json', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE })],
      roleArn: ROLE,
      trustPolicy: policy('trust.json', {
        Effect: 'Allow',
        Principal: { AWS: '222222222222' },
        Action: 'sts:AssumeRole',
        Condition: { StringEqualsIgnoringCase: { 'sts:ExternalId': 'x' } },
      }),
      rolePolicies: [],
      resource: RESOURCE,
    });
    await expect(run).rejects.toThrow(SimulationInputError);
    await expect(run).rejects.toThrow(
      'trust.json statement 1: cannot evaluate the condition operator StringEqualsIgnoringCase',
    );
  });
});

describe('evaluate: how the policy kinds combine', () => {
  const invoke = { principal: SESSION, action: 'execute-api:Invoke', resource: RESOURCE };
  const allowAll = policy('identity.json', { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' });
  const run = (policies: EvaluationPolicies, resourceAccount?: string) =>
    evaluateRequest({ ...invoke, ...(resourceAccount ? { resourceAccount } : {}) }, policies);

  it('a short Resource ARN ending in a wildcard covers the parts it leaves out; a short NotResource is refused', () => {
    const short = (Resource: string) => policy('p', { Effect: 'Allow', Action: '*', Resource });
    expect(run({ identity: [short('arn:aws:execute-api:*')] }).result).toBe('Allowed');
    expect(run({ identity: [short('arn:aws:execute-api:us-west-2:*')] }).result).toBe('ImplicitlyDenied');
    expect(run({ identity: [short('arn:aws:execute-api:us-east-1:111111111111')] }).result).toBe('ImplicitlyDenied');
    const notShort = policy('p', { Sid: 'N', Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:*' });
    expect(() => run({ identity: [notShort] })).toThrow(
      'p statement N: cannot evaluate NotResource arn:aws:s3:*, an ARN of fewer than six parts',
    );
  });

  it('NotResource and NotPrincipal', () => {
    const notPets = policy('p', { Effect: 'Allow', Action: '*', NotResource: `${API}/*/*/pets` });
    expect(run({ identity: [notPets] }).result).toBe('ImplicitlyDenied');
    const denyOthers = policy('r', {
      Sid: 'OnlyRole',
      Effect: 'Deny',
      NotPrincipal: { AWS: [ROLE, SESSION] },
      Action: '*',
      Resource: '*',
    });
    expect(run({ identity: [allowAll], resource: denyOthers }).result).toBe('Allowed');
    const denyRole = policy('r', {
      Sid: 'NotThem',
      Effect: 'Deny',
      NotPrincipal: { AWS: 'arn:aws:iam::111111111111:user/x' },
      Action: '*',
      Resource: '*',
    });
    expect(run({ identity: [allowAll], resource: denyRole })).toMatchObject({
      result: 'ExplicitlyDenied',
      denies: [{ file: 'r', sid: 'NotThem', effect: 'Deny' }],
    });
  });

  it('a Deny with NotPrincipal always denies a principal with a permissions boundary (AWS documents it)', () => {
    const denyOthers = policy('r', {
      Sid: 'OnlyRole',
      Effect: 'Deny',
      NotPrincipal: { AWS: [ROLE, SESSION, '111111111111'] },
      Action: '*',
      Resource: '*',
    });
    expect(run({ identity: [allowAll], resource: denyOthers }).result).toBe('Allowed');
    const boundary = policy('pb', { Effect: 'Allow', Action: '*', Resource: '*' });
    expect(run({ identity: [allowAll], resource: denyOthers, boundary }).result).toBe('ExplicitlyDenied');
  });

  it('in one account, a resource policy naming the session allows past the boundary, naming the role does not', () => {
    const boundary = policy('pb', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const toSession = policy('r', {
      Sid: 'S',
      Effect: 'Allow',
      Principal: { AWS: SESSION },
      Action: '*',
      Resource: '*',
    });
    const toRole = policy('r', { Sid: 'R', Effect: 'Allow', Principal: { AWS: ROLE }, Action: '*', Resource: '*' });
    const toAccount = policy('r', { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: '*', Resource: '*' });
    expect(run({ identity: [], boundary, resource: toSession }).result).toBe('Allowed');
    expect(run({ identity: [], boundary, resource: toRole })).toMatchObject({
      result: 'ImplicitlyDenied',
      blockedBy: ['pb'],
    });
    expect(run({ identity: [], resource: toRole }).result).toBe('Allowed');
    expect(run({ identity: [], resource: toAccount })).toMatchObject({
      result: 'ImplicitlyDenied',
      blockedBy: ['identity'],
    });
    const session = policy('session', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(run({ identity: [], resource: toSession, session })).toMatchObject({ blockedBy: ['session'] });
  });

  it('across accounts both the identity and the resource policy must allow', () => {
    const toAccount = policy('r', {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: '*',
      Resource: '*',
    });
    expect(run({ identity: [allowAll], resource: toAccount }, '999999999999').result).toBe('Allowed');
    expect(run({ identity: [], resource: toAccount }, '999999999999')).toMatchObject({ blockedBy: ['identity'] });
    expect(run({ identity: [allowAll] }, '999999999999')).toMatchObject({ blockedBy: ['resource'] });
  });

  it('SCPs: one must allow, a deny in any wins', () => {
    const denyAll = policy('scp', { Sid: 'No', Effect: 'Deny', Action: '*', Resource: '*' });
    const allowS3 = policy('scp', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(run({ identity: [allowAll], scps: [allowS3] })).toMatchObject({ blockedBy: ['scp'] });
    expect(run({ identity: [allowAll], scps: [allowAll, denyAll] }).result).toBe('ExplicitlyDenied');
  });
});
