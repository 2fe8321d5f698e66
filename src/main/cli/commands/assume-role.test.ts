import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { createCredentialService } from '../../credentials/service';
import { SecretStore } from '../../core/secrets';
import { startSandbox, type Sandbox } from '../../sandbox';
import { peer } from '../../testing/peers';
import { resolveCliCredentials } from '../credentials';
import { assumeRoleCommand } from './assume-role';

const awsCli = peer('aws-cli', 'the assume-role output compared with the real AWS CLI (assume-role.test.ts)');

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  process.env.AWS_MAX_ATTEMPTS = '1';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'signet-cli-assume-'));
});

afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

function io(env: NodeJS.ProcessEnv): CliIo & { out: string; err: string } {
  const state = {
    out: '',
    err: '',
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), ...env },
    cwd: dir,
    stdout: (text: string) => void (state.out += text),
    stderr: (text: string) => void (state.err += text),
  };
  return state;
}

const accountBEnv = () => ({
  AWS_ACCESS_KEY_ID: sandbox.accountBUser.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sandbox.accountBUser.secretAccessKey,
});

describe('signet assume-role', () => {
  it('prints `aws sts assume-role` JSON that Signet can import again', async () => {
    const cli = io(accountBEnv());
    const code = await assumeRoleCommand.run(
      [
        '--role-arn',
        sandbox.externalIdRoleArn,
        '--role-session-name',
        'cli',
        '--external-id',
        sandbox.externalId,
        '--endpoint-url',
        sandbox.stsEndpoint,
      ],
      cli,
    );
    expect(cli.err).toBe('');
    expect(code).toBe(0);
    expect(cli.out).toMatch(/^\{\n {4}"Credentials": \{\n {8}"AccessKeyId": "ASIA/);
    const parsed = JSON.parse(cli.out) as {
      Credentials: Record<string, string>;
      AssumedRoleUser: Record<string, string>;
    };
    expect(Object.keys(parsed)).toEqual(['Credentials', 'AssumedRoleUser']);
    expect(Object.keys(parsed.Credentials)).toEqual(['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(parsed.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(parsed.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${sandbox.accountA}:assumed-role/SignetExternalIdRole/cli`);

    const service = createCredentialService({
      secrets: new SecretStore(),
      dataDir: dir,
      encryptedAtRest: false,
      persistManaged: false,
      env: cli.env,
    });
    const session = service.importSession({ json: cli.out, region: sandbox.region, endpoint: sandbox.stsEndpoint });
    expect(session.assumedRoleArn).toBe(parsed.AssumedRoleUser.Arn);
    expect((await service.whoAmI({ kind: 'session', sessionId: session.id })).arn).toBe(parsed.AssumedRoleUser.Arn);
  });

  it.skipIf(awsCli.skip)('matches the field layout of the real AWS CLI', async () => {
    const run = promisify(execFile);
    const env = {
      ...accountBEnv(),
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    };
    const args = [
      'sts',
      'assume-role',
      '--role-arn',
      sandbox.roleArn,
      '--role-session-name',
      'peer',
      '--endpoint-url',
      sandbox.stsEndpoint,
      '--region',
      sandbox.region,
    ];
    const theirs = JSON.parse((await run(awsCli.path, [...args, '--output', 'json'], { env })).stdout) as Record<
      string,
      Record<string, string>
    >;
    const cli = io(accountBEnv());
    expect(
      await assumeRoleCommand.run(
        ['--role-arn', sandbox.roleArn, '--role-session-name', 'peer', '--endpoint-url', sandbox.stsEndpoint],
        cli,
      ),
    ).toBe(0);
    const ours = JSON.parse(cli.out) as Record<string, Record<string, string>>;
    expect(Object.keys(ours.Credentials ?? {})).toEqual(Object.keys(theirs.Credentials ?? {}));
    expect(Object.keys(ours.AssumedRoleUser ?? {})).toEqual(Object.keys(theirs.AssumedRoleUser ?? {}));
    expect(ours.AssumedRoleUser?.Arn).toBe(theirs.AssumedRoleUser?.Arn);
  });

  it('exits 254 with the STS reason when the role does not trust the caller', async () => {
    const cli = io(accountBEnv());
    const code = await assumeRoleCommand.run(
      ['--role-arn', sandbox.untrustedRoleArn, '--role-session-name', 'cli', '--endpoint-url', sandbox.stsEndpoint],
      cli,
    );
    expect(code).toBe(254);
    expect(cli.out).toBe('');
    expect(cli.err).toContain('is not authorized to perform: sts:AssumeRole');
    expect(cli.err).not.toContain(sandbox.accountBUser.secretAccessKey);
  });

  it('rejects bad arguments before calling STS', async () => {
    const cli = io(accountBEnv());
    await expect(
      assumeRoleCommand.run(['--role-arn', 'arn:aws:iam::1:role/x', '--role-session-name', 'cli'], cli),
    ).rejects.toThrow(/--role-arn must look like/);
    await expect(
      assumeRoleCommand.run(
        [
          '--role-arn',
          sandbox.roleArn,
          '--role-session-name',
          'cli',
          '--duration-seconds',
          '60',
          '--endpoint-url',
          'https://sts.us-east-1.amazonaws.com',
        ],
        cli,
      ),
    ).rejects.toThrow(/900 to 43200/);
    await expect(assumeRoleCommand.run(['--role-session-name', 'cli'], cli)).rejects.toThrow(/required/);
  });
});

describe('resolveCliCredentials', () => {
  it('assumes a role from a --profile source in one step', async () => {
    await writeFile(
      join(dir, 'credentials'),
      `[b]\naws_access_key_id = ${sandbox.accountBUser.accessKeyId}\naws_secret_access_key = ${sandbox.accountBUser.secretAccessKey}\n`,
    );
    const cli = io({ AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });
    const source = await resolveCliCredentials(cli, { profile: 'b' });
    expect(source.accessKeyId).toBe(sandbox.accountBUser.accessKeyId);
    const assumed = await resolveCliCredentials(cli, {
      profile: 'b',
      roleArn: sandbox.roleArn,
      stsEndpoint: sandbox.stsEndpoint,
      region: sandbox.region,
    });
    expect(assumed).toMatchObject({
      accessKeyId: expect.stringMatching(/^ASIA/),
      sourceLabel: expect.stringContaining('assumed-role/SignetInvokeRole/signet-'),
    });
    expect(assumed.sessionToken).toBeTruthy();
  });

  it('says where to put credentials when there are none', async () => {
    await expect(resolveCliCredentials(io({}), {})).rejects.toThrow(
      /set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY .* or pass --profile/,
    );
  });
});
