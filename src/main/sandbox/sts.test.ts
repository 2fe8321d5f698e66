import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type KeyPair, type Sandbox } from './index';
import { peer } from '../testing/peers';
import { sendSigned, signWithBotocore } from './testdata/peers';

const awsCli = peer('aws-cli', 'STS with the real AWS CLI (sts.test.ts)');
const botocore = peer('botocore', 'STS requests signed by botocore (sts.test.ts)');
let sandbox: Sandbox;
let awsHome: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  awsHome = await mkdtemp(join(tmpdir(), 'signet-sandbox-aws-'));
  await writeFile(join(awsHome, 'config'), '');
  await writeFile(join(awsHome, 'credentials'), '');
});
afterAll(async () => {
  await sandbox.close();
  await rm(awsHome, { recursive: true, force: true });
});

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real AWS CLI with only the given keys in its environment (no profile, no IMDS, no retries). */
function aws(keys: KeyPair, args: readonly string[]): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: awsHome,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_CONFIG_FILE: join(awsHome, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(awsHome, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  const fullArgs = [...args, '--endpoint-url', sandbox.stsEndpoint, '--region', 'us-east-1', '--output', 'json'];
  return new Promise((resolve) => {
    execFile(awsCli.path, fullArgs, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface AssumeRoleJson {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
}

describe.skipIf(awsCli.skip || botocore.skip)(`STS with the real AWS CLI (${awsCli.path})`, () => {
  it('assume-role returns temporary credentials that invoke allowed routes and are denied /admin', async () => {
    const result = await aws(sandbox.accountBUser, [
      'sts',
      'assume-role',
      '--role-arn',
      sandbox.roleArn,
      '--role-session-name',
      'tester',
    ]);
    expect(result.stderr).toBe('');
    const assumed = JSON.parse(result.stdout) as AssumeRoleJson;
    expect(assumed.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(assumed.AssumedRoleUser.Arn).toBe('arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/tester');
    expect(assumed.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]+:tester$/);
    const expiresIn = Date.parse(assumed.Credentials.Expiration) - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const temporary = {
      accessKeyId: assumed.Credentials.AccessKeyId,
      secretAccessKey: assumed.Credentials.SecretAccessKey,
      sessionToken: assumed.Credentials.SessionToken,
      region: 'us-east-1',
      service: 'execute-api',
    };
    const [allowed, denied, tokenless] = await signWithBotocore([
      { ...temporary, method: sandbox.allowed.method, url: sandbox.apiUrl + sandbox.allowed.path },
      { ...temporary, method: sandbox.denied.method, url: sandbox.apiUrl + sandbox.denied.path },
      { ...temporary, sessionToken: undefined, method: 'GET', url: sandbox.apiUrl + sandbox.allowed.path },
    ]);
    const ok = await sendSigned(allowed!);
    expect(ok.status, ok.text).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({
      caller: { arn: assumed.AssumedRoleUser.Arn, account: '111111111111' },
    });

    const refused = await sendSigned(denied!);
    expect(refused.status).toBe(403);
    expect(refused.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(refused.text)).toEqual({
      message: `User: ${assumed.AssumedRoleUser.Arn} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/admin/users with an explicit deny`,
    });

    const noToken = await sendSigned(tokenless!);
    expect(noToken.status).toBe(403);
    expect(noToken.headers['x-amzn-errortype']).toBe('UnrecognizedClientException');
  });

  it('refuses assume-role on a role that does not trust Account B', async () => {
    const result = await aws(sandbox.accountBUser, [
      'sts',
      'assume-role',
      '--role-arn',
      sandbox.untrustedRoleArn,
      '--role-session-name',
      'tester',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('(AccessDenied)');
    expect(result.stderr).toContain(
      `User: arn:aws:iam::222222222222:user/developer is not authorized to perform: sts:AssumeRole on resource: ${sandbox.untrustedRoleArn}`,
    );
  });

  it('get-caller-identity names the user', async () => {
    const result = await aws(sandbox.accountBUser, ['sts', 'get-caller-identity']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      Account: '222222222222',
      Arn: 'arn:aws:iam::222222222222:user/developer',
    });
  });

  it('reports a wrong secret as SignatureDoesNotMatch', async () => {
    const result = await aws({ ...sandbox.accountBUser, secretAccessKey: 'x'.repeat(40) }, [
      'sts',
      'get-caller-identity',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('(SignatureDoesNotMatch)');
  });
});

describe('STS with @aws-sdk/client-sts', () => {
  function client(keys: KeyPair): STSClient {
    return new STSClient({ region: 'us-east-1', endpoint: sandbox.stsEndpoint, credentials: keys, maxAttempts: 1 });
  }

  async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
    try {
      await promise;
    } catch (error) {
      return error as { name: string; message: string };
    }
    throw new Error('expected a rejection');
  }

  it('requires the right ExternalId', async () => {
    const sts = client(sandbox.accountBUser);
    const base = { RoleArn: sandbox.externalIdRoleArn, RoleSessionName: 'ext' };
    const missing = await rejection(sts.send(new AssumeRoleCommand(base)));
    expect(missing.name).toBe('AccessDenied');
    expect(missing.message).toContain('is not authorized to perform: sts:AssumeRole');
    expect((await rejection(sts.send(new AssumeRoleCommand({ ...base, ExternalId: 'other' })))).name).toBe(
      'AccessDenied',
    );
    const ok = await sts.send(new AssumeRoleCommand({ ...base, ExternalId: sandbox.externalId }));
    expect(ok.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111111111111:assumed-role/SignetExternalIdRole/ext');
  });

  it('requires MFA with the sandbox code', async () => {
    const sts = client(sandbox.accountBUser);
    const base = { RoleArn: sandbox.mfaRoleArn, RoleSessionName: 'mfa' };
    expect((await rejection(sts.send(new AssumeRoleCommand(base)))).name).toBe('AccessDenied');
    const wrongCode = sandbox.mfaCode === '000000' ? '111111' : '000000';
    const wrong = await rejection(
      sts.send(new AssumeRoleCommand({ ...base, SerialNumber: sandbox.mfaSerial, TokenCode: wrongCode })),
    );
    expect(wrong.message).toContain('MultiFactorAuthentication failed');
    const ok = await sts.send(
      new AssumeRoleCommand({ ...base, SerialNumber: sandbox.mfaSerial, TokenCode: sandbox.mfaCode }),
    );
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(ok.Credentials?.Expiration).toBeInstanceOf(Date);
  });

  it('validates DurationSeconds against 900 and the role maximum', async () => {
    const sts = client(sandbox.accountBUser);
    const short = await rejection(
      sts.send(new AssumeRoleCommand({ RoleArn: sandbox.roleArn, RoleSessionName: 'dur', DurationSeconds: 100 })),
    );
    expect(short.name).toBe('ValidationError');
    expect(short.message).toContain('greater than or equal to 900');
    const long = await rejection(
      sts.send(new AssumeRoleCommand({ RoleArn: sandbox.roleArn, RoleSessionName: 'dur', DurationSeconds: 7200 })),
    );
    expect(long.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  it.skipIf(botocore.skip)('issues session credentials that also work in a presigned URL', async () => {
    const assumed = await client(sandbox.accountBUser).send(
      new AssumeRoleCommand({ RoleArn: sandbox.roleArn, RoleSessionName: 'presign' }),
    );
    const [presigned] = await signWithBotocore([
      {
        method: 'GET',
        url: `${sandbox.apiUrl}/pets/3`,
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
        region: 'us-east-1',
        service: 'execute-api',
        presignExpires: 300,
      },
    ]);
    expect(presigned!.url).toContain('X-Amz-Security-Token=');
    const response = await sendSigned(presigned!);
    expect(response.status, response.text).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({
      caller: { arn: 'arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/presign' },
    });
    expect(response.text).not.toContain(assumed.Credentials!.SessionToken!);
  });

  it('rejects an unknown access key as InvalidClientTokenId', async () => {
    const error = await rejection(
      client({ accessKeyId: 'AKIA' + 'Q'.repeat(16), secretAccessKey: 'x'.repeat(40) }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.message).toBe('The security token included in the request is invalid.');
  });
});

describe('session expiry', () => {
  it.skipIf(botocore.skip)('answers ExpiredToken once the session has run out', async () => {
    let offsetMs = 0;
    const clocked = await startSandbox({ minDurationSeconds: 1, now: () => new Date(Date.now() + offsetMs) });
    try {
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: clocked.stsEndpoint,
        credentials: clocked.accountBUser,
        maxAttempts: 1,
      });
      const assumed = await sts.send(
        new AssumeRoleCommand({ RoleArn: clocked.roleArn, RoleSessionName: 'short', DurationSeconds: 5 }),
      );
      const credentials = {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      };
      const [signed] = await signWithBotocore([
        { ...credentials, region: 'us-east-1', service: 'execute-api', method: 'GET', url: clocked.apiUrl + '/pets' },
      ]);
      expect((await sendSigned(signed!)).status).toBe(200);

      offsetMs = 10_000;
      const expired = await sendSigned(signed!);
      expect(expired.status).toBe(403);
      expect(expired.headers['x-amzn-errortype']).toBe('ExpiredTokenException');
      expect(JSON.parse(expired.text)).toEqual({ message: 'The security token included in the request is expired' });

      // The SDK signs with the real clock; the sandbox's is 10 s ahead, well within the 5 min skew.
      const viaSts = new STSClient({ region: 'us-east-1', endpoint: clocked.stsEndpoint, credentials, maxAttempts: 1 });
      const error = await viaSts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e as { name: string });
      expect(error).toMatchObject({ name: 'ExpiredToken' });
    } finally {
      await clocked.close();
    }
  });
});
