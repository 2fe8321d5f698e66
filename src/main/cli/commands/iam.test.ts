/**
 * `signet iam` and `signet sandbox --trust-policy …` end to end, from AWS's published policies
 * (the invoke policy with its trailing comma) to a real AWS CLI assuming the role in the
 * sandbox and a botocore-signed invoke answered 200 for a route the policy names and 403
 * for one it does not.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxDescription } from '../../sandbox';
import { sendSigned, signWithBotocore } from '../../sandbox/testdata/peers';
import { peer } from '../../testing/peers';
import { iamCommand } from './iam';
import { sandboxCommand } from './sandbox';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'iam');
const awsCli = peer('aws-cli', 'the sandbox with the published policies (iam.test.ts)');
const botocore = peer('botocore', 'invokes signed by botocore (iam.test.ts)');

const API_ACCOUNT = '123456789012';
const CALLER_ACCOUNT = '210987654321';
const API_ID = 'k3x9q2w7e1';
const ROLE_NAME = 'CrossAccountInvoke';
const ROLE_ARN = `arn:aws:iam::${API_ACCOUNT}:role/${ROLE_NAME}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-iam-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const io = { stdout: (text: string) => lines.push(text), stderr: () => undefined, env: {}, cwd: dir };
  const code = await iamCommand.run(argv, io);
  return { code, lines: lines.join('').split('\n').filter(Boolean) };
}

/** The published policies with the comma removed and the article's placeholders filled in. */
async function fixedPublished(): Promise<void> {
  const fill = (text: string): string =>
    text
      .replace('"execute-api:Invoke",', '"execute-api:Invoke"')
      .replaceAll('<AccountA-id>', API_ACCOUNT)
      .replaceAll('<Api-id>', API_ID)
      .replaceAll('<AssumedRoleName>', ROLE_NAME);
  await writeFile(
    join(dir, 'invoke.json'),
    fill(await readFile(join(FIXTURES, 'published-invoke-policy.json'), 'utf8')),
  );
  await writeFile(
    join(dir, 'assume.json'),
    fill(await readFile(join(FIXTURES, 'published-assume-role-policy.json'), 'utf8')),
  );
}

describe('signet iam', () => {
  it('lint reports the published trailing comma as one JSON line and exits 1', async () => {
    await writeFile(join(dir, 'published.json'), await readFile(join(FIXTURES, 'published-invoke-policy.json')));
    const result = await run(['lint', 'published.json']);
    expect(result.code).toBe(1);
    expect(result.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        file: 'published.json',
        line: 8,
        column: 37,
        severity: 'error',
        code: 'json-syntax',
        message: "Trailing comma before ']': JSON allows no comma after the last item",
        fix: 'Delete the comma at line 8, column 37',
      },
    ]);
  });

  it('generate --out writes the files; lint finds no error in them or the fixed published policies', async () => {
    const result = await run([
      'generate',
      '--api-account',
      API_ACCOUNT,
      '--api-id',
      API_ID,
      '--region',
      'us-east-1',
      '--route',
      'GET /pets',
      '--route',
      'GET /pets/{id}',
      '--caller-account',
      CALLER_ACCOUNT,
      '--role-name',
      ROLE_NAME,
      '--out',
      'setup',
    ]);
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(1);
    const setup = JSON.parse(result.lines[0]!) as Record<string, unknown>;
    expect(setup).toMatchObject({
      roleArn: ROLE_ARN,
      rolePermissionsPolicy: {
        Statement: [
          {
            Resource: [
              `arn:aws:execute-api:us-east-1:${API_ACCOUNT}:${API_ID}/$default/GET/pets`,
              `arn:aws:execute-api:us-east-1:${API_ACCOUNT}:${API_ID}/$default/GET/pets/*`,
            ],
          },
        ],
      },
      roleTrustPolicy: { Statement: [{ Principal: { AWS: `arn:aws:iam::${CALLER_ACCOUNT}:root` } }] },
      callerPolicy: { Statement: [{ Action: 'sts:AssumeRole', Resource: ROLE_ARN }] },
    });
    expect(setup.commands).toContain(
      `aws iam create-role --role-name ${ROLE_NAME} --assume-role-policy-document file://role-trust.json --max-session-duration 3600`,
    );
    expect((await readdir(join(dir, 'setup'))).sort()).toEqual([
      'caller-policy.json',
      'cloudformation-api-account.yaml',
      'cloudformation-caller-account.yaml',
      'role-permissions.json',
      'role-trust.json',
      'setup.sh',
    ]);
    expect(await readFile(join(dir, 'setup', 'cloudformation-api-account.yaml'), 'utf8')).toContain(
      "Type: 'AWS::IAM::Role'",
    );

    await fixedPublished();
    const target = ['--api-account', API_ACCOUNT, '--api-id', API_ID, '--region', 'us-east-1'];
    const lint = await run([
      'lint',
      'setup/role-permissions.json',
      'setup/role-trust.json',
      'setup/caller-policy.json',
      'invoke.json',
      'assume.json',
      ...target,
    ]);
    expect(lint).toEqual({ code: 0, lines: [] });
  });

  it('simulate allows GET /$default/pets and names the deciding statements; /admin is an implicit deny', async () => {
    const simulate = async (method: string, path: string): Promise<Record<string, unknown>> => {
      const result = await run([
        'simulate',
        '--caller',
        `arn:aws:iam::${CALLER_ACCOUNT}:user/developer`,
        '--caller-policy',
        'assume.json',
        '--role-arn',
        ROLE_ARN,
        '--trust-policy',
        'setup/role-trust.json',
        '--role-policy',
        'invoke.json',
        '--method',
        method,
        '--url',
        `https://${API_ID}.execute-api.us-east-1.amazonaws.com${path}`,
      ]);
      expect(result.code).toBe(0);
      return JSON.parse(result.lines[0]!) as Record<string, unknown>;
    };
    expect(await simulate('GET', '/pets')).toMatchObject({
      resource: `arn:aws:execute-api:us-east-1:${API_ACCOUNT}:${API_ID}/$default/GET/pets`,
      assumeRole: {
        allowed: true,
        decidedBy: [
          { file: 'assume.json', sid: 'VisualEditor0', effect: 'Allow' },
          { file: 'role-trust.json', sid: 'TrustCallerAccount', effect: 'Allow' },
        ],
      },
      invoke: { allowed: true, decidedBy: [{ file: 'invoke.json', sid: 'VisualEditor0', effect: 'Allow' }] },
    });
    const narrow = await run([
      'simulate',
      '--caller',
      `arn:aws:iam::${CALLER_ACCOUNT}:user/developer`,
      '--caller-policy',
      'assume.json',
      '--role-arn',
      ROLE_ARN,
      '--trust-policy',
      'setup/role-trust.json',
      '--role-policy',
      'setup/role-permissions.json',
      '--method',
      'GET',
      '--url',
      `https://${API_ID}.execute-api.us-east-1.amazonaws.com/admin/users`,
    ]);
    expect(JSON.parse(narrow.lines[0]!)).toMatchObject({ invoke: { allowed: false, decidedBy: [] } });
  });

  it('refuses an unknown subcommand and a policy file that is not JSON, at its line', async () => {
    await expect(run(['frobnicate'])).rejects.toThrow('signet iam needs generate, lint or simulate (got frobnicate)');
    await writeFile(join(dir, 'published.json'), await readFile(join(FIXTURES, 'published-invoke-policy.json')));
    await expect(
      run([
        'simulate',
        '--caller',
        `arn:aws:iam::${CALLER_ACCOUNT}:user/developer`,
        '--role-arn',
        ROLE_ARN,
        '--trust-policy',
        'published.json',
        '--method',
        'GET',
        '--url',
        `https://${API_ID}.execute-api.us-east-1.amazonaws.com/pets`,
      ]),
    ).rejects.toThrow('published.json:8:37: Trailing comma');
  });
});

interface AssumeRoleJson {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
  AssumedRoleUser: { Arn: string };
}

describe.skipIf(awsCli.skip || botocore.skip)('signet sandbox with the published policies', () => {
  it('gives the real AWS CLI an assumed role that gets 200 on GET /pets and 403 where a deny is added', async () => {
    await fixedPublished();
    await writeFile(
      join(dir, 'no-admin.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'NoAdmin',
            Effect: 'Deny',
            Action: 'execute-api:Invoke',
            Resource: `arn:aws:execute-api:us-east-1:${API_ACCOUNT}:${API_ID}/$default/*/admin/*`,
          },
        ],
      }),
    );
    const trust = await run([
      'generate',
      ...['--api-account', API_ACCOUNT, '--api-id', API_ID, '--region', 'us-east-1'],
      ...['--caller-account', CALLER_ACCOUNT, '--role-name', ROLE_NAME, '--out', 'sandbox-setup'],
    ]);
    expect(trust.code).toBe(0);

    const lines: string[] = [];
    let printed: () => void = () => undefined;
    const firstLine = new Promise<void>((resolve) => {
      printed = resolve;
    });
    const io = {
      stdout: (text: string) => {
        lines.push(text);
        printed();
      },
      stderr: () => undefined,
      env: {},
      cwd: dir,
    };
    const exit = sandboxCommand.run(
      [
        ...['--api-account', API_ACCOUNT, '--caller-account', CALLER_ACCOUNT, '--api-id', API_ID],
        ...['--role-name', ROLE_NAME, '--trust-policy', 'sandbox-setup/role-trust.json'],
        ...['--role-policy', 'invoke.json', '--role-policy', 'no-admin.json', '--caller-policy', 'assume.json'],
      ],
      io,
    );
    await firstLine;
    const sandbox = JSON.parse(lines[0]!) as SandboxDescription;
    try {
      expect(sandbox.roleArn).toBe(ROLE_ARN);
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        AWS_ACCESS_KEY_ID: sandbox.accountB.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sandbox.accountB.secretAccessKey,
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_MAX_ATTEMPTS: '1',
        AWS_PAGER: '',
      };
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          awsCli.path,
          [
            ...['sts', 'assume-role', '--role-arn', ROLE_ARN, '--role-session-name', 'offline'],
            ...['--endpoint-url', sandbox.stsEndpoint, '--region', 'us-east-1', '--output', 'json'],
          ],
          { env, timeout: 60_000 },
          (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
        );
      });
      const assumed = JSON.parse(stdout) as AssumeRoleJson;
      expect(assumed.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${API_ACCOUNT}:assumed-role/${ROLE_NAME}/offline`);
      const credentials = {
        accessKeyId: assumed.Credentials.AccessKeyId,
        secretAccessKey: assumed.Credentials.SecretAccessKey,
        sessionToken: assumed.Credentials.SessionToken,
        region: 'us-east-1',
        service: 'execute-api',
      };
      const [pets, admin] = await signWithBotocore([
        { ...credentials, method: 'GET', url: `${sandbox.apiUrl}/pets` },
        { ...credentials, method: 'GET', url: `${sandbox.apiUrl}/admin/users` },
      ]);
      const ok = await sendSigned(pets!);
      expect(ok.status, ok.text).toBe(200);
      const refused = await sendSigned(admin!);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toEqual({
        message: `User: ${assumed.AssumedRoleUser.Arn} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:${API_ACCOUNT}:${API_ID}/$default/GET/admin/users with an explicit deny`,
      });
    } finally {
      process.emit('SIGTERM');
      await exit;
    }
  }, 90_000);

  it('refuses a policy the sandbox cannot evaluate faithfully, by name', async () => {
    await writeFile(
      join(dir, 'not-action.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'sts:*', Resource: '*' }] }),
    );
    const io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: dir };
    await expect(
      sandboxCommand.run(
        [
          ...['--api-account', API_ACCOUNT, '--caller-account', CALLER_ACCOUNT],
          ...['--trust-policy', 'sandbox-setup/role-trust.json', '--role-policy', 'not-action.json'],
        ],
        io,
      ),
    ).rejects.toThrow('not-action.json: statement 1: the sandbox does not evaluate NotAction');
  });
});
