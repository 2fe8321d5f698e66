/**
 * The whole chain through the contract, as the renderer drives it: SSO sign-in, Account B
 * role credentials as a session, AssumeRole into Account A, 200 and 403 at the gateway;
 * and nothing secret in any answer or event the renderer receives.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SignetApp } from '../../app';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { Result } from '../../../shared/result';
import { SecretStore } from '../../core/secrets';
import { AppFailure } from '../../core/failure';
import { createCredentialService } from '../service';
import { createSsoHandlers, isOpenableVerificationUrl } from './handlers';

let sandbox: Sandbox;
let app: SignetApp;
let home: string;
const savedHome = process.env.HOME;
const savedConfig = process.env.AWS_CONFIG_FILE;
/** Everything the renderer would have received. */
const received: unknown[] = [];
const events: Array<{ name: string; payload: Record<string, unknown> }> = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'signet-sso-chain-'));
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  sandbox = await startSandbox({ sso: { intervalSeconds: 1 } });
  app = await createApp({ host: 'test', dataDir: join(home, 'data'), version: 'test' });
  app.events.subscribe((name, payload) => {
    events.push({ name, payload: payload as Record<string, unknown> });
    received.push(payload);
  });
});
afterAll(async () => {
  await app.close();
  await sandbox.close();
  process.env.HOME = savedHome;
  if (savedConfig === undefined) delete process.env.AWS_CONFIG_FILE;
  else process.env.AWS_CONFIG_FILE = savedConfig;
  await rm(home, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<Result<T>> {
  const result = (await app.dispatch(name, input, { host: 'test' })) as Result<T>;
  received.push(result);
  return result;
}

async function value<T>(name: string, input: unknown): Promise<T> {
  const result = await call<T>(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function waitForEvent(predicate: (p: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const found = events.find((e) => e.name === 'ssoLoginChanged' && predicate(e.payload));
    if (found) return resolve(found.payload);
    const stop = app.events.subscribe((name, payload) => {
      if (name === 'ssoLoginChanged' && predicate(payload as Record<string, unknown>)) {
        stop();
        resolve(payload as Record<string, unknown>);
      }
    });
  });
}

const target = () => ({
  startUrl: sandbox.ssoStartUrl,
  region: sandbox.ssoRegion,
  oidcEndpoint: sandbox.oidcEndpoint,
  portalEndpoint: sandbox.portalEndpoint,
});

interface Session {
  id: string;
  assumedRoleArn: string;
  maskedAccessKeyId: string;
  chained?: boolean;
  sso?: { tokenExpiresAt: string; accountId: string; roleName: string };
}

const send = (sessionId: string, path: string) =>
  value<{ response: { status: number; bodyText: string; prettyJson?: string } }>('sendRequest', {
    requestId: `chain-${path}`,
    request: {
      method: 'GET',
      url: `${sandbox.apiUrl}${path}`,
      auth: { type: 'awsv4', source: { kind: 'session', sessionId }, region: 'us-east-1', service: 'execute-api' },
    },
  });

describe('SSO -> Account B -> AssumeRole into Account A -> gateway, through the contract', () => {
  it('signs in, picks the account and role, assumes the API role and gets 200 and 403; no secret reaches the renderer', async () => {
    const started = await value<{ loginId: string; prompt: { userCode: string; verificationUriComplete: string } }>(
      'ssoStartLogin',
      { target: target() },
    );
    expect(started.prompt.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    // The browser host has no system browser: the UI shows the link instead.
    const open = await call('ssoOpenVerification', { loginId: started.loginId });
    expect(open).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect((await fetch(started.prompt.verificationUriComplete)).status).toBe(200);
    const signedIn = await waitForEvent((p) => p.loginId === started.loginId && p.state !== 'waiting');
    expect(signedIn.state).toBe('signed_in');

    const { accounts } = await value<{ accounts: Array<{ accountId: string; roles: string[] }> }>('ssoListAccounts', {
      target: target(),
    });
    expect(accounts).toEqual([
      expect.objectContaining({ accountId: sandbox.ssoAccountId, roles: ['SignetDeveloper', 'SignetReadOnly'] }),
    ]);

    const { session: ssoSession } = await value<{ session: Session }>('ssoUseRole', {
      target: target(),
      accountId: sandbox.ssoAccountId,
      roleName: sandbox.ssoRoleName,
      stsEndpoint: sandbox.stsEndpoint,
    });
    expect(ssoSession.assumedRoleArn).toMatch(/assumed-role\/AWSReservedSSO_SignetDeveloper_[0-9a-f]{16}\/developer$/);
    expect(ssoSession.sso).toMatchObject({ accountId: sandbox.ssoAccountId, roleName: 'SignetDeveloper' });
    expect(Date.parse(ssoSession.sso!.tokenExpiresAt)).toBe(Date.parse(signedIn.tokenExpiresAt as string));
    // Account B's own credentials may not invoke Account A's HTTP API.
    expect((await send(ssoSession.id, '/pets')).response.status).toBe(403);

    const tooLong = await call('assumeRole', {
      source: { kind: 'session', sessionId: ssoSession.id },
      roleArn: sandbox.roleArn,
      sessionName: 'from-sso',
      endpoint: sandbox.stsEndpoint,
      durationSeconds: 7200,
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'credentials', message: expect.stringContaining('role chaining') },
    });
    const { session: apiSession } = await value<{ session: Session }>('assumeRole', {
      source: { kind: 'session', sessionId: ssoSession.id },
      roleArn: sandbox.roleArn,
      sessionName: 'from-sso',
      endpoint: sandbox.stsEndpoint,
      durationSeconds: 3600,
    });
    expect(apiSession.chained).toBe(true);
    expect(apiSession.assumedRoleArn).toBe(`arn:aws:sts::${sandbox.accountA}:assumed-role/SignetInvokeRole/from-sso`);
    const allowed = await send(apiSession.id, '/pets');
    expect(allowed.response.status).toBe(200);
    expect(allowed.response.prettyJson ?? allowed.response.bodyText).toContain('SignetInvokeRole/from-sso');
    const denied = await send(apiSession.id, '/admin/users');
    expect(denied.response.status).toBe(403);
    expect(denied.response.prettyJson ?? denied.response.bodyText).toContain('with an explicit deny');

    // The SSO session renews through the sign-in: new keys from the portal.
    const { session: renewed } = await value<{ session: Session }>('refreshSession', { id: ssoSession.id });
    expect(renewed.maskedAccessKeyId).not.toBe(ssoSession.maskedAccessKeyId);

    const cacheDir = join(home, '.aws', 'sso', 'cache');
    const files = (await readdir(cacheDir)).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const cached = JSON.parse(await readFile(join(cacheDir, files[0]!), 'utf8')) as Record<string, string>;
    const everything = JSON.stringify(received);
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret]) {
      expect(secret && secret.length > 20).toBe(true);
      expect(everything).not.toContain(secret);
    }
    // Sandbox session tokens all start so; no secret key or token field ever crossed.
    expect(everything).not.toContain('IQoJb3JpZ2luX2Vj');
    expect(everything).not.toMatch(/secretAccessKey|sessionToken|"accessToken"|refreshToken|clientSecret/);

    expect(await value('ssoLogout', { target: target() })).toEqual({ signedOut: true });
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.json'))).toEqual([]);
    const refused = await call('refreshSession', { id: ssoSession.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'credentials', message: expect.stringContaining('sign in again') },
    });
  });

  it('a pending sign-in can be cancelled', async () => {
    const started = await value<{ loginId: string }>('ssoStartLogin', { target: target(), force: true });
    expect(await value('ssoCancelLogin', { loginId: started.loginId })).toEqual({ cancelled: true });
    const ended = await waitForEvent((p) => p.loginId === started.loginId && p.state !== 'waiting');
    expect(ended.state).toBe('cancelled');
  });

  it('only https links, or http on loopback, may go to the system browser', () => {
    expect(isOpenableVerificationUrl('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH')).toBe(true);
    expect(isOpenableVerificationUrl('http://127.0.0.1:4000/sso/device?user_code=ABCD-EFGH')).toBe(true);
    expect(isOpenableVerificationUrl('http://example.com/device')).toBe(false);
    expect(isOpenableVerificationUrl('file:///etc/passwd')).toBe(false);
    expect(isOpenableVerificationUrl('javascript:alert(1)')).toBe(false);
    expect(isOpenableVerificationUrl('https://user:pw@example.com/')).toBe(false);
  });
});

describe('opening the verification link (the Electron host passes shell.openExternal)', () => {
  it('opens exactly the link IAM Identity Center gave for that sign-in, and nothing for an unknown one', async () => {
    const credentials = createCredentialService({
      secrets: new SecretStore(),
      dataDir: join(home, 'unused'),
      encryptedAtRest: false,
      persistManaged: false,
      env: { HOME: home, AWS_CONFIG_FILE: join(home, 'config') },
    });
    const opened: string[] = [];
    const handlers = createSsoHandlers({ credentials, openExternal: async (url) => void opened.push(url) });
    const ctx = { host: 'test' } as const;
    try {
      const started = await handlers.ssoStartLogin({ target: target(), force: true }, ctx);
      expect(await handlers.ssoOpenVerification({ loginId: started.loginId }, ctx)).toEqual({ opened: true });
      expect(opened).toEqual([started.prompt!.verificationUriComplete]);
      await expect(handlers.ssoOpenVerification({ loginId: 'not-a-login' }, ctx)).rejects.toBeInstanceOf(AppFailure);
      expect(opened).toHaveLength(1);
      expect(await handlers.ssoCancelLogin({ loginId: started.loginId }, ctx)).toEqual({ cancelled: true });
    } finally {
      credentials.dispose();
    }
  });
});
