/**
 * HAR import: a capture of Signet's own signed request (sent by the send path to the sandbox gateway through a
 * loopback recorder, and written as HAR 1.2) comes back as AWS Signature auth without any secret, and a hand-made
 * DevTools capture gives the right request of each kind.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, RequestItem } from '../../../shared/collection';
import type { RequestSpec } from '../../../shared/model';
import { SecretStore } from '../../core/secrets';
import { createCredentialService, type CredentialService } from '../../credentials';
import { RequestRunner } from '../../http/send';
import { readAnyFile } from '../../http/testdata/read-any-file';
import { startSandbox, type Sandbox } from '../../sandbox';
import { importAny } from '../import';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: Array<{ name: string; value: string }>;
  readonly body: string;
  readonly status: number;
}

let sandbox: Sandbox;
let recorder: Server;
let recorderUrl = '';
const recorded: Recorded[] = [];
const dir = mkdtempSync(join(tmpdir(), 'signet-har-'));
let credentials: CredentialService;

/** Passes every request on to the sandbox unchanged and remembers what arrived and what the gateway said. */
function startRecorder(target: URL): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Array<{ name: string; value: string }> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.push({ name: req.rawHeaders[i]!, value: req.rawHeaders[i + 1]! });
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers as IncomingHttpHeaders,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            recorded.push({
              method: req.method ?? '',
              path: req.url ?? '',
              headers,
              body: body.toString('utf8'),
              status: answer.statusCode ?? 0,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      forward.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  sandbox = await startSandbox({ region: 'eu-west-2' });
  recorder = await startRecorder(new URL(sandbox.apiUrl));
  recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  credentials = createCredentialService({
    secrets: new SecretStore(),
    dataDir: dir,
    encryptedAtRest: false,
    persistManaged: false,
    env: { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_MAX_ATTEMPTS: '1' },
  });
});
afterAll(async () => {
  credentials.dispose();
  await new Promise((resolve) => recorder.close(resolve));
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What DevTools would save for the recorded exchanges. */
function harOf(exchanges: readonly Recorded[]): string {
  const entries = exchanges.map((exchange) => {
    const contentType = exchange.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    return {
      startedDateTime: new Date().toISOString(),
      time: 1,
      request: {
        method: exchange.method,
        url: `${recorderUrl}${exchange.path}`,
        httpVersion: 'HTTP/1.1',
        headers: exchange.headers,
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: Buffer.byteLength(exchange.body),
        ...(exchange.body ? { postData: { mimeType: contentType, text: exchange.body } } : {}),
      },
      response: {
        status: exchange.status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: [],
        cookies: [],
        content: { size: 0, mimeType: 'application/json' },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    };
  });
  return JSON.stringify({
    log: { version: '1.2', creator: { name: 'signet-test', version: '1' }, pages: [], entries },
  });
}

const requestsOf = (collection: Collection): RequestSpec[] =>
  collection.items.filter((item): item is RequestItem => item.type === 'request').map((item) => item.request);

describe('HAR import', () => {
  it("re-imports a capture of Signet's own signed request as AWS Signature auth with no secret in it", async () => {
    const secrets = new SecretStore();
    const runner = new RequestRunner({ secrets, credentials, files: readAnyFile });
    const secretRef = (await secrets.put(sandbox.invoker.secretAccessKey)).ref;
    const sent = await runner.send({
      requestId: 'r',
      context: {},
      request: {
        id: 'r',
        name: 'r',
        method: 'POST',
        url: `${recorderUrl}/pets?kind=cat`,
        headers: [{ key: 'X-Trace', value: 'har-test', enabled: true }],
        body: { mode: 'raw', text: '{"name":"Tom"}', contentType: 'application/json' },
        auth: {
          type: 'awsv4',
          source: {
            kind: 'keys',
            accessKeyId: sandbox.invoker.accessKeyId,
            secretAccessKey: secretRef,
            sessionToken: '',
          },
          region: 'eu-west-2',
          service: 'execute-api',
          addAuthDataTo: 'headers',
          expiresSeconds: 900,
        },
        timeoutMs: 10_000,
      },
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value.response.status).toBe(200);
    expect(recorded).toHaveLength(1);
    const wire = recorded[0]!;
    const signature = /Signature=([0-9a-f]{64})/.exec(
      wire.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value ?? '',
    )?.[1];
    expect(signature).toMatch(/^[0-9a-f]{64}$/);

    const outcome = await importAny(harOf(recorded), 'capture.har', new SecretStore());
    if (!outcome.ok || outcome.kind !== 'collection') throw new Error(JSON.stringify(outcome));
    expect(outcome.report).toMatchObject({
      format: 'har',
      name: 'capture',
      folders: 0,
      requests: 1,
      auth: { awsv4: 1 },
    });
    const [request] = requestsOf(outcome.collection);
    expect(request).toMatchObject({
      method: 'POST',
      url: `${recorderUrl}/pets?kind=cat`,
      body: { mode: 'raw', text: '{"name":"Tom"}', contentType: 'application/json' },
      auth: { type: 'awsv4', region: 'eu-west-2', service: 'execute-api', addAuthDataTo: 'headers' },
    });
    expect(request!.headers.map((h) => h.key.toLowerCase())).toEqual(
      expect.arrayContaining(['x-trace', 'content-type']),
    );
    for (const dropped of ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'host'])
      expect(request!.headers.map((h) => h.key.toLowerCase())).not.toContain(dropped);
    const stored = JSON.stringify(outcome.collection);
    for (const secret of [signature!, sandbox.invoker.secretAccessKey, sandbox.invoker.accessKeyId, 'AWS4-HMAC-SHA256'])
      expect(stored).not.toContain(secret);
  });

  it('imports a hand-made DevTools capture: query, JSON, urlencoded and multipart bodies, presigned URL', async () => {
    const secrets = new SecretStore();
    const text = readFileSync(join(__dirname, 'testdata/devtools-mixed.har'), 'utf8');
    const outcome = await importAny(text, 'devtools-mixed.har', secrets);
    if (!outcome.ok || outcome.kind !== 'collection') throw new Error(JSON.stringify(outcome));
    expect(outcome.report).toMatchObject({
      format: 'har',
      name: 'devtools-mixed',
      folders: 0,
      requests: 5,
      auth: { bearer: 1, none: 2, basic: 1, awsv4: 1 },
      variables: 0,
    });
    const [get, json, form, multipart, presigned] = requestsOf(outcome.collection);
    expect(get).toMatchObject({
      method: 'GET',
      url: 'https://api.example.test/v1/orders?status=open&page=2',
      headers: [{ key: 'accept', value: 'application/json', enabled: true }],
      body: { mode: 'none' },
      auth: { type: 'bearer' },
    });
    expect(json).toMatchObject({
      method: 'POST',
      headers: [
        { key: 'Content-Type', value: 'application/json' },
        { key: 'X-Request-Id', value: '7f3c' },
      ],
      body: { mode: 'raw', text: '{"item":"tea","qty":2}', contentType: 'application/json' },
    });
    expect(form).toMatchObject({
      headers: [],
      body: {
        mode: 'urlencoded',
        fields: [
          { key: 'user', value: 'alice' },
          { key: 'note', value: 'café au lait' },
        ],
      },
      auth: { type: 'basic', username: 'alice' },
    });
    expect(multipart).toMatchObject({
      method: 'PUT',
      headers: [],
      body: {
        mode: 'formdata',
        fields: [
          { key: 'title', kind: 'text', value: 'me at the beach' },
          { key: 'photo', kind: 'file', value: '', contentType: 'image/jpeg' },
        ],
      },
    });
    expect(presigned).toMatchObject({
      url: 'https://my-bucket.s3.eu-central-1.amazonaws.com/reports/q1.csv?versionId=3',
      auth: { type: 'awsv4', region: 'eu-central-1', service: 's3', addAuthDataTo: 'query', expiresSeconds: 3600 },
    });
    // The bearer token and the password went to the secret store; cookies, key ids and signatures nowhere.
    if (get!.auth.type !== 'bearer' || form!.auth.type !== 'basic') throw new Error('auth types');
    expect(secrets.reveal(get!.auth.token)).toBe('eyJhbGciOiJIUzI1NiJ9.payload.sig');
    expect(secrets.reveal(form!.auth.password)).toBe('s3cr3t!pw');
    const stored = JSON.stringify(outcome.collection);
    for (const secret of ['abc123secret', 's3cr3t', 'eyJhbGci', 'AKIAIOSFODNN7EXAMPLE', 'FQoGZXIv', '0f1e2d3c'])
      expect(stored).not.toContain(secret);
    expect(outcome.report.warnings.join('\n')).toMatch(/cookies were dropped/);
    expect(outcome.report.warnings.join('\n')).toMatch(/beach\.jpg/);
  });

  it('refuses a HAR whose entries are not a list, and skips entries without a request', async () => {
    expect(await importAny('{"log":{"entries":{}}}', 'x.har', new SecretStore())).toMatchObject({ ok: false });
    const outcome = await importAny(
      '{"log":{"entries":[1,{"request":{"method":"get","url":"http://h/"}}]}}',
      'x.har',
      new SecretStore(),
    );
    expect(outcome).toMatchObject({ ok: true, report: { format: 'har', requests: 1 } });
  });
});
