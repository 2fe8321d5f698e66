import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import { loadAwsFiles } from '../aws-files';
import { peer } from '../../testing/peers';
import { SsoService } from './service';

const botocore = peer('botocore', 'SSO token cache shared with botocore (sso/botocore.test.ts)');
const SCRIPT = join(__dirname, 'testdata', 'botocore-sso.py');

let home: string;
let sandbox: Sandbox | undefined;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'signet-sso-botocore-'));
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  await rm(join(home, '.aws'), { recursive: true, force: true });
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ HOME: home, AWS_CONFIG_FILE: join(home, 'config') });

/** Starts a sandbox and writes a config with an sso-session and an SSO profile for it. */
async function setUp(accessTokenSeconds: number): Promise<Sandbox> {
  sandbox = await startSandbox({ sso: { intervalSeconds: 1, accessTokenSeconds } });
  await writeFile(
    join(home, 'config'),
    [
      '[sso-session corp]',
      `sso_start_url = ${sandbox.ssoStartUrl}`,
      `sso_region = ${sandbox.ssoRegion}`,
      'sso_registration_scopes = sso:account:access',
      '[profile dev]',
      'sso_session = corp',
      `sso_account_id = ${sandbox.ssoAccountId}`,
      `sso_role_name = ${sandbox.ssoRoleName}`,
      '',
    ].join('\n'),
  );
  return sandbox;
}

/** Signet signs in (the test plays the user who opens the link). */
async function signetLogin(box: Sandbox): Promise<SsoService> {
  const sso = new SsoService({ env: env(), loadFiles: () => loadAwsFiles(env()) });
  let approval: Promise<Response> | undefined;
  await sso.login(
    await sso.target({ ssoSession: 'corp', oidcEndpoint: box.oidcEndpoint, portalEndpoint: box.portalEndpoint }),
    { onPrompt: (p) => (approval = fetch(p.verificationUriComplete)) },
  );
  expect((await approval)?.status).toBe(200);
  return sso;
}

interface BotocoreOut {
  readonly tokenExpiration: string;
  readonly accessKeyId: string;
  readonly hasSecret: boolean;
  readonly hasToken: boolean;
  readonly callerArn: string;
}

function runBotocore(box: Sandbox): Promise<BotocoreOut> {
  const args = JSON.stringify({
    profile: 'dev',
    oidcEndpoint: box.oidcEndpoint,
    portalEndpoint: box.portalEndpoint,
    stsEndpoint: box.stsEndpoint,
  });
  return new Promise((resolve, reject) => {
    execFile(
      botocore.path,
      [SCRIPT, args],
      {
        env: { ...env(), PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true' },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`botocore failed: ${stderr.slice(-2000)}`));
        else resolve(JSON.parse(stdout) as BotocoreOut);
      },
    );
  });
}

const cachePath = () => join(home, '.aws', 'sso', 'cache', 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json');

describe.skipIf(botocore.skip)(`SSO token cache shared with botocore (${botocore.path})`, () => {
  it('names the cache file as botocore does: SHA-1 of the sso-session name', async () => {
    const box = await setUp(8 * 3600);
    const sso = await signetLogin(box);
    expect(sso.cachePath(await sso.target({ ssoSession: 'corp' }))).toBe(cachePath());
  });

  it("botocore's SSOTokenProvider reads the token Signet cached and gets working role credentials with it", async () => {
    const box = await setUp(8 * 3600);
    await signetLogin(box);
    const written = await readFile(cachePath(), 'utf8');
    const out = await runBotocore(box);
    expect(out.accessKeyId).toMatch(/^ASIA/);
    expect(out).toMatchObject({ hasSecret: true, hasToken: true });
    expect(out.callerArn).toMatch(
      new RegExp(`^arn:aws:sts::${box.accountB}:assumed-role/AWSReservedSSO_SignetDeveloper_[0-9a-f]{16}/developer$`),
    );
    // botocore used the token as it was: no refresh, the file untouched.
    expect(await readFile(cachePath(), 'utf8')).toBe(written);
    expect(Date.parse(out.tokenExpiration)).toBe(Date.parse((JSON.parse(written) as { expiresAt: string }).expiresAt));
  });

  it('Signet reads a cache botocore wrote (botocore refreshed the token and rewrote the file in its own format)', async () => {
    // Ten-minute tokens are inside botocore's 15-minute refresh window: it refreshes at once.
    const box = await setUp(600);
    const sso = await signetLogin(box);
    const before = JSON.parse(await readFile(cachePath(), 'utf8')) as Record<string, string>;
    await runBotocore(box);
    const text = await readFile(cachePath(), 'utf8');
    const after = JSON.parse(text) as Record<string, string>;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // botocore's own serialisation, not Signet's.
    expect(text).not.toBe(JSON.stringify(after, null, 2));

    // Signet's own view now rests on botocore's token (no refresh of its own: still 10 minutes left).
    const target = await sso.target({
      ssoSession: 'corp',
      oidcEndpoint: box.oidcEndpoint,
      portalEndpoint: box.portalEndpoint,
    });
    const { accounts, tokenExpiresAt } = await sso.accounts(target);
    expect(accounts.map((a) => a.accountId)).toEqual([box.ssoAccountId]);
    expect(Date.parse(tokenExpiresAt)).toBe(Date.parse(after.expiresAt!));
    expect(JSON.parse(await readFile(cachePath(), 'utf8'))).toEqual(after);
  });
});
