import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendResult } from '../../shared/contract';
import type { Body, CredentialSource, RequestSpec } from '../../shared/model';
import { SecretStore } from '../core/secrets';
import { createCredentialService, type CredentialService } from '../credentials';
import { startSandbox, type Sandbox } from '../sandbox';
import { RequestRunner, type SendOutcome } from './send';
import { readAnyFile } from './testdata/read-any-file';

// The send path end to end against the sandbox gateway, which verifies every signature
// over the bytes it receives: a body hashed differently from what was sent fails here.

let offsetMs = 0;
let sandbox: Sandbox;
let secrets: SecretStore;
let credentials: CredentialService;
let runner: RequestRunner;
const dir = mkdtempSync(join(tmpdir(), 'signet-send-'));

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => new Date(Date.now() + offsetMs),
    minDurationSeconds: 1,
    // After the gateway has said "expired", its clock comes back, so the re-assume is not skewed.
    onRequest: (entry) => {
      if (entry.errorType === 'ExpiredTokenException') offsetMs = 0;
    },
  });
  secrets = new SecretStore();
  credentials = createCredentialService({
    secrets,
    dataDir: dir,
    encryptedAtRest: false,
    persistManaged: false,
    env: { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_MAX_ATTEMPTS: '1' },
  });
  runner = new RequestRunner({ secrets, credentials, files: readAnyFile });
});
afterAll(async () => {
  credentials.dispose();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function invokerKeys(): Promise<CredentialSource> {
  const ref = (await secrets.put(sandbox.invoker.secretAccessKey)).ref;
  return { kind: 'keys', accessKeyId: sandbox.invoker.accessKeyId, secretAccessKey: ref, sessionToken: '' };
}

function spec(path: string, source: CredentialSource, extra: Partial<RequestSpec> = {}): RequestSpec {
  return {
    id: 'r',
    name: 'r',
    method: 'GET',
    url: `${sandbox.apiUrl}${path}`,
    headers: [],
    body: { mode: 'none' },
    auth: {
      type: 'awsv4',
      source,
      region: sandbox.region,
      service: 'execute-api',
      addAuthDataTo: 'headers',
      expiresSeconds: 900,
    },
    timeoutMs: 10_000,
    ...extra,
  };
}

const send = (request: RequestSpec) => runner.send({ requestId: 'r', request, context: {} });

function ok(result: SendOutcome): SendResult {
  if (!result.ok) throw new Error(`send failed: ${result.error.message}`);
  return result.value;
}

describe('send pipeline against the sandbox gateway', () => {
  const file = join(dir, 'payload.bin');
  writeFileSync(file, Buffer.from([0, 1, 2, 255, 254, 10, 13]));
  const bodies: Array<[string, Body]> = [
    ['raw JSON', { mode: 'raw', text: '{"name":"Rëx"}', contentType: 'application/json' }],
    [
      'urlencoded',
      {
        mode: 'urlencoded',
        fields: [
          { key: 'a b', value: 'c&d=é', enabled: true },
          { key: 'off', value: 'x', enabled: false },
        ],
      },
    ],
    [
      'multipart',
      {
        mode: 'formdata',
        fields: [
          { key: 'text', value: 'hello', enabled: true, kind: 'text' },
          { key: 'file', value: file, enabled: true, kind: 'file' },
        ],
      },
    ],
    ['binary', { mode: 'binary', filePath: file }],
    ['graphql', { mode: 'graphql', query: '{ pets { id } }', variables: '{"n":1}' }],
  ];
  it.each(bodies)('signs a %s body over the bytes sent → 200', async (_name, body) => {
    const result = ok(await send(spec('/pets', await invokerKeys(), { method: 'POST', body })));
    expect(result.response.status).toBe(200);
    expect(result.signing?.payloadHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs paths with reserved and unicode characters and repeated query keys → 200', async () => {
    const result = ok(await send(spec("/pets/a%20b/ሴ/(x)!'*?b=2&a=&a=1&%E1%88%B4=v", await invokerKeys())));
    expect(result.response.status).toBe(200);
  });

  it('presigns in the URL → 200, with the signature in the query', async () => {
    const source = await invokerKeys();
    const request = spec('/pets?x=1', source);
    const result = ok(
      await send({
        ...request,
        auth: {
          ...(request.auth as Extract<RequestSpec['auth'], { type: 'awsv4' }>),
          addAuthDataTo: 'query',
          expiresSeconds: 60,
        },
      }),
    );
    expect(result.response.status).toBe(200);
    expect(result.sent.url).toMatch(/X-Amz-Signature=\[redacted\]|X-Amz-Signature=/);
    expect(result.sent.headers.some(([name]) => name.toLowerCase() === 'authorization')).toBe(false);
  });

  it.each(['headers', 'query'] as const)(
    'sends and signs (in %s) only the enabled query rows: switched-off ones stay out of the wire and the signature → 200',
    async (addAuthDataTo) => {
      const request = spec('/pets?a=1&flag', await invokerKeys(), {
        query: [
          { key: 'a', value: '1', description: 'kept, described' },
          { key: 'off', value: 'never-sent', disabled: true, description: 'switched off' },
          { key: 'flag', value: '' },
          { key: 'a', value: '2', disabled: true },
        ],
      });
      const awsv4 = request.auth as Extract<RequestSpec['auth'], { type: 'awsv4' }>;
      const result = ok(await send({ ...request, auth: { ...awsv4, addAuthDataTo } }));
      expect(result.response.status).toBe(200);
      const echo = JSON.parse(result.response.prettyJson ?? '') as { query: Record<string, unknown> };
      const sentQuery = Object.entries(echo.query).filter(([key]) => !key.startsWith('X-Amz-'));
      expect(Object.fromEntries(sentQuery)).toEqual({ a: '1', flag: '' });
      expect(result.sent.url).not.toContain('never-sent');
      expect(result.signing?.canonicalRequest).not.toContain('never-sent');
      expect(result.signing?.canonicalRequest).not.toContain('a=2');
    },
  );

  it('never sends when credentials are missing', async () => {
    const before = sandbox.requestCount;
    const result = await send(
      spec('/pets', { kind: 'keys', accessKeyId: sandbox.invoker.accessKeyId, secretAccessKey: '', sessionToken: '' }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toContain('Nothing was sent');
    expect(sandbox.requestCount).toBe(before);
  });

  it('never sends with an unresolved variable in the auth fields', async () => {
    const before = sandbox.requestCount;
    const result = await send(
      spec('/pets', { kind: 'keys', accessKeyId: '{{accessKey}}', secretAccessKey: '{{secretKey}}', sessionToken: '' }),
    );
    expect(!result.ok && result.error.unresolved).toEqual(['accessKey', 'secretKey']);
    expect(sandbox.requestCount).toBe(before);
  });

  it('answers an expired-token 403 with one re-assume and one retry, and never returns the token', async () => {
    const accountB = (await secrets.put(sandbox.accountBUser.secretAccessKey)).ref;
    const session = await credentials.assumeRole({
      source: {
        kind: 'keys',
        accessKeyId: sandbox.accountBUser.accessKeyId,
        secretAccessKey: accountB,
        sessionToken: '',
      },
      roleArn: sandbox.roleArn,
      sessionName: 'retry-test',
      // Longer than the 5-minute refresh margin, so the client still trusts the session.
      durationSeconds: 900,
      region: sandbox.region,
      endpoint: sandbox.stsEndpoint,
      autoRefresh: true,
    });
    const source: CredentialSource = { kind: 'session', sessionId: session.id };
    const first = ok(await send(spec(sandbox.allowed.path, source)));
    expect(first.response.status).toBe(200);
    expect(first.retriedAfterRefresh).toBeUndefined();
    // The gateway's clock jumps past the session's expiry: as if the token were revoked early.
    offsetMs = 901_000;
    try {
      const retried = ok(await send(spec(sandbox.allowed.path, source)));
      expect(retried.response.status).toBe(200);
      expect(retried.retriedAfterRefresh).toBe(true);
      expect(JSON.stringify(retried)).not.toContain('IQoJb3JpZ2luX2Vj');
      expect(JSON.stringify(retried.signing)).toContain('[session token redacted]');
    } finally {
      offsetMs = 0;
    }
  });
});
