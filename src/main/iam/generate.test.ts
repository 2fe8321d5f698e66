import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateSetup, GenerateInputError } from './generate';

const base = { account: '111111111111', apiId: 'a1b2c3d4e5', region: 'eu-west-1', callerAccount: '222222222222' };
const API = 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5';

describe('generate', () => {
  it('writes exact execute-api ARNs for routes: ANY is *, {param} is *, none is every route', () => {
    expect(generateSetup(base).rolePermissionsPolicy.Statement).toEqual([
      { Sid: 'InvokeApi', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${API}/$default/*/*`] },
    ]);
    const routes = generateSetup({
      ...base,
      stage: 'prod',
      routes: ['GET /pets', 'ANY /admin/*', 'DELETE /pets/{id}'],
    });
    expect(routes.rolePermissionsPolicy.Statement).toEqual([
      {
        Sid: 'InvokeApi',
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: [`${API}/prod/GET/pets`, `${API}/prod/*/admin/*`, `${API}/prod/DELETE/pets/*`],
      },
    ]);
  });

  it('trusts the caller principal with ExternalId and MFA conditions; the caller may assume the role', () => {
    const setup = generateSetup({
      ...base,
      callerPrincipal: 'arn:aws:iam::222222222222:role/ci',
      roleName: 'PartnerInvoke',
      externalId: 'partner-7',
      requireMfa: true,
      sessionDurationSeconds: 7200,
    });
    expect(setup.roleArn).toBe('arn:aws:iam::111111111111:role/PartnerInvoke');
    expect(setup.roleTrustPolicy.Statement).toEqual([
      {
        Sid: 'TrustCallerAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:role/ci' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'sts:ExternalId': 'partner-7' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        },
      },
    ]);
    expect(setup.callerPolicy.Statement).toEqual([
      { Sid: 'AssumeInvokeRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: setup.roleArn },
    ]);
    expect(setup.commands).toContain(
      'aws iam put-role-policy --role-name ci --policy-name AssumePartnerInvoke --policy-document file://caller-policy.json',
    );
    expect(setup.commands.at(-1)).toContain('--external-id partner-7 --serial-number arn:aws:iam::222222222222:mfa/');
    expect(setup.commands).toContain(
      'aws iam create-role --role-name PartnerInvoke --assume-role-policy-document file://role-trust.json --max-session-duration 7200',
    );
    expect(setup.notes.join(' ')).toMatch(/HTTP APIs have no resource policies.*REST API could instead/s);
  });

  it('CloudFormation templates carry the same documents, Version kept a string', () => {
    const setup = generateSetup({ ...base, callerPrincipal: 'arn:aws:iam::222222222222:user/dev' });
    const api = parse(setup.cloudFormation.apiAccount, { version: '1.1' }) as {
      Resources: { InvokeRole: { Properties: Record<string, unknown> } };
    };
    expect(api.Resources.InvokeRole.Properties).toMatchObject({
      RoleName: 'SignetInvokeRole',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: setup.roleTrustPolicy,
      Policies: [{ PolicyName: 'InvokeApi', PolicyDocument: setup.rolePermissionsPolicy }],
    });
    const caller = parse(setup.cloudFormation.callerAccount, { version: '1.1' }) as {
      Resources: { AssumeInvokeRolePolicy: { Properties: Record<string, unknown> } };
    };
    expect(caller.Resources.AssumeInvokeRolePolicy.Properties).toMatchObject({
      PolicyDocument: setup.callerPolicy,
      Users: ['dev'],
    });
  });

  it('refuses input AWS would refuse', () => {
    expect(() => generateSetup({ ...base, account: '1111' })).toThrow(GenerateInputError);
    expect(() => generateSetup({ ...base, routes: ['pets'] })).toThrow('a route is METHOD /path');
    expect(() => generateSetup({ ...base, callerPrincipal: 'arn:aws:iam::333333333333:user/x' })).toThrow(
      'must be a user or role ARN in account 222222222222',
    );
    expect(() => generateSetup({ ...base, sessionDurationSeconds: 60 })).toThrow('900..43200');
  });
});
