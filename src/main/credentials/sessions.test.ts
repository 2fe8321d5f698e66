import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumeRoleSchema, type AssumeRoleInput } from '../../shared/api/credentials';
import type { CredentialSource } from '../../shared/model';
import { SecretStore } from '../core/secrets';
import { startSandbox, type Sandbox } from '../sandbox';
import { settleAll } from '../core/failure';
import { createCredentialHandlers as domainHandlers } from './handlers';

const createCredentialHandlers = (service: Parameters<typeof domainHandlers>[0]) => settleAll(domainHandlers(service));
import { createCredentialService, type CredentialService } from './service';

const ctx = { host: 'test' } as const;
let sandbox: Sandbox;
let stsCalls: string[] = [];
let dir: string;
let secrets: SecretStore;
let service: CredentialService;
let accountB: CredentialSource;

beforeAll(async () => {
  process.env.AWS_MAX_ATTEMPTS = '1';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  sandbox = await startSandbox({
    minDurationSeconds: 1,
    onRequest: (entry) => {
      if (entry.service === 'sts') stsCalls.push(`${entry.status}`);
    },
  });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  stsCalls = [];
  dir = await mkdtemp(join(tmpdir(), 'signet-sessions-'));
  secrets = new SecretStore();
  service = createCredentialService({
    secrets,
    dataDir: dir,
    encryptedAtRest: false,
    persistManaged: false,
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
    stsEndpointFor: () => sandbox.stsEndpoint,
  });
  // The renderer would hand the secret over with putSecret and keep only the reference.
  const { ref } = await secrets.put(sandbox.accountBUser.secretAccessKey);
  accountB = { kind: 'keys', accessKeyId: sandbox.accountBUser.accessKeyId, secretAccessKey: ref, sessionToken: '' };
});

afterEach(async () => {
  service.dispose();
  await rm(dir, { recursive: true, force: true });
});

function assumeInput(extra: Partial<AssumeRoleInput> = {}) {
  return AssumeRoleSchema.parse({
    source: accountB,
    roleArn: sandbox.roleArn,
    sessionName: 'alice',
    region: sandbox.region,
    ...extra,
  });
}

const resolveText = (text: string) => text;

describe('AssumeRole sessions against the sandbox STS', () => {
  it('assumes a role with Account B keys and holds a session without exposing secrets', async () => {
    const handlers = createCredentialHandlers(service);
    const result = await handlers.assumeRole(assumeInput(), ctx);
    if (!result.ok) throw new Error(result.error.message);
    const { session } = result.value;
    expect(session.assumedRoleArn).toBe(`arn:aws:sts::${sandbox.accountA}:assumed-role/SignetInvokeRole/alice`);
    expect(session).toMatchObject({
      account: sandbox.accountA,
      roleArn: sandbox.roleArn,
      sessionName: 'alice',
      endpoint: sandbox.stsEndpoint,
      refreshable: true,
    });
    expect(session.maskedAccessKeyId).toMatch(/^ASIA•+.{4}$/);
    const lifetime = Date.parse(session.expiresAt) - Date.parse(session.issuedAt);
    expect(lifetime).toBeGreaterThan(3590_000);
    // STS counts the hour from its own clock, in whole seconds, after issuedAt was taken here:
    // the bound is an hour from now, not an hour from issuedAt.
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(Date.now() + 3600_000);

    const creds = await service.resolve({ kind: 'session', sessionId: session.id }, { resolveText });
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.sessionToken).toBeTruthy();
    const identity = await handlers.whoAmI({ source: { kind: 'session', sessionId: session.id } }, ctx);
    expect(identity).toEqual({
      ok: true,
      value: { identity: expect.objectContaining({ arn: session.assumedRoleArn, account: sandbox.accountA }) },
    });

    const shown = JSON.stringify([
      await handlers.listSessions({}, ctx),
      await handlers.credentialStatus({ source: { kind: 'session', sessionId: session.id } }, ctx),
      result,
    ]);
    for (const secret of [creds.secretAccessKey, creds.sessionToken ?? '', sandbox.accountBUser.secretAccessKey]) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toContain(creds.accessKeyId);
  });

  it('reports an untrusted role as an sts failure naming sts:AssumeRole', async () => {
    const result = await createCredentialHandlers(service).assumeRole(
      assumeInput({ roleArn: sandbox.untrustedRoleArn }),
      ctx,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('sts');
    expect(result.error.message).toContain(
      `is not authorized to perform: sts:AssumeRole on resource: ${sandbox.untrustedRoleArn}`,
    );
  });

  it('passes the external ID, and explains a duration above the role maximum', async () => {
    await expect(service.assumeRole(assumeInput({ roleArn: sandbox.externalIdRoleArn }))).rejects.toMatchObject({
      code: 'sts',
    });
    const ok = await service.assumeRole(
      assumeInput({ roleArn: sandbox.externalIdRoleArn, externalId: sandbox.externalId }),
    );
    expect(ok).toMatchObject({ hasExternalId: true, roleArn: sandbox.externalIdRoleArn });
    await expect(service.assumeRole(assumeInput({ durationSeconds: 7200 }))).rejects.toThrow(
      /MaxSessionDuration.*Lower the duration/,
    );
  });

  it('asks for an MFA code, rejects a wrong one, and accepts the right one', async () => {
    const mfa = { roleArn: sandbox.mfaRoleArn, mfaSerial: sandbox.mfaSerial };
    await expect(service.assumeRole(assumeInput(mfa))).rejects.toMatchObject({
      code: 'mfa_required',
      mfaSerial: sandbox.mfaSerial,
    });
    const wrong = sandbox.mfaCode === '000000' ? '111111' : '000000';
    await expect(service.assumeRole(assumeInput({ ...mfa, mfaCode: wrong }))).rejects.toThrow(/MFA code rejected/);
    const session = await service.assumeRole(assumeInput({ ...mfa, mfaCode: sandbox.mfaCode, autoRefresh: true }));
    // Each refresh needs a fresh code, so the session cannot refresh by itself.
    expect(session.autoRefresh).toBe(false);
    await expect(service.refreshSession(session.id)).rejects.toMatchObject({ code: 'mfa_required' });
  });

  it('refuses sub-15-minute sessions unless STS is a loopback sandbox', async () => {
    await expect(
      service.assumeRole(assumeInput({ durationSeconds: 5, endpoint: 'https://sts.us-east-1.amazonaws.com' })),
    ).rejects.toThrow(/at least 900/);
    expect(stsCalls).toEqual([]);
  });

  it('gives two sessions of one role labels that tell them apart', async () => {
    const first = await service.assumeRole(assumeInput({ sessionName: 'alice' }));
    const second = await service.assumeRole(assumeInput({ sessionName: 'bob' }));
    const third = await service.assumeRole(assumeInput({ sessionName: 'bob' }));
    expect(first.label).toMatch(/^SignetInvokeRole @ \d{12}$/);
    expect(second.label).toBe(`${first.label} · bob`);
    expect(third.label).toBe(`${first.label} · bob (2)`);
  });

  it('lets a short session expire, then refreshes it with the same parameters', async () => {
    const session = await service.assumeRole(assumeInput({ durationSeconds: 2 }));
    const source = { kind: 'session', sessionId: session.id } as const;
    expect((await service.credentialStatus(source)).state).toBe('expiring');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(session.expiresAt) - Date.now() + 50));
    expect(await service.credentialStatus(source)).toMatchObject({ state: 'expired', expiresAt: session.expiresAt });
    await expect(service.resolve(source, { resolveText })).rejects.toMatchObject({
      code: 'credentials',
      // Said in words a person reads at a glance, not as a raw ISO timestamp.
      message: expect.stringMatching(/expired (just now|\d+ seconds ago) \(at \d\d:\d\d:\d\d UTC\); refresh it/),
    });
    expect(service.canAutoRefresh(source)).toBe(false);

    const refreshed = await service.refreshSession(session.id);
    expect(refreshed.id).toBe(session.id);
    expect(Date.parse(refreshed.expiresAt)).toBeGreaterThan(Date.now());
    expect(refreshed.maskedAccessKeyId).not.toBe(session.maskedAccessKeyId);
    expect((await service.credentialStatus(source)).state).not.toBe('expired');
  });

  it('re-assumes an auto-refresh session before it runs out', async () => {
    const session = await service.assumeRole(assumeInput({ durationSeconds: 4, autoRefresh: true }));
    expect(service.canAutoRefresh({ kind: 'session', sessionId: session.id })).toBe(true);
    const before = stsCalls.length;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const [now] = service.listSessions();
    expect(stsCalls.length).toBeGreaterThan(before);
    expect(now?.maskedAccessKeyId).not.toBe(session.maskedAccessKeyId);
    expect(Date.parse(now?.expiresAt ?? '')).toBeGreaterThan(Date.parse(session.expiresAt));
  });

  it('imports `aws sts assume-role` output and explains a malformed paste', async () => {
    const handlers = createCredentialHandlers(service);
    const json = JSON.stringify({
      Credentials: {
        AccessKeyId: 'ASIAIMPORTEXAMPLE1',
        SecretAccessKey: 'importsecret',
        SessionToken: 'importtoken',
        Expiration: '2099-01-01T00:00:00Z',
      },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:bob', Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/bob' },
    });
    const imported = await handlers.importSession({ json, region: 'us-east-1' }, ctx);
    expect(imported).toMatchObject({
      ok: true,
      value: {
        session: {
          roleArn: 'arn:aws:iam::111111111111:role/Admin',
          sessionName: 'bob',
          account: '111111111111',
          refreshable: false,
          source: 'imported',
        },
      },
    });
    expect(JSON.stringify(imported)).not.toMatch(/importsecret|importtoken/);
    const bad = await handlers.importSession(
      { json: '{"Credentials": {"AccessKeyId": "ASIAIMPORTEXAMPLE1"}}', region: 'us-east-1' },
      ctx,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'credentials',
        message: expect.stringMatching(/Credentials.SecretAccessKey.*aws sts assume-role/),
      },
    });
    expect((await handlers.importSession({ json: 'hello', region: 'us-east-1' }, ctx)).ok).toBe(false);
  });

  it('says the source credentials expired when STS answers ExpiredToken', async () => {
    const session = await service.assumeRole(assumeInput({ durationSeconds: 1 }));
    const creds = await service.resolve({ kind: 'session', sessionId: session.id }, { resolveText });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(session.expiresAt) - Date.now() + 50));
    const expiredKeys = {
      kind: 'keys',
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken ?? '',
    } as const;
    const result = await createCredentialHandlers(service).assumeRole(assumeInput({ source: expiredKeys }), ctx);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'credentials', message: expect.stringMatching(/source credentials have expired/) },
    });
  });

  it('gives source credentials of a removed session a clear error', async () => {
    const session = await service.assumeRole(assumeInput());
    expect(service.removeSession(session.id)).toBe(true);
    await expect(service.resolve({ kind: 'session', sessionId: session.id }, { resolveText })).rejects.toThrow(
      /is not held/,
    );
  });
});
