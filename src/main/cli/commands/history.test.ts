import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { startSandbox, type Sandbox } from '../../sandbox';
import { HistoryStore } from '../../history/store';
import type { SecretHandle, SendResult } from '../../../shared/contract';
import type { CliIo } from '../command';
import { runCli } from '../index';

let sandbox: Sandbox;
const dataDir = mkdtempSync(join(tmpdir(), 'signet-history-cli-'));
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ENV = {
  SIGNET_DATA_DIR: dataDir,
  AWS_MAX_ATTEMPTS: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
};

async function signet(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { ...ENV, ...env },
    cwd: process.cwd(),
  };
  return { code: await runCli(argv, io), out, err };
}

const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEHistoryCliSessionToken0123456789';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('signet history', () => {
  it('lists what the app and signet send recorded, newest first, without a secret in the file', async () => {
    // One send from the app's pipeline, on the same data directory.
    const app = await createApp({ host: 'test', dataDir, version: 'test' });
    const secret = await app.dispatch(
      'putSecret',
      { value: sandbox.invoker.secretAccessKey, label: 'k' },
      { host: 'test' },
    );
    if (!secret.ok) throw new Error(secret.error.message);
    const { ref } = secret.value as SecretHandle;
    const sent = await app.dispatch(
      'sendRequest',
      {
        requestId: 'r1',
        request: {
          method: 'GET',
          url: `${sandbox.apiUrl}/pets`,
          auth: {
            type: 'awsv4',
            source: { kind: 'keys', accessKeyId: sandbox.invoker.accessKeyId, secretAccessKey: ref },
            region: sandbox.region,
            service: 'execute-api',
          },
        },
      },
      { host: 'test' },
    );
    expect(sent.ok && (sent.value as SendResult).response.status).toBe(200);
    await app.close();

    // Then two from the command line: a 403 signed with a session token, and a refused connection.
    const denied = await signet(
      [
        'send',
        '--method',
        'POST',
        '--url',
        `${sandbox.apiUrl}/pets`,
        '--region',
        sandbox.region,
        '--service',
        'execute-api',
        '--data',
        '{}',
      ],
      {
        AWS_ACCESS_KEY_ID: sandbox.accountBUser.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sandbox.accountBUser.secretAccessKey,
        AWS_SESSION_TOKEN: SESSION_TOKEN,
      },
    );
    expect(denied.out).toMatch(/^HTTP\/1\.1 403 /);
    const port = await closedPort();
    const refused = await signet(
      [
        'send',
        '--method',
        'DELETE',
        '--url',
        `http://127.0.0.1:${port}/gone`,
        '--region',
        'us-east-1',
        '--service',
        'execute-api',
      ],
      { AWS_ACCESS_KEY_ID: sandbox.invoker.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.invoker.secretAccessKey },
    );
    expect(refused.code).toBe(1);
    // --no-history leaves no trace.
    await signet(
      [
        'send',
        '--no-history',
        '--method',
        'PUT',
        '--url',
        `${sandbox.apiUrl}/pets`,
        '--region',
        sandbox.region,
        '--service',
        'execute-api',
      ],
      { AWS_ACCESS_KEY_ID: sandbox.invoker.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.invoker.secretAccessKey },
    );

    const json = await signet(['history', '--json']);
    expect(json.code).toBe(0);
    const lines = json.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l.method, l.status, l.source])).toEqual([
      ['DELETE', null, 'cli'],
      ['POST', 403, 'cli'],
      ['GET', 200, 'app'],
    ]);
    expect(lines[0]).toMatchObject({ url: `http://127.0.0.1:${port}/gone`, failure: 'refused' });
    for (const line of lines) {
      expect(line).toEqual(
        expect.objectContaining({ method: expect.any(String), url: expect.any(String), ms: expect.any(Number) }),
      );
      expect(Date.parse(String(line.at))).not.toBeNaN();
    }

    const bytes = readFileSync(new HistoryStore(dataDir).path, 'utf8');
    for (const secret of [sandbox.invoker.secretAccessKey, sandbox.accountBUser.secretAccessKey, SESSION_TOKEN])
      expect(bytes).not.toContain(secret);
    expect(bytes).not.toMatch(/Signature=[0-9a-f]{64}/);

    // The command line's request reopens in the app: body as text, credentials named by nothing secret.
    const posted = await new HistoryStore(dataDir).get(String(lines[1]!.id));
    expect(posted.request).toMatchObject({
      method: 'POST',
      body: { mode: 'raw', text: '{}' },
      auth: { type: 'awsv4', source: { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' } },
    });
    expect(posted.bodyOmitted).toBeUndefined();

    const one = await signet(['history', '--limit', '1', '--json']);
    expect(one.out.trim().split('\n')).toHaveLength(1);
    const table = await signet(['history']);
    expect(table.out.split('\n')[0]).toMatch(/^WHEN\s+METHOD\s+STATUS\s+MS\s+BYTES\s+AUTH\s+URL$/);
    expect(table.out).toMatch(/ POST\s+403\s+\d+\s+\d+\s+awsv4\s+http:\/\/127\.0\.0\.1:\d+\/pets/);
    expect(table.out).toMatch(/ DELETE\s+refused\s/);
    const search = await signet(['history', '--json', '--query', 'post 403']);
    expect(search.out.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bad --limit, and says when there is nothing', async () => {
    expect((await signet(['history', '--limit', '0'])).code).toBe(2);
    const empty = await signet(['history'], { SIGNET_DATA_DIR: mkdtempSync(join(tmpdir(), 'signet-history-empty-')) });
    expect(empty).toMatchObject({ code: 0, out: 'No history yet.\n' });
  });
});
