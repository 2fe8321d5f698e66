import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { CliIo } from '../command';
import { sendCommand } from './send';
import { ssoCommand } from './sso';

let sandbox: Sandbox;
let home: string;

beforeAll(async () => {
  sandbox = await startSandbox({ sso: { intervalSeconds: 1 } });
  home = await mkdtemp(join(tmpdir(), 'signet-cli-sso-'));
  await writeFile(
    join(home, 'config'),
    [
      '[services local]',
      'sso_oidc =',
      `  endpoint_url = ${sandbox.oidcEndpoint}`,
      'sso =',
      `  endpoint_url = ${sandbox.portalEndpoint}`,
      'sts =',
      `  endpoint_url = ${sandbox.stsEndpoint}`,
      '[sso-session sandbox]',
      `sso_start_url = ${sandbox.ssoStartUrl}`,
      `sso_region = ${sandbox.ssoRegion}`,
      'services = local',
      '[profile dev]',
      'sso_session = sandbox',
      `sso_account_id = ${sandbox.ssoAccountId}`,
      `sso_role_name = ${sandbox.ssoRoleName}`,
      'region = us-east-1',
      'services = local',
      '[profile api]',
      'source_profile = dev',
      `role_arn = ${sandbox.roleArn}`,
      'role_session_name = cli-sso',
      'region = us-east-1',
      'services = local',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await sandbox.close();
  await rm(home, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function io(onErr?: (text: string) => void): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t) => (out += t),
      stderr: (t) => {
        err += t;
        onErr?.(err);
      },
      env: {
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_MAX_ATTEMPTS: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      cwd: process.cwd(),
    },
    out: () => out,
    err: () => err,
  };
}

async function sso(argv: string[]): Promise<Run> {
  const run = io();
  const code = await ssoCommand.run(argv, run.io);
  return { code, out: run.out(), err: run.err() };
}

/** `signet sso login ...`, approving the code by visiting the URL it prints, as a user would. */
async function login(argv: string[]): Promise<Run> {
  let visited: Promise<Response> | undefined;
  const run = io((err) => {
    const url = /\(or open (\S+)\)/.exec(err)?.[1];
    if (url && !visited) visited = fetch(url);
  });
  const code = await ssoCommand.run(['login', ...argv, '--no-browser'], run.io);
  if (visited) expect((await visited).status).toBe(200);
  return { code, out: run.out(), err: run.err() };
}

const explicit = () => [
  '--start-url',
  sandbox.ssoStartUrl,
  '--region',
  sandbox.ssoRegion,
  '--oidc-endpoint',
  sandbox.oidcEndpoint,
  '--portal-endpoint',
  sandbox.portalEndpoint,
];

describe('signet sso', () => {
  it('login prints the URL and code on stderr, waits, and caches the token; accounts, credentials, logout follow', async () => {
    const signedIn = await login(explicit());
    expect(signedIn.code).toBe(0);
    expect(signedIn.err).toMatch(
      /open this URL:\n\nhttp:\/\/127\.0\.0\.1:\d+\/sso\/device\n\nand enter the code:\n\n[A-Z]{4}-[A-Z]{4}\n/,
    );
    expect(signedIn.err).toContain(`Signed in to ${sandbox.ssoStartUrl}`);
    const line = JSON.parse(signedIn.out) as { startUrl: string; tokenExpiresAt: string };
    expect(line.startUrl).toBe(sandbox.ssoStartUrl);
    const cacheFile = join(
      home,
      '.aws',
      'sso',
      'cache',
      `${createHash('sha1').update(sandbox.ssoStartUrl).digest('hex')}.json`,
    );
    expect(JSON.parse(await readFile(cacheFile, 'utf8'))).toMatchObject({ startUrl: sandbox.ssoStartUrl });

    const accounts = await sso(['accounts', ...explicit()]);
    expect(accounts.code).toBe(0);
    expect(
      accounts.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        accountId: '222222222222',
        accountName: 'Signet Developer Account',
        emailAddress: 'aws-dev@example.com',
        roleName: 'SignetDeveloper',
      },
      {
        accountId: '222222222222',
        accountName: 'Signet Developer Account',
        emailAddress: 'aws-dev@example.com',
        roleName: 'SignetReadOnly',
      },
    ]);

    const creds = await sso([
      'credentials',
      ...explicit(),
      '--account-id',
      sandbox.ssoAccountId,
      '--role-name',
      sandbox.ssoRoleName,
    ]);
    expect(creds.code).toBe(0);
    const exported = JSON.parse(creds.out) as Record<string, unknown>;
    expect(Object.keys(exported)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(exported.Version).toBe(1);
    expect(exported.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

    const missing = await sso([
      'credentials',
      ...explicit(),
      '--account-id',
      sandbox.ssoAccountId,
      '--role-name',
      'Nope',
    ]);
    expect(missing.code).toBe(255);
    expect(missing.err).toContain('You have no role Nope in account 222222222222');

    const out = await sso(['logout', ...explicit()]);
    expect(out.code).toBe(0);
    await expect(stat(cacheFile)).rejects.toThrow();
    const after = await sso(['accounts', ...explicit()]);
    expect(after.code).toBe(255);
    expect(after.err).toContain('Not signed in to IAM Identity Center');
  });

  it('an sso profile of ~/.aws/config (endpoints from its services section) works with signet send, alone and as a source_profile', async () => {
    const signedIn = await login(['--profile', 'dev']);
    expect(signedIn.code).toBe(0);
    const cacheFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('sandbox').digest('hex')}.json`);
    expect(JSON.parse(await readFile(cacheFile, 'utf8'))).toMatchObject({
      startUrl: sandbox.ssoStartUrl,
      region: 'us-east-1',
    });
    expect((await login(['--sso-session', 'sandbox'])).err).toContain('Already signed in');

    const send = async (profile: string, path: string): Promise<Run> => {
      const run = io();
      const code = await sendCommand.run(
        [
          '--profile',
          profile,
          '--method',
          'GET',
          '--url',
          `${sandbox.apiUrl}${path}`,
          '--region',
          'us-east-1',
          '--service',
          'execute-api',
        ],
        run.io,
      );
      return { code, out: run.out(), err: run.err() };
    };
    const allowed = await send('api', '/pets');
    expect(allowed.out).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(allowed.out).toContain(`"arn":"arn:aws:sts::${sandbox.accountA}:assumed-role/SignetInvokeRole/cli-sso"`);
    expect((await send('api', '/admin/users')).out).toMatch(/^HTTP\/1\.1 403 /);
    // Account B's own SSO credentials may not invoke an HTTP API of account A.
    const direct = await send('dev', '/pets');
    expect(direct.out).toMatch(/^HTTP\/1\.1 403 /);
    expect(direct.out).toMatch(
      /assumed-role\/AWSReservedSSO_SignetDeveloper_[0-9a-f]{16}\/developer is not authorized/,
    );

    const credentials = await sso(['credentials', '--profile', 'dev']);
    expect((JSON.parse(credentials.out) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses unclear targets as usage errors', async () => {
    await expect(sso(['accounts'])).rejects.toThrow('give one of --profile, --sso-session, or --start-url');
    await expect(sso(['accounts', '--start-url', sandbox.ssoStartUrl])).rejects.toThrow('--start-url needs --region');
    await expect(sso(['nope'])).rejects.toThrow('signet sso login | accounts | credentials | logout');
  });
});
