/**
 * `signet sign --profile P --format python|javascript`: code that reads profile P of the AWS
 * files itself (botocore's Session, @aws-sdk/credential-providers' fromIni), never a secret,
 * run for real against the sandbox gateway with the keys only in temporary AWS files.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import { peer } from '../../testing/peers';
import type { CliIo } from '../command';
import { signCommand } from './sign';

const run = promisify(execFile);
const botocore = peer('botocore', 'the Python snippet that reads a profile (sign-snippets-profile.test.ts)');
const PYTHON = botocore.path;

let sandbox: Sandbox;
let dir = '';
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(path.join(tmpdir(), 'signet-snippets-profile-'));
  // The JavaScript snippet imports the packages Signet itself depends on.
  await symlink(path.resolve('node_modules'), path.join(dir, 'node_modules'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function statusOf(command: string, args: string[], runEnv: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(command, args, { cwd: dir, env: runEnv }).catch(
    (error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  return result.stdout.slice(0, 800);
}

describe('snippets that read a profile (signet sign --profile P --format python|javascript)', () => {
  const PROFILE = 'sandbox-invoker';
  /** The AWS files of a machine with the sandbox's keys in a profile, and no keys in the environment. */
  async function profileEnv(): Promise<NodeJS.ProcessEnv> {
    const credentials = path.join(dir, 'credentials');
    const config = path.join(dir, 'config');
    await writeFile(
      credentials,
      `[${PROFILE}]\naws_access_key_id = ${sandbox.invoker.accessKeyId}\naws_secret_access_key = ${sandbox.invoker.secretAccessKey}\n`,
    );
    await writeFile(config, `[profile ${PROFILE}]\nregion = ${sandbox.region}\n`);
    return {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: config,
    };
  }

  async function printed(format: 'python' | 'javascript', runEnv: NodeJS.ProcessEnv, url: string): Promise<string> {
    let out = '';
    const io: CliIo = { stdout: (t) => (out += t), stderr: () => undefined, env: runEnv, cwd: dir };
    const argv = [
      '--method',
      'POST',
      '--url',
      url,
      '--data',
      '{"name":"profile"}',
      '--header',
      'Content-Type: application/json',
    ];
    const code = await signCommand.run(
      [...argv, '--region', sandbox.region, '--service', 'execute-api', '--profile', PROFILE, '--format', format],
      io,
    );
    expect(code).toBe(0);
    return out;
  }

  it.skipIf(botocore.skip)('Python reads the profile with botocore and gets 200', { timeout: 60_000 }, async () => {
    const runEnv = await profileEnv();
    const code = await printed('python', runEnv, `${sandbox.apiUrl}/pets?a=1&b=caf%C3%A9`);
    expect(code).toContain(`botocore.session.Session(profile="${PROFILE}")`);
    expect(code).not.toContain(sandbox.invoker.secretAccessKey);
    expect(code).not.toContain('AWS_SECRET_ACCESS_KEY');
    await writeFile(path.join(dir, 'profile.py'), code);
    expect(await statusOf(PYTHON, [path.join(dir, 'profile.py')], runEnv)).toMatch(/^200\n/);
    // Without the profile in the files, the snippet must fail rather than sign with anything else.
    const noFiles = {
      ...runEnv,
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
      AWS_CONFIG_FILE: path.join(dir, 'none'),
    };
    expect(await statusOf(PYTHON, [path.join(dir, 'profile.py')], noFiles)).not.toMatch(/^200\n/);
  });

  it('JavaScript reads the profile with fromIni and gets 200', { timeout: 60_000 }, async () => {
    const runEnv = await profileEnv();
    const code = await printed('javascript', runEnv, `${sandbox.apiUrl}/pets?a=1&b=caf%C3%A9`);
    expect(code).toContain(`fromIni({ profile: "${PROFILE}" })`);
    expect(code).not.toContain(sandbox.invoker.secretAccessKey);
    expect(code).not.toContain('AWS_SECRET_ACCESS_KEY');
    await writeFile(path.join(dir, 'profile.mjs'), code);
    expect(await statusOf(process.execPath, [path.join(dir, 'profile.mjs')], runEnv)).toMatch(/^200\n/);
    const noFiles = {
      ...runEnv,
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
      AWS_CONFIG_FILE: path.join(dir, 'none'),
    };
    expect(await statusOf(process.execPath, [path.join(dir, 'profile.mjs')], noFiles)).not.toMatch(/^200\n/);
  });

  it('refuses --role-arn, which a snippet could not repeat', async () => {
    const runEnv = await profileEnv();
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: runEnv, cwd: dir };
    const argv = [
      '--method',
      'GET',
      '--url',
      `${sandbox.apiUrl}/pets`,
      '--region',
      sandbox.region,
      '--service',
      'execute-api',
    ];
    await expect(
      signCommand.run(
        [...argv, '--profile', PROFILE, '--role-arn', 'arn:aws:iam::123456789012:role/X', '--format', 'python'],
        io,
      ),
    ).rejects.toThrow(/--role-arn cannot be carried into a snippet/);
  });
});
