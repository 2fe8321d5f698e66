import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { CliIo } from '../command';
import { sendCommand } from './send';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const BASE_ENV = {
  AWS_MAX_ATTEMPTS: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
};

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { ...BASE_ENV, ...env },
    cwd: process.cwd(),
  };
  return { code: await sendCommand.run(argv, io), out, err };
}

const url = (path: string) => [
  '--url',
  `${sandbox.apiUrl}${path}`,
  '--region',
  sandbox.region,
  '--service',
  'execute-api',
];
const invoker = () => ({
  AWS_ACCESS_KEY_ID: sandbox.invoker.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sandbox.invoker.secretAccessKey,
});
const accountB = () => ({
  AWS_ACCESS_KEY_ID: sandbox.accountBUser.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sandbox.accountBUser.secretAccessKey,
});

describe('signet send', () => {
  it('signs, sends and prints status line, headers and body', async () => {
    const { code, out } = await run(
      ['--method', 'POST', ...url('/pets'), '--header', 'Content-Type: application/json', '--data', '{"name":"Rex"}'],
      invoker(),
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(out).toMatch(/\ncontent-type: application\/json\n/i);
    expect(JSON.parse(out.slice(out.indexOf('\n\n') + 2))).toMatchObject({
      method: 'POST',
      path: '/pets',
      body: '{"name":"Rex"}',
    });
  });

  it('with --fail exits 22 on a 403 and explains it', async () => {
    const { code, out, err } = await run(['--method', 'GET', ...url(sandbox.allowed.path), '--fail'], accountB());
    expect(code).toBe(22);
    expect(out).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    // Account B's own keys against account A's API: the advice is to assume A's role.
    expect(err).toMatch(/The caller is in account \d{12}, the API in account \d{12}/);
    expect(err).toContain("Assume the role in the API's account");
  });

  it('assumes a role with --role-arn and signs with the session', async () => {
    const { code, out } = await run(
      [
        '--method',
        'GET',
        ...url(sandbox.allowed.path),
        '--role-arn',
        sandbox.roleArn,
        '--role-session-name',
        'cli-send',
        '--endpoint-url',
        sandbox.stsEndpoint,
        '--fail',
      ],
      accountB(),
    );
    expect(code).toBe(0);
    expect(out).toContain('assumed-role/SignetInvokeRole/cli-send');
  });

  it('sends nothing without credentials', async () => {
    const before = sandbox.requestCount;
    await expect(run(['--method', 'GET', ...url('/pets')], {})).rejects.toThrow(/no credentials/i);
    expect(sandbox.requestCount).toBe(before);
  });
});
