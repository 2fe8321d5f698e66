/** The IAM assistant's calls through main's dispatch, as the renderer makes them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SignetApp } from '../app';
import type { IamOfflineTest, IamSetup, IamSimulation } from '../../shared/api/iam';
import type { Result } from '../../shared/result';

let app: SignetApp;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-iam-calls-'));
  app = await createApp({ host: 'test', dataDir: dir, version: '0.0.0-test' });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<Result<T>> {
  return (await app.dispatch(name, input, { host: 'test' })) as Result<T>;
}

const target = { account: '111111111111', apiId: 'a1b2c3d4e5', region: 'us-east-1' };

describe('IAM assistant calls', () => {
  it('generate, then test offline: assume the role, 200 for the route, 403 outside it', async () => {
    const generated = await call<IamSetup>('iamGenerate', {
      ...target,
      routes: ['GET /pets', 'GET /pets/{id}'],
      callerAccount: '222222222222',
      externalId: 'partner-7',
    });
    if (!generated.ok) throw new Error(generated.error.message);
    const text = (policy: unknown): string => JSON.stringify(policy, null, 2);
    const offline = await call<IamOfflineTest>('iamTestOffline', {
      apiAccount: target.account,
      callerAccount: '222222222222',
      apiId: target.apiId,
      roleName: 'SignetInvokeRole',
      trustPolicy: { file: 'role-trust.json', text: text(generated.value.roleTrustPolicy) },
      rolePolicies: [{ file: 'role-permissions.json', text: text(generated.value.rolePermissionsPolicy) }],
      callerPolicies: [{ file: 'caller-policy.json', text: text(generated.value.callerPolicy) }],
      externalId: 'partner-7',
      routes: [
        { method: 'GET', path: '/pets/7' },
        { method: 'DELETE', path: '/pets/7' },
      ],
    });
    if (!offline.ok) throw new Error(offline.error.message);
    expect(offline.value).toEqual({
      roleArn: 'arn:aws:iam::111111111111:role/SignetInvokeRole',
      assumedRoleArn: 'arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/signet-offline',
      routes: [
        { method: 'GET', path: '/pets/7', status: 200 },
        {
          method: 'DELETE',
          path: '/pets/7',
          status: 403,
          message:
            'User: arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/signet-offline is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/pets/7 because no identity-based policy allows the execute-api:Invoke action',
        },
      ],
    });

    const withoutId = await call<IamOfflineTest>('iamTestOffline', {
      apiAccount: target.account,
      callerAccount: '222222222222',
      apiId: target.apiId,
      roleName: 'SignetInvokeRole',
      trustPolicy: { file: 'role-trust.json', text: text(generated.value.roleTrustPolicy) },
      rolePolicies: [{ file: 'role-permissions.json', text: text(generated.value.rolePermissionsPolicy) }],
      callerPolicies: [{ file: 'caller-policy.json', text: text(generated.value.callerPolicy) }],
      routes: [{ method: 'GET', path: '/pets' }],
    });
    expect(withoutId).toMatchObject({ ok: false, error: { code: 'sts' } });
    if (!withoutId.ok) expect(withoutId.error.message).toContain('not authorized to perform: sts:AssumeRole');
  });

  it('lint and simulate answer findings and verdicts; bad input is invalid_input naming the line', async () => {
    const lint = await call<{ findings: unknown[] }>('iamLint', { file: 'p.json', text: '{"Version": "2012-10-17",}' });
    expect(lint).toMatchObject({ ok: true, value: { findings: [{ line: 1, column: 25, code: 'json-syntax' }] } });
    const simulation = await call<IamSimulation>('iamSimulate', {
      caller: 'arn:aws:iam::222222222222:user/dev',
      roleArn: 'arn:aws:iam::111111111111:role/R',
      trustPolicy: { file: 'trust.json', text: '{"Version": "2012-10-17", "Statement": [],}' },
      method: 'GET',
      resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/pets',
    });
    expect(simulation).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!simulation.ok) expect(simulation.error.message).toContain('trust.json:1:42: Trailing comma');
    const unknownOperator = await call<IamSimulation>('iamSimulate', {
      caller: 'arn:aws:iam::222222222222:user/dev',
      roleArn: 'arn:aws:iam::111111111111:role/R',
      trustPolicy: {
        file: 'trust.json',
        text: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'TrustB',
              Effect: 'Allow',
              Principal: { AWS: '222222222222' },
              Action: 'sts:AssumeRole',
              Condition: { StringEqualsAnyCase: { 'sts:ExternalId': 'x' } },
            },
          ],
        }),
      },
      method: 'GET',
      resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/pets',
    });
    expect(unknownOperator).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'trust.json statement TrustB: cannot evaluate the condition operator StringEqualsAnyCase',
      },
    });
    const generate = await call<IamSetup>('iamGenerate', { ...target, callerAccount: '2222' });
    expect(generate).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
