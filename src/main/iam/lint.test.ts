import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSetup } from './generate';
import { lintPolicyText, type PolicyKind } from './lint';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'iam');
const target = { account: '111111111111', apiId: 'a1b2c3d4e5', region: 'us-east-1' };

async function lint(policy: unknown, kind?: PolicyKind): Promise<{ code: string; severity: string; line: number }[]> {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  return (await lintPolicyText(text, { file: 'policy.json', target, ...(kind ? { kind } : {}) })).map(
    ({ code, severity, line }) => ({ code, severity, line }),
  );
}

describe('lint: the published policies', () => {
  it("reports the published invoke policy's trailing comma at its line and column, with a fix", async () => {
    const text = await readFile(join(FIXTURES, 'published-invoke-policy.json'), 'utf8');
    const findings = await lintPolicyText(text, { file: 'published-invoke-policy.json' });
    expect(findings).toEqual([
      {
        file: 'published-invoke-policy.json',
        line: 8,
        column: 37,
        severity: 'error',
        code: 'json-syntax',
        message: "Trailing comma before ']': JSON allows no comma after the last item",
        fix: 'Delete the comma at line 8, column 37',
      },
    ]);
    expect(text.split('\n')[7]![36]).toBe(',');
  });

  it('once the comma is gone, names the placeholders still in it', async () => {
    const text = (await readFile(join(FIXTURES, 'published-invoke-policy.json'), 'utf8')).replace(
      '"execute-api:Invoke",',
      '"execute-api:Invoke"',
    );
    expect(await lint(text)).toEqual([{ code: 'placeholder', severity: 'error', line: 11 }]);
    const assume = await readFile(join(FIXTURES, 'published-assume-role-policy.json'), 'utf8');
    expect(await lint(assume)).toEqual([{ code: 'placeholder', severity: 'error', line: 8 }]);
  });

  it('finds nothing wrong in what generate writes', async () => {
    const setup = generateSetup({
      ...target,
      routes: ['GET /pets', 'ANY /admin/*', 'GET /pets/{id}'],
      callerAccount: '222222222222',
      externalId: 'ext-123',
      requireMfa: true,
    });
    for (const policy of [setup.rolePermissionsPolicy, setup.roleTrustPolicy, setup.callerPolicy])
      expect(await lint(policy)).toEqual([]);
  });
});

describe('lint: the mistakes behind a bare 403', () => {
  const invoke = (resource: unknown, extra: object = {}): object => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource, ...extra }],
  });

  it('missing and old Version', async () => {
    expect(await lint({ Statement: [] })).toEqual([{ code: 'version-missing', severity: 'warning', line: 1 }]);
    expect(await lint({ Version: '2008-10-17', Statement: [] })).toEqual([
      { code: 'version-old', severity: 'warning', line: 2 },
    ]);
    expect(await lint({ Version: '2024-01-01', Statement: [] })).toEqual([
      { code: 'version-old', severity: 'error', line: 2 },
    ]);
  });

  it('unknown actions, services and condition keys from the catalogue', async () => {
    const findings = await lintPolicyText(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['execute-api:Invok', 'executeapi:Invoke', 'execute-api:Inv*', 'execute-api:Nothing*'],
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresnt': 'true' }, StringEqual: { 'sts:ExternalId': 'x' } },
          },
        ],
      }),
      { file: 'p.json' },
    );
    expect(findings.map((f) => [f.code, f.fix])).toEqual([
      ['unknown-action', 'Did you mean execute-api:Invoke?'],
      ['unknown-service', expect.stringContaining('execute-api')],
      ['unknown-action', expect.stringContaining('Invoke')],
      ['unknown-condition-key', 'Write aws:MultiFactorAuthPresent'],
      ['unknown-condition-operator', expect.stringContaining('StringEquals')],
    ]);
  });

  it('execute-api ARNs without stage, method or path, and $default confusion', async () => {
    const api = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
    const codes = async (resource: string): Promise<string[]> => (await lint(invoke(resource))).map((f) => f.code);
    expect(await codes(`${api}`)).toEqual(['execute-api-arn-incomplete']);
    expect(await codes(`${api}/$default`)).toEqual(['execute-api-arn-incomplete']);
    expect(await codes(`${api}/GET/pets`)).toEqual(['execute-api-stage-missing']);
    expect(await codes(`${api}/default/GET/pets`)).toEqual(['execute-api-stage-default']);
    expect(await codes(`${api}/$default/ANY/pets`)).toEqual(['execute-api-method']);
    expect(await codes(`${api}/$default/get/pets`)).toEqual(['execute-api-method']);
    expect(await codes(`${api}/$default/GET//pets`)).toEqual(['execute-api-double-slash']);
    expect(await codes(`${api}/$default/*/*`)).toEqual([]);
    // A trailing * spans the slashes: these name every route, nothing is missing.
    expect(await codes(`${api}/*`)).toEqual([]);
    expect(await codes(`${api}/$default/*`)).toEqual([]);
    expect(await codes('arn:aws:execute-api:*:*:*')).toEqual([]);
    expect(await codes(`${api}/$default/GET`)).toEqual(['execute-api-arn-incomplete']);
    expect(await codes(`${api}/*/GET/pets?`)).toEqual([]);
  });

  it('ARNs that name another region, account or API', async () => {
    const findings = await lintPolicyText(
      JSON.stringify(invoke('arn:aws:execute-api:eu-west-1:999999999999:a1b2c3d4e5/$default/GET/pets')),
      { file: 'p.json', target },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'execute-api-arn-mismatch',
      severity: 'error',
      message: expect.stringContaining('region eu-west-1, account 999999999999'),
      fix: 'Write arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/pets',
    });
  });

  it('principals in the wrong form, Principal in an identity policy, Resource in a trust policy', async () => {
    const trust = (principal: unknown, extra: object = {}): object => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
    });
    expect(await lint(trust('222222222222'))).toEqual([{ code: 'principal-form', severity: 'error', line: 6 }]);
    expect((await lint(trust({ AWS: 'arn:aws:iam:us-east-1:222222222222:root' })))[0]?.code).toBe('principal-form');
    expect((await lint(trust({ AWS: 'arn:aws:iam::2222:root' })))[0]?.code).toBe('principal-form');
    expect((await lint(trust({ AWS: 'arn:aws:iam::222222222222' })))[0]?.code).toBe('principal-form');
    expect(await lint(trust({ AWS: '222222222222' }))).toEqual([]);
    expect((await lint(trust({ AWS: 'arn:aws:iam::222222222222:root' }, { Resource: '*' }), 'trust'))[0]?.code).toBe(
      'resource-in-trust-policy',
    );
    expect((await lint(invoke('*', { Principal: { AWS: '222222222222' } }), 'identity')).map((f) => f.code)).toContain(
      'principal-in-identity-policy',
    );
  });

  it('a trust policy without sts:AssumeRole; a wildcard principal without a condition', async () => {
    const noAssume = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:TagSession' }],
    };
    expect(await lint(noAssume)).toEqual([{ code: 'trust-without-assume-role', severity: 'error', line: 9 }]);
    const open = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    };
    expect(await lint(open)).toEqual([{ code: 'wildcard-principal', severity: 'warning', line: 6 }]);
    const guarded = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
        },
      ],
    };
    expect(await lint(guarded)).toEqual([]);
  });

  it('NotAction and NotResource with Allow', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        { Effect: 'Allow', Action: 'execute-api:Invoke', NotResource: 'arn:aws:execute-api:*:*:*/*/*/admin' },
        { Effect: 'Deny', NotAction: 'execute-api:Invoke', Resource: '*' },
      ],
    };
    expect((await lint(policy)).map((f) => f.code)).toEqual(['not-action-allow', 'not-resource-allow']);
  });
});
