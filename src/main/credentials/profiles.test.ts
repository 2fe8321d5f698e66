import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialError } from '../core/ports';
import { SecretStore } from '../core/secrets';
import { createCredentialService, type CredentialService } from './service';

const resolveText = (text: string) => text;

let dir: string;
let env: NodeJS.ProcessEnv;
let service: CredentialService;

async function files(config: string, credentials = ''): Promise<void> {
  await writeFile(join(dir, 'config'), config);
  await writeFile(join(dir, 'credentials'), credentials);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-profiles-'));
  env = {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  service = createCredentialService({
    secrets: new SecretStore(),
    dataDir: join(dir, 'data'),
    encryptedAtRest: false,
    persistManaged: false,
    env,
    // Nothing in these tests may reach AWS: an unused loopback port refuses at once.
    stsEndpointFor: () => 'http://127.0.0.1:9',
  });
});

afterEach(async () => {
  service.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('AWS file profiles', () => {
  it('resolves static keys from the credentials file and lists the profile', async () => {
    await files(
      '[profile dev]\nregion = eu-west-1\n',
      '[dev]\naws_access_key_id = AKIADEVEXAMPLE0001\naws_secret_access_key = devsecret\n',
    );
    const creds = await service.resolve({ kind: 'profile', profile: 'dev' }, { resolveText });
    expect(creds).toMatchObject({
      accessKeyId: 'AKIADEVEXAMPLE0001',
      secretAccessKey: 'devsecret',
      sourceLabel: 'profile dev',
    });
    const list = await service.listProfiles();
    expect(list.errors).toEqual([]);
    expect(list.profiles).toEqual([
      { name: 'dev', kind: 'static', origin: 'both', region: 'eu-west-1', maskedAccessKeyId: 'AKIA••••••••0001' },
    ]);
    expect(JSON.stringify(list)).not.toContain('devsecret');
  });

  it('classifies role, process, sso and broken profiles', async () => {
    await files(
      [
        '[profile base]',
        'aws_access_key_id = AKIABASEEXAMPLE001',
        'aws_secret_access_key = basesecret',
        '[profile mid]',
        'role_arn = arn:aws:iam::111111111111:role/Mid',
        'source_profile = base',
        'external_id = ext-123',
        'mfa_serial = arn:aws:iam::222222222222:mfa/me',
        '[profile proc]',
        'credential_process = /bin/false',
        '[profile sso]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_account_id = 111111111111',
        'sso_role_name = Dev',
        'sso_region = us-east-1',
        '[profile orphan]',
        'role_arn = arn:aws:iam::111111111111:role/X',
        'source_profile = missing',
      ].join('\n'),
    );
    const byName = Object.fromEntries((await service.listProfiles()).profiles.map((p) => [p.name, p]));
    expect(byName.mid).toMatchObject({
      kind: 'role',
      roleArn: 'arn:aws:iam::111111111111:role/Mid',
      sourceProfile: 'base',
      externalId: 'ext-123',
      mfaSerial: 'arn:aws:iam::222222222222:mfa/me',
    });
    expect(byName.mid?.problem).toBeUndefined();
    expect(byName.proc?.kind).toBe('process');
    expect(byName.sso).toMatchObject({ kind: 'sso', ssoAccountId: '111111111111', ssoRoleName: 'Dev' });
    expect(byName.orphan?.problem).toBe('source profile "missing" not found');
    expect(service.canAutoRefresh({ kind: 'profile', profile: 'proc' })).toBe(true);
    // MFA needs a person, so an expired-token 403 must not trigger a silent re-assume.
    expect(service.canAutoRefresh({ kind: 'profile', profile: 'mid' })).toBe(false);
    expect(service.canAutoRefresh({ kind: 'profile', profile: 'base' })).toBe(false);
  });

  it('asks for an MFA code before calling STS when the chain has mfa_serial', async () => {
    await files(
      '[profile base]\naws_access_key_id = AKIABASEEXAMPLE001\naws_secret_access_key = basesecret\n' +
        '[profile mfa]\nrole_arn = arn:aws:iam::111111111111:role/Mid\nsource_profile = base\nmfa_serial = arn:aws:iam::222222222222:mfa/me\n',
    );
    const error = await service.resolve({ kind: 'profile', profile: 'mfa' }, { resolveText }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect(error).toMatchObject({ code: 'mfa_required', mfaSerial: 'arn:aws:iam::222222222222:mfa/me' });
  });

  it('names a missing source profile', async () => {
    await files('[profile child]\nrole_arn = arn:aws:iam::111111111111:role/X\nsource_profile = gone\n');
    const error = await service
      .resolve({ kind: 'profile', profile: 'child' }, { resolveText })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'credentials' });
    expect((error as Error).message).toContain('source profile "gone" not found');
  });

  it('names an unknown profile', async () => {
    await files('[default]\nregion = us-east-1\n');
    await expect(service.resolve({ kind: 'profile', profile: 'nope' }, { resolveText })).rejects.toThrow(
      /profile "nope" not found/,
    );
  });

  it('runs credential_process and returns its temporary credentials', async () => {
    const script = join(dir, 'creds.cjs');
    await writeFile(
      script,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCEXAMPLE001', SecretAccessKey: 'procsecret', SessionToken: 'proctoken', Expiration: new Date(Date.now() + 3600e3).toISOString() }));`,
    );
    await files(`[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n`);
    const creds = await service.resolve({ kind: 'profile', profile: 'proc' }, { resolveText });
    expect(creds).toMatchObject({
      accessKeyId: 'ASIAPROCEXAMPLE001',
      secretAccessKey: 'procsecret',
      sessionToken: 'proctoken',
    });
    expect(creds.expiration).toBeInstanceOf(Date);
    const status = await service.credentialStatus({ kind: 'profile', profile: 'proc' });
    expect(status).toMatchObject({ state: 'fresh', maskedAccessKeyId: 'ASIA••••••••E001' });
    expect(JSON.stringify(status)).not.toMatch(/procsecret|proctoken/);
  });

  it('reports a credential_process that prints garbage', async () => {
    const script = join(dir, 'bad.cjs');
    await writeFile(script, `process.stdout.write('not json');`);
    await files(`[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n`);
    const error = await service.resolve({ kind: 'profile', profile: 'proc' }, { resolveText }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'credentials' });
    expect((error as Error).message).toMatch(/Profile "proc" could not be resolved: .*JSON/);
  });

  it('keeps listing what parsed when a file is malformed, and says where', async () => {
    await files(
      '[profile good]\nregion = us-west-2\n[profile broken\nregion = eu-west-1\nthis line is junk\n[oops]\nregion = x\n',
      '[creds]\naws_access_key_id = AKIACREDSEXAMPLE01\naws_secret_access_key = s\n',
    );
    const list = await service.listProfiles();
    expect(list.profiles.map((p) => p.name)).toEqual(['creds', 'good']);
    const config = join(dir, 'config');
    expect(list.errors).toEqual([
      `${config} line 3: section header is not closed with "]"`,
      `${config} line 5: expected "key = value"`,
      `${config} line 6: [oops] is ignored in the config file; write [profile oops]`,
    ]);
    const creds = await service.resolve({ kind: 'profile', profile: 'creds' }, { resolveText });
    expect(creds.accessKeyId).toBe('AKIACREDSEXAMPLE01');
  });

  it('picks up an edit to the credentials file without a restart', async () => {
    await files('', '[dev]\naws_access_key_id = AKIAFIRSTEXAMPLE01\naws_secret_access_key = first\n');
    expect((await service.resolve({ kind: 'profile', profile: 'dev' }, { resolveText })).accessKeyId).toBe(
      'AKIAFIRSTEXAMPLE01',
    );
    const path = join(dir, 'credentials');
    await writeFile(
      path,
      '[dev]\naws_access_key_id = AKIASECONDEXAMPLE2\naws_secret_access_key = second\n[new]\naws_access_key_id = AKIANEWPROFILE0001\naws_secret_access_key = n\n',
    );
    // Same size and a stale mtime must not hide the change either.
    const before = await stat(path);
    await utimes(path, before.atime, new Date(before.mtimeMs - 10_000));
    expect((await service.resolve({ kind: 'profile', profile: 'dev' }, { resolveText })).secretAccessKey).toBe(
      'second',
    );
    expect((await service.listProfiles()).profiles.map((p) => p.name)).toEqual(['dev', 'new']);
  });

  it('honours AWS_PROFILE as the default profile name', async () => {
    await files('');
    env.AWS_PROFILE = 'work';
    expect((await service.listProfiles()).defaultProfile).toBe('work');
  });
});

describe('typed keys', () => {
  it('resolves through resolveText and fails clearly when empty', async () => {
    const lookup: Record<string, string> = {
      '{{id}}': 'AKIATYPEDEXAMPLE01',
      'secret:abc': 'typedsecret',
      '{{none}}': '',
    };
    const viaText = (text: string) => lookup[text] ?? text;
    const creds = await service.resolve(
      { kind: 'keys', accessKeyId: '{{id}}', secretAccessKey: 'secret:abc', sessionToken: '' },
      { resolveText: viaText },
    );
    expect(creds).toEqual({
      accessKeyId: 'AKIATYPEDEXAMPLE01',
      secretAccessKey: 'typedsecret',
      sourceLabel: 'keys AKIA••••••••LE01',
    });
    await expect(
      service.resolve(
        { kind: 'keys', accessKeyId: '{{none}}', secretAccessKey: 'secret:abc', sessionToken: '' },
        { resolveText: viaText },
      ),
    ).rejects.toMatchObject({ code: 'credentials', message: expect.stringMatching(/Access key ID is empty/) });
    expect(
      await service.credentialStatus({
        kind: 'keys',
        accessKeyId: 'AKIATYPEDEXAMPLE01',
        secretAccessKey: 'secret:abc',
        sessionToken: '',
      }),
    ).toEqual({
      state: 'static',
      label: 'keys AKIA••••••••LE01',
      maskedAccessKeyId: 'AKIA••••••••LE01',
    });
  });
});
