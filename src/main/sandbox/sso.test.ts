import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';

let sandbox: Sandbox;
/** The sandbox's clock runs ahead of the real one by `offset`; tests move it to expire codes and tokens. */
let offset = 0;
let oidc: SSOOIDCClient;
let portal: SSOClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => new Date(Date.now() + offset),
    sso: { intervalSeconds: 1, deviceCodeSeconds: 30, accessTokenSeconds: 600, registrationSeconds: 3600 },
  });
  oidc = new SSOOIDCClient({ region: sandbox.ssoRegion, endpoint: sandbox.oidcEndpoint, maxAttempts: 1 });
  portal = new SSOClient({ region: sandbox.ssoRegion, endpoint: sandbox.portalEndpoint, maxAttempts: 1 });
});
afterAll(async () => {
  oidc.destroy();
  portal.destroy();
  await sandbox.close();
});

async function register(): Promise<{ clientId: string; clientSecret: string }> {
  const out = await oidc.send(new RegisterClientCommand({ clientName: 'signet-test', clientType: 'public' }));
  return { clientId: out.clientId!, clientSecret: out.clientSecret! };
}

async function start(client: { clientId: string; clientSecret: string }) {
  return oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: sandbox.ssoStartUrl }));
}

function poll(client: { clientId: string; clientSecret: string }, deviceCode: string) {
  return oidc.send(
    new CreateTokenCommand({ ...client, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode }),
  );
}

/** A GET to the gateway signed with the given keys. */
async function invoke(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string },
  path: string,
): Promise<Response> {
  const url = new URL(sandbox.apiUrl + path);
  const signer = new SignatureV4({
    credentials,
    region: sandbox.region,
    service: 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host },
  });
  return fetch(url, { headers: signed.headers });
}

describe('sandbox IAM Identity Center, through @aws-sdk/client-sso-oidc and client-sso', () => {
  it('device flow: pending until the verification URL is visited, then a token that lists and fetches role credentials', async () => {
    const client = await register();
    const device = await start(client);
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUriComplete).toBe(`${device.verificationUri}?user_code=${device.userCode}`);
    expect(device.interval).toBe(1);
    expect(device.expiresIn).toBe(30);
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({
      name: 'AuthorizationPendingException',
      error: 'authorization_pending',
    });

    const page = await fetch(device.verificationUriComplete!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Request approved');
    offset += 1000;
    const tokens = await poll(client, device.deviceCode!);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(600);
    expect(tokens.refreshToken).toBeTruthy();
    // A device code is good for one token only.
    offset += 1000;
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({ name: 'InvalidGrantException' });

    const accounts = await portal.send(new ListAccountsCommand({ accessToken: tokens.accessToken! }));
    expect(accounts.accountList).toEqual([
      { accountId: sandbox.ssoAccountId, accountName: 'Signet Developer Account', emailAddress: 'aws-dev@example.com' },
    ]);
    const roles = await portal.send(
      new ListAccountRolesCommand({ accessToken: tokens.accessToken!, accountId: sandbox.ssoAccountId, maxResults: 1 }),
    );
    expect(roles.roleList).toEqual([{ roleName: 'SignetDeveloper', accountId: sandbox.accountB }]);
    expect(roles.nextToken).toBeTruthy();
    const more = await portal.send(
      new ListAccountRolesCommand({
        accessToken: tokens.accessToken!,
        accountId: sandbox.ssoAccountId,
        nextToken: roles.nextToken!,
      }),
    );
    expect(more.roleList?.map((r) => r.roleName)).toEqual(['SignetReadOnly']);

    const creds = await portal.send(
      new GetRoleCredentialsCommand({
        accessToken: tokens.accessToken!,
        accountId: sandbox.ssoAccountId,
        roleName: sandbox.ssoRoleName,
      }),
    );
    const rc = creds.roleCredentials!;
    expect(rc.accessKeyId).toMatch(/^ASIA/);
    expect(rc.expiration! - Date.now()).toBeGreaterThan(3595_000);
    expect(rc.expiration! % 1000).toBe(0);

    // Account B's permission-set role may assume the API account's role; 200 and 403 at the gateway.
    const sts = new STSClient({
      region: sandbox.region,
      endpoint: sandbox.stsEndpoint,
      maxAttempts: 1,
      credentials: {
        accessKeyId: rc.accessKeyId!,
        secretAccessKey: rc.secretAccessKey!,
        sessionToken: rc.sessionToken!,
      },
    });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: sandbox.roleArn, RoleSessionName: 'sso-chain' }));
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: sandbox.roleArn, RoleSessionName: 'too-long', DurationSeconds: 7200 })),
    ).rejects.toThrow('1 hour session limit for roles assumed by role chaining');
    sts.destroy();
    const keys = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    const allowed = await invoke(keys, '/pets');
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { caller: { arn: string } }).caller.arn).toBe(
      `arn:aws:sts::${sandbox.accountA}:assumed-role/SignetInvokeRole/sso-chain`,
    );
    expect((await invoke(keys, '/admin/users')).status).toBe(403);

    await portal.send(new LogoutCommand({ accessToken: tokens.accessToken! }));
    await expect(portal.send(new ListAccountsCommand({ accessToken: tokens.accessToken! }))).rejects.toMatchObject({
      name: 'UnauthorizedException',
      $metadata: { httpStatusCode: 401 },
    });
  });

  it('slow_down for polls closer than the interval, adding 5 s each time', async () => {
    const client = await register();
    const device = await start(client);
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({ name: 'AuthorizationPendingException' });
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({
      name: 'SlowDownException',
      error: 'slow_down',
    });
    offset += 2000; // past the advertised 1 s, short of the 6 s now demanded
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({ name: 'SlowDownException' });
    offset += 11_001;
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({ name: 'AuthorizationPendingException' });
  });

  it('expired_token once the device code outlives expiresIn; access_denied when the user refuses', async () => {
    const client = await register();
    const device = await start(client);
    offset += 30_000;
    await expect(poll(client, device.deviceCode!)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      error: 'expired_token',
    });

    const refused = await start(client);
    const page = await fetch(`${refused.verificationUriComplete!}&decision=deny`);
    expect(await page.text()).toContain('Request denied');
    await expect(poll(client, refused.deviceCode!)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      error: 'access_denied',
    });
  });

  it('invalid_client for an expired registration or a wrong secret; unknown start URL refused', async () => {
    const client = await register();
    await expect(start({ ...client, clientSecret: 'wrong' })).rejects.toMatchObject({
      name: 'InvalidClientException',
      $metadata: { httpStatusCode: 401 },
    });
    await expect(
      oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: 'https://d-0000000000.awsapps.com/start' })),
    ).rejects.toMatchObject({ name: 'InvalidRequestException' });
    offset += 3600_000;
    await expect(start(client)).rejects.toMatchObject({
      name: 'InvalidClientException',
      error: 'invalid_client',
      error_description: 'Client registration has expired',
    });
  });

  it('refresh_token grant: a new access token after the old expired; refresh tokens rotate', async () => {
    const client = await register();
    const device = await start(client);
    await fetch(device.verificationUriComplete!);
    const first = await poll(client, device.deviceCode!);
    offset += 601_000;
    await expect(portal.send(new ListAccountsCommand({ accessToken: first.accessToken! }))).rejects.toMatchObject({
      name: 'UnauthorizedException',
    });
    const refreshed = await oidc.send(
      new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: first.refreshToken! }),
    );
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    const accounts = await portal.send(new ListAccountsCommand({ accessToken: refreshed.accessToken! }));
    expect(accounts.accountList).toHaveLength(1);
    await expect(
      oidc.send(new CreateTokenCommand({ ...client, grantType: 'refresh_token', refreshToken: first.refreshToken! })),
    ).rejects.toMatchObject({ name: 'InvalidGrantException' });
  });

  it('the verification page without a code asks for one, and an unknown code is not found', async () => {
    expect((await fetch(`${sandbox.apiUrl}/sso/device`)).status).toBe(400);
    expect((await fetch(`${sandbox.apiUrl}/sso/device?user_code=BBBB-CCCC`)).status).toBe(404);
  });
});
