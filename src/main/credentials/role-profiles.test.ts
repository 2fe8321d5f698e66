import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretStore, type Encryptor } from '../core/secrets';
import { startSandbox, type Sandbox } from '../sandbox';
import { createCredentialHandlers } from './handlers';
import { createCredentialService, type CredentialService, type CredentialServiceDeps } from './service';

const ctx = { host: 'test' } as const;
const resolveText = (text: string) => text;
let sandbox: Sandbox;
let stsCalls = 0;
let dir: string;
let service: CredentialService;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  process.env.AWS_MAX_ATTEMPTS = '1';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  sandbox = await startSandbox({ onRequest: (entry) => void (entry.service === 'sts' && (stsCalls += 1)) });
});

afterAll(async () => {
  await sandbox.close();
});

function make(extra: Partial<CredentialServiceDeps> = {}): CredentialService {
  return createCredentialService({
    secrets: new SecretStore(),
    dataDir: join(dir, 'data'),
    encryptedAtRest: false,
    persistManaged: false,
    env,
    ...extra,
  });
}

beforeEach(async () => {
  stsCalls = 0;
  dir = await mkdtemp(join(tmpdir(), 'signet-roles-'));
  env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  await writeFile(
    join(dir, 'credentials'),
    `[account-b]\naws_access_key_id = ${sandbox.accountBUser.accessKeyId}\naws_secret_access_key = ${sandbox.accountBUser.secretAccessKey}\n`,
  );
  await writeFile(
    join(dir, 'config'),
    [
      '[profile api]',
      `role_arn = ${sandbox.roleArn}`,
      'source_profile = account-b',
      'role_session_name = chain-test',
      `region = ${sandbox.region}`,
      `endpoint_url = ${sandbox.stsEndpoint}`,
      '[profile with-external-id]',
      `role_arn = ${sandbox.externalIdRoleArn}`,
      'source_profile = account-b',
      `external_id = ${sandbox.externalId}`,
      `endpoint_url = ${sandbox.stsEndpoint}`,
      // Two hops: assume SignetInvokeRole first, then use its session to assume the next role.
      '[profile second-hop]',
      `role_arn = ${sandbox.externalIdRoleArn}`,
      'source_profile = api',
      `external_id = ${sandbox.externalId}`,
      `endpoint_url = ${sandbox.stsEndpoint}`,
    ].join('\n'),
  );
  service = make();
});

afterEach(async () => {
  service.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('role profiles over the sandbox STS', () => {
  it('assumes role_arn with source_profile keys and the profile endpoint_url, once per session lifetime', async () => {
    const first = await Promise.all(
      [1, 2, 3].map(() => service.resolve({ kind: 'profile', profile: 'api' }, { resolveText })),
    );
    for (let i = 0; i < 5; i += 1) await service.resolve({ kind: 'profile', profile: 'api' }, { resolveText });
    expect(stsCalls).toBe(1);
    const creds = first[0];
    expect(creds?.accessKeyId).toMatch(/^ASIA/);
    expect(creds?.expiration?.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(new Set(first.map((c) => c.accessKeyId)).size).toBe(1);

    const identity = await createCredentialHandlers(service).whoAmI(
      { source: { kind: 'profile', profile: 'api' } },
      ctx,
    );
    expect(identity).toMatchObject({
      identity: { arn: `arn:aws:sts::${sandbox.accountA}:assumed-role/SignetInvokeRole/chain-test` },
    });

    const status = await service.credentialStatus({ kind: 'profile', profile: 'api' });
    expect(status.state).toBe('fresh');
    expect(JSON.stringify(status)).not.toContain(creds?.secretAccessKey);
    expect(service.canAutoRefresh({ kind: 'profile', profile: 'api' })).toBe(true);

    await service.resolve({ kind: 'profile', profile: 'api' }, { resolveText, forceRefresh: true });
    expect(stsCalls).toBe(3);
  });

  it('passes external_id from the profile', async () => {
    const creds = await service.resolve({ kind: 'profile', profile: 'with-external-id' }, { resolveText });
    expect(creds.accessKeyId).toMatch(/^ASIA/);
  });

  it('walks a two-level chain with the first hop credentials', async () => {
    // The sandbox's invoke role may not assume further roles, so the second hop is refused:
    // the refusal names the first hop's assumed role as the caller, which proves the chain was walked.
    const error = await service
      .resolve({ kind: 'profile', profile: 'second-hop' }, { resolveText })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sts' });
    expect((error as Error).message).toContain(
      `User: arn:aws:sts::${sandbox.accountA}:assumed-role/SignetInvokeRole/chain-test is not authorized to perform: sts:AssumeRole`,
    );
    expect(stsCalls).toBe(2);
  });

  it('uses the MFA code once, then serves the cached session without asking again', async () => {
    await writeFile(
      join(dir, 'config'),
      `[profile mfa]\nrole_arn = ${sandbox.mfaRoleArn}\nsource_profile = account-b\nmfa_serial = ${sandbox.mfaSerial}\nendpoint_url = ${sandbox.stsEndpoint}\n`,
    );
    const source = { kind: 'profile', profile: 'mfa' } as const;
    await expect(service.resolve(source, { resolveText })).rejects.toMatchObject({
      code: 'mfa_required',
      mfaSerial: sandbox.mfaSerial,
    });
    expect(stsCalls).toBe(0);
    const first = await service.resolve(source, { resolveText, mfaCode: sandbox.mfaCode });
    const again = await service.resolve(source, { resolveText });
    expect(again.accessKeyId).toBe(first.accessKeyId);
    expect(stsCalls).toBe(1);
    expect(service.canAutoRefresh(source)).toBe(false);
  });

  it('routes a role profile without endpoint_url through AWS_ENDPOINT_URL_STS', async () => {
    await writeFile(
      join(dir, 'config'),
      `[profile plain]\nrole_arn = ${sandbox.roleArn}\nsource_profile = account-b\n`,
    );
    env.AWS_ENDPOINT_URL_STS = sandbox.stsEndpoint;
    const creds = await make().resolve({ kind: 'profile', profile: 'plain' }, { resolveText });
    expect(creds.accessKeyId).toMatch(/^ASIA/);
  });

  it('reports wrong source keys as a credentials problem', async () => {
    await writeFile(
      join(dir, 'credentials'),
      `[account-b]\naws_access_key_id = AKIAUNKNOWNEXAMPLE\naws_secret_access_key = nope\n`,
    );
    await expect(service.resolve({ kind: 'profile', profile: 'api' }, { resolveText })).rejects.toMatchObject({
      code: 'credentials',
      message: expect.stringMatching(/does not recognise the source access key/),
    });
  });
});

describe('app-managed profiles', () => {
  const encryptor: Encryptor = {
    available: true,
    encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
    decrypt: (cipher) => Buffer.from(cipher.map((byte) => byte ^ 0x5a)).toString('utf8'),
  };

  it('stores the secret encrypted and never in managed-profiles.json, surviving a restart', async () => {
    const dataDir = join(dir, 'data');
    const secretsPath = join(dataDir, 'secrets.bin');
    const first = make({
      secrets: new SecretStore({ persistPath: secretsPath, encryptor }),
      encryptedAtRest: true,
      persistManaged: true,
      stsEndpointFor: () => sandbox.stsEndpoint,
    });
    const handlers = createCredentialHandlers(first);
    const added = await handlers.addManagedProfile(
      {
        name: 'mine',
        accessKeyId: sandbox.accountBUser.accessKeyId,
        secretAccessKey: sandbox.accountBUser.secretAccessKey,
        persist: false,
      },
      ctx,
    );
    expect(added).toMatchObject({ profile: { name: 'mine', kind: 'managed', storage: 'encrypted' } });
    expect(JSON.stringify(added)).not.toContain(sandbox.accountBUser.secretAccessKey);
    expect(await readFile(join(dataDir, 'managed-profiles.json'), 'utf8')).not.toContain(
      sandbox.accountBUser.secretAccessKey,
    );
    expect((await readFile(secretsPath)).toString('latin1')).not.toContain(sandbox.accountBUser.secretAccessKey);
    first.dispose();

    const secrets = new SecretStore({ persistPath: secretsPath, encryptor });
    await secrets.load();
    const second = make({
      secrets,
      encryptedAtRest: true,
      persistManaged: true,
      stsEndpointFor: () => sandbox.stsEndpoint,
    });
    expect(await second.load()).toEqual([]);
    const identity = await second.whoAmI({ kind: 'profile', profile: 'mine' });
    expect(identity.arn).toBe(sandbox.accountBUserArn);
    expect((await second.listProfiles()).profiles.map((p) => p.name)).toContain('mine');
    expect(await second.removeManagedProfile('mine')).toBe(true);
    await expect(second.resolve({ kind: 'profile', profile: 'mine' }, { resolveText })).rejects.toThrow(/not found/);
    second.dispose();
  });

  it('without encryption keeps the secret in memory, or in a 0600 file only when asked, with a warning', async () => {
    const dataDir = join(dir, 'data');
    const plain = make({ persistManaged: true });
    const memory = await plain.addManagedProfile({
      name: 'mem',
      accessKeyId: 'AKIAMEMORYEXAMPLE1',
      secretAccessKey: 'memsecret',
      persist: false,
    });
    expect(memory.warning).toMatch(/memory only/);
    const onDisk = await plain.addManagedProfile({
      name: 'disk',
      accessKeyId: 'AKIADISKEXAMPLE001',
      secretAccessKey: 'disksecret',
      persist: true,
    });
    expect(onDisk.profile.storage).toBe('plain-file');
    expect(onDisk.warning).toMatch(/UNENCRYPTED.*0600/);
    const secretsFile = join(dataDir, 'managed-profile-secrets.json');
    expect((await stat(secretsFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(secretsFile, 'utf8')).not.toContain('memsecret');
    expect(await readFile(join(dataDir, 'managed-profiles.json'), 'utf8')).not.toMatch(/memsecret|disksecret/);
    await expect(
      plain.addManagedProfile({
        name: 'account-b',
        accessKeyId: 'AKIADISKEXAMPLE001',
        secretAccessKey: 'x',
        persist: false,
      }),
    ).rejects.toThrow(/already exists in your AWS files/);

    const restarted = make({ persistManaged: true });
    await restarted.load();
    expect((await restarted.resolve({ kind: 'profile', profile: 'disk' }, { resolveText })).secretAccessKey).toBe(
      'disksecret',
    );
    await expect(restarted.resolve({ kind: 'profile', profile: 'mem' }, { resolveText })).rejects.toThrow(/not found/);
  });
});
