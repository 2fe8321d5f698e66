import { describe, expect, it } from 'vitest';
import { arnMatch, evaluateIdentity, evaluateTrust, sandboxPolicy, wildcardMatch, type PolicyDocument } from './policy';

const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default';

function doc(...Statement: PolicyDocument['Statement']): PolicyDocument {
  return { Version: '2012-10-17', Statement };
}

describe('wildcardMatch', () => {
  it('treats * as any run (across / and :) and ? as one character', () => {
    expect(wildcardMatch(`${API}/GET/pets*`, `${API}/GET/pets`)).toBe(true);
    expect(wildcardMatch(`${API}/GET/pets*`, `${API}/GET/pets/1/toys`)).toBe(true);
    expect(wildcardMatch(`${API}/GET/pets/*`, `${API}/GET/pets`)).toBe(false);
    expect(wildcardMatch('arn:aws:execute-api:*:111111111111:*', `${API}/POST/x`)).toBe(true);
    expect(wildcardMatch(`${API}/GET/pet?`, `${API}/GET/pets`)).toBe(true);
    expect(wildcardMatch(`${API}/GET/pet?`, `${API}/GET/pet`)).toBe(false);
    expect(wildcardMatch(`${API}/GET/pet?`, `${API}/GET/pet/x`)).toBe(false);
    expect(wildcardMatch(`${API}/GET/pet?/x`, `${API}/GET/pet//x`)).toBe(true);
  });

  it('treats regex metacharacters literally', () => {
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('$default/(x)+', '$default/(x)+')).toBe(true);
  });

  it('matches actions case-insensitively only when asked', () => {
    expect(wildcardMatch('execute-api:invoke', 'execute-api:Invoke', true)).toBe(true);
    expect(wildcardMatch('sts:*', 'sts:AssumeRole', true)).toBe(true);
    expect(wildcardMatch('Pets', 'pets')).toBe(false);
  });
});

describe('evaluateIdentity', () => {
  const policies = [
    doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${API}/GET/*`, `${API}/POST/pets`] }),
    doc({ Effect: 'Deny', Action: 'execute-api:*', Resource: `${API}/*/admin/*` }),
  ];

  it('allows what a statement allows and denies by default', () => {
    expect(evaluateIdentity(policies, 'execute-api:Invoke', `${API}/GET/pets/1`)).toBe('allow');
    expect(evaluateIdentity(policies, 'execute-api:Invoke', `${API}/POST/pets`)).toBe('allow');
    expect(evaluateIdentity(policies, 'execute-api:Invoke', `${API}/DELETE/pets/1`)).toBe('implicit-deny');
    expect(evaluateIdentity(policies, 'execute-api:ManageConnections', `${API}/GET/pets`)).toBe('implicit-deny');
  });

  it('lets an explicit Deny win over an Allow, whatever the order', () => {
    expect(evaluateIdentity(policies, 'execute-api:Invoke', `${API}/GET/admin/users`)).toBe('explicit-deny');
    expect(evaluateIdentity([...policies].reverse(), 'execute-api:Invoke', `${API}/GET/admin/users`)).toBe(
      'explicit-deny',
    );
  });

  it('applies Bool conditions on aws:MultiFactorAuthPresent', () => {
    const mfaOnly = [
      doc({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    ];
    expect(
      evaluateIdentity(mfaOnly, 'sts:AssumeRole', 'arn:aws:iam::1:role/r', { 'aws:MultiFactorAuthPresent': 'true' }),
    ).toBe('allow');
    expect(
      evaluateIdentity(mfaOnly, 'sts:AssumeRole', 'arn:aws:iam::1:role/r', { 'aws:MultiFactorAuthPresent': 'false' }),
    ).toBe('implicit-deny');
    expect(evaluateIdentity(mfaOnly, 'sts:AssumeRole', 'arn:aws:iam::1:role/r', {})).toBe('implicit-deny');
  });
});

describe('evaluateTrust', () => {
  const developer = { arn: 'arn:aws:iam::222222222222:user/developer', account: '222222222222' };
  const stranger = { arn: 'arn:aws:iam::333333333333:user/eve', account: '333333333333' };

  it('trusts every principal of an account named by root ARN or bare id', () => {
    const byRoot = doc({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 'sts:AssumeRole',
    });
    const byId = doc({ Effect: 'Allow', Principal: { AWS: ['222222222222'] }, Action: 'sts:AssumeRole' });
    for (const trust of [byRoot, byId]) {
      expect(evaluateTrust(trust, developer, 'sts:AssumeRole')).toBe('allow');
      expect(evaluateTrust(trust, stranger, 'sts:AssumeRole')).toBe('implicit-deny');
      expect(evaluateTrust(trust, developer, 'sts:TagSession')).toBe('implicit-deny');
    }
  });

  it('trusts a named principal ARN only', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:user/developer' },
      Action: 'sts:AssumeRole',
    });
    expect(evaluateTrust(trust, developer, 'sts:AssumeRole')).toBe('allow');
    expect(
      evaluateTrust(trust, { arn: 'arn:aws:iam::222222222222:user/other', account: '222222222222' }, 'sts:AssumeRole'),
    ).toBe('implicit-deny');
  });

  it('requires the ExternalId with StringEquals', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'signet-demo' } },
    });
    expect(evaluateTrust(trust, developer, 'sts:AssumeRole', { 'sts:ExternalId': 'signet-demo' })).toBe('allow');
    expect(evaluateTrust(trust, developer, 'sts:AssumeRole', { 'sts:ExternalId': 'Signet-Demo' })).toBe(
      'implicit-deny',
    );
    expect(evaluateTrust(trust, developer, 'sts:AssumeRole', {})).toBe('implicit-deny');
  });

  it('lets a Deny statement in the trust policy win', () => {
    const trust = doc(
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: '333333333333' }, Action: 'sts:*' },
    );
    expect(evaluateTrust(trust, developer, 'sts:AssumeRole')).toBe('allow');
    expect(evaluateTrust(trust, stranger, 'sts:AssumeRole')).toBe('explicit-deny');
  });

  it('matches ArnLike component by component: no wildcard spans a colon, fewer components match nothing', () => {
    const role = 'arn:aws:iam::111111111111:role/SignetInvokeRole';
    expect(arnMatch('arn:aws:iam::*:role/Signet*', role)).toBe(true);
    expect(arnMatch('arn:aws:iam::*', role)).toBe(false);
    expect(arnMatch('arn:aws:*:role/*', role)).toBe(false);
    expect(arnMatch('arn:aws:sts::111111111111:assumed-role/R/*', 'arn:aws:sts::111111111111:assumed-role/R/a:b')).toBe(
      true,
    );
  });

  it('refuses, by name, policies with elements the engine does not evaluate', () => {
    const base = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
    };
    expect(sandboxPolicy(base, 'p.json')).toEqual(base);
    expect(() =>
      sandboxPolicy({ ...base, Statement: [{ Effect: 'Deny', NotResource: '*', Action: '*' }] }, 'p.json'),
    ).toThrow('p.json: statement 1: the sandbox does not evaluate NotResource');
    expect(() =>
      sandboxPolicy(
        { ...base, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: {} } }] },
        'p.json',
      ),
    ).toThrow('the sandbox does not evaluate IpAddress');
    expect(() => sandboxPolicy({ Statement: [] }, 'p.json')).toThrow('Version "2012-10-17" policies only');
  });
});
