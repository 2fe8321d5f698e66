import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { SsoOptions } from '../../sandbox/sso';
import { loadAwsFiles } from '../aws-files';
import { SsoService, type SignInPrompt } from './service';
import type { SsoTarget } from './targets';

let home: string;
let offset = 0;
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'signet-sso-'));
});
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  await rm(join(home, '.aws'), { recursive: true, force: true });
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ HOME: home, AWS_CONFIG_FILE: join(home, 'config') });

async function sandboxWith(sso: SsoOptions): Promise<{ sandbox: Sandbox; target: SsoTarget }> {
  const sandbox = await startSandbox({ now: () => new Date(Date.now() + offset), sso });
  sandboxes.push(sandbox);
  return {
    sandbox,
    target: {
      startUrl: sandbox.ssoStartUrl,
      region: sandbox.ssoRegion,
      oidcEndpoint: sandbox.oidcEndpoint,
      portalEndpoint: sandbox.portalEndpoint,
    },
  };
}

/** A service whose clock is the sandbox's; sleeping moves it instead of waiting. */
function service(onSleep: (ms: number) => Promise<void> | void = () => undefined): {
  sso: SsoService;
  sleeps: number[];
} {
  const sleeps: number[] = [];
  const sso = new SsoService({
    env: env(),
    now: () => new Date(Date.now() + offset),
    loadFiles: () => loadAwsFiles(env()),
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
      await onSleep(ms);
    },
  });
  return { sso, sleeps };
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('SSO sign-in against the sandbox (device flow through @aws-sdk/client-sso-oidc)', () => {
  it('signs in after the verification URL is visited and caches the token in the AWS CLI format and place', async () => {
    const { sandbox, target } = await sandboxWith({ intervalSeconds: 1 });
    let approval: Promise<unknown> = Promise.resolve();
    const prompts: SignInPrompt[] = [];
    const polls: string[] = [];
    const { sso, sleeps } = service(async () => {
      if (polls.length === 2) approval = fetch(prompts[0]!.verificationUriComplete);
      await approval;
    });
    const result = await sso.login(target, {
      onPrompt: (p) => prompts.push(p),
      onPoll: (e) => polls.push(e.kind),
    });
    expect(result.reused).toBe(false);
    expect(prompts[0]!.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(prompts[0]!.verificationUriComplete.startsWith(`${sandbox.apiUrl}/sso/device?user_code=`)).toBe(true);
    expect(polls).toEqual(['pending', 'pending']);
    expect(sleeps).toEqual([1000, 1000, 1000]);

    const path = join(home, '.aws', 'sso', 'cache', `${sha1(sandbox.ssoStartUrl)}.json`);
    const cached = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(Object.keys(cached)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    expect(cached.startUrl).toBe(sandbox.ssoStartUrl);
    expect(cached.region).toBe('us-east-1');
    expect(cached.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cached.registrationExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    // A second sign-in reuses the cache; accounts and role credentials come from the portal.
    expect((await sso.login(target)).reused).toBe(true);
    const { accounts } = await sso.accounts(target);
    expect(accounts).toEqual([
      {
        accountId: sandbox.ssoAccountId,
        accountName: 'Signet Developer Account',
        emailAddress: 'aws-dev@example.com',
        roles: ['SignetDeveloper', 'SignetReadOnly'],
      },
    ]);
    const creds = await sso.roleCredentials(target, sandbox.ssoAccountId, sandbox.ssoRoleName);
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.tokenExpiresAt.toISOString().replace('.000', '')).toBe(cached.expiresAt);

    // Signing out removes the file; the next call asks for a sign-in.
    expect(await sso.logout(target)).toBe(true);
    await expect(stat(path)).rejects.toThrow();
    await expect(sso.accounts(target)).rejects.toThrow(/Not signed in to IAM Identity Center/);
  });

  it('slow_down: waits 5 s longer for every slow_down, then succeeds', async () => {
    const { target } = await sandboxWith({ intervalSeconds: 1, minPollSeconds: 3 });
    let prompt: SignInPrompt | undefined;
    const events: string[] = [];
    const { sso, sleeps } = service(async () => {
      if (events.includes('slow_down')) await fetch(prompt!.verificationUriComplete);
    });
    await sso.login(target, {
      onPrompt: (p) => (prompt = p),
      onPoll: (e) => events.push(e.kind === 'slow_down' ? `slow_down` : e.kind),
    });
    // First poll after 1 s: pending; the second, 1 s later, is too soon (3 s asked): slow_down; then 6 s.
    expect(events).toEqual(['pending', 'slow_down']);
    expect(sleeps).toEqual([1000, 1000, 6000]);
  });

  it('expired_token: a code nobody approves ends the sign-in with a clear message', async () => {
    const { target } = await sandboxWith({ intervalSeconds: 1, deviceCodeSeconds: 4 });
    const { sso, sleeps } = service();
    await expect(sso.login(target)).rejects.toThrow('The sign-in code expired before it was approved; sign in again');
    expect(sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  it('access denied: refusing in the browser ends the sign-in', async () => {
    const { target } = await sandboxWith({ intervalSeconds: 1 });
    let prompt: SignInPrompt | undefined;
    const { sso } = service(async () => {
      await fetch(`${prompt!.verificationUriComplete}&decision=deny`);
    });
    await expect(sso.login(target, { onPrompt: (p) => (prompt = p) })).rejects.toThrow(
      'The sign-in was refused in the browser',
    );
  });

  it('an expired registration (invalid_client) is replaced by a new one without bothering the user', async () => {
    const { target } = await sandboxWith({ intervalSeconds: 1, registrationSeconds: 3600 });
    let prompt: SignInPrompt | undefined;
    const { sso } = service(async () => {
      await fetch(prompt!.verificationUriComplete);
    });
    await sso.login(target, { onPrompt: (p) => (prompt = p) });
    const path = join(home, '.aws', 'sso', 'cache', `${sha1(target.startUrl)}.json`);
    const first = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    // Another tool wrote a registration it believes good for a year; IAM Identity Center has expired it.
    await writeFile(path, JSON.stringify({ ...first, registrationExpiresAt: '2099-01-01T00:00:00Z' }));
    offset += 3601_000;
    await sso.login(target, { force: true, onPrompt: (p) => (prompt = p) });
    const second = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(second.clientId).not.toBe(first.clientId);
    expect(second.accessToken).not.toBe(first.accessToken);
  });

  it('a refresh after the access token expired: new token from the refresh token, written back, no sign-in', async () => {
    const { sandbox, target } = await sandboxWith({ intervalSeconds: 1, accessTokenSeconds: 600 });
    let prompt: SignInPrompt | undefined;
    const { sso } = service(async () => {
      await fetch(prompt!.verificationUriComplete);
    });
    await sso.login(target, { onPrompt: (p) => (prompt = p) });
    const path = join(home, '.aws', 'sso', 'cache', `${sha1(target.startUrl)}.json`);
    const before = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    offset += 601_000;
    const direct = await fetch(`${sandbox.portalEndpoint}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': before.accessToken! },
    });
    expect(direct.status).toBe(401);

    const { accounts, tokenExpiresAt } = await sso.accounts(target);
    expect(accounts).toHaveLength(1);
    const after = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.clientId).toBe(before.clientId);
    expect(tokenExpiresAt).toBe(after.expiresAt);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + offset);
  });

  it('reads sign-in places from ~/.aws/config: sso-session sections and legacy profiles', async () => {
    await writeFile(
      join(home, 'config'),
      [
        '[sso-session corp]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = eu-west-1',
        '[profile dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
        '[profile old]',
        'sso_start_url = https://d-0987654321.awsapps.com/start',
        'sso_region = us-west-2',
        'sso_account_id = 123456789012',
        'sso_role_name = Old',
        '',
      ].join('\n'),
    );
    const { sso } = service();
    expect(await sso.configurations()).toEqual([
      {
        kind: 'sso-session',
        name: 'corp',
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'eu-west-1',
        signedIn: false,
        renewable: false,
      },
      {
        kind: 'profile',
        name: 'old',
        startUrl: 'https://d-0987654321.awsapps.com/start',
        region: 'us-west-2',
        signedIn: false,
        renewable: false,
      },
    ]);
    const dev = await sso.target({ profile: 'dev' });
    expect(dev).toEqual({
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'eu-west-1',
      sessionName: 'corp',
    });
    expect(sso.cachePath(dev)).toBe(join(home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`));
    expect(sso.cachePath(await sso.target({ profile: 'old' }))).toBe(
      join(home, '.aws', 'sso', 'cache', `${sha1('https://d-0987654321.awsapps.com/start')}.json`),
    );
    await expect(
      sso.target({ startUrl: 'https://x.awsapps.com/start', region: 'us-east-1', oidcEndpoint: 'http://10.0.0.1/' }),
    ).rejects.toThrow('must use https');
  });
});
