import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Collection as PostmanCollection } from 'postman-collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../../../shared/collection';
import { type Auth, type RequestSpec } from '../../../shared/model';
import { emptyRequest } from '../../../shared/request-basics';
import { SecretStore } from '../../core/secrets';
import { startSandbox, type Sandbox } from '../../sandbox';
import { exportPostman } from './export-postman';
import { importPostman } from './import-postman';

interface NewmanSummary {
  readonly run: {
    readonly executions: ReadonlyArray<{
      readonly item: { readonly name: string };
      readonly response?: { readonly code: number; readonly stream?: Buffer };
    }>;
  };
}
interface Newman {
  run(
    options: { collection: unknown; reporters: string[]; timeoutRequest: number },
    done: (error: Error | null, summary: NewmanSummary) => void,
  ): void;
}
// newman ships no types; only `run` is used.
const newman = createRequire(import.meta.url)('newman') as Newman;

function runNewmanFull(json: string): Promise<NewmanSummary['run']['executions']> {
  return new Promise((resolve, reject) => {
    newman.run({ collection: JSON.parse(json), reporters: [], timeoutRequest: 10_000 }, (error, summary) => {
      if (error) return reject(error);
      resolve(summary.run.executions);
    });
  });
}

async function runNewman(json: string): Promise<Record<string, number>> {
  const executions = await runNewmanFull(json);
  return Object.fromEntries(executions.map((e) => [e.item.name, e.response?.code ?? 0]));
}

let sandbox: Sandbox;
let basicServer: Server;
let basicUrl: string;
const secrets = new SecretStore();

beforeAll(async () => {
  sandbox = await startSandbox();
  // Answers 200 only to Basic alice:wonderland, like any basic-auth API.
  basicServer = createServer((req, res) => {
    const expected = `Basic ${Buffer.from('alice:wonderland').toString('base64')}`;
    res.writeHead(req.headers.authorization === expected ? 200 : 401).end();
  });
  await new Promise<void>((done) => basicServer.listen(0, '127.0.0.1', done));
  basicUrl = `http://127.0.0.1:${(basicServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sandbox.close();
  await new Promise((done) => basicServer.close(done));
});

async function buildCollection(): Promise<Collection> {
  const secretKey = (await secrets.put(sandbox.invoker.secretAccessKey)).ref;
  const password = (await secrets.put('wonderland')).ref;
  const awsv4 = (secretAccessKey: string): Auth => ({
    type: 'awsv4',
    source: { kind: 'keys', accessKeyId: sandbox.invoker.accessKeyId, secretAccessKey, sessionToken: '' },
    region: sandbox.region,
    service: 'execute-api',
    addAuthDataTo: 'headers',
    expiresSeconds: 900,
  });
  const request = (
    id: string,
    url: string,
    auth: Auth = { type: 'inherit' },
  ): { type: 'request'; id: string; request: RequestSpec } => ({
    type: 'request',
    id,
    request: { ...emptyRequest(id), name: id, method: 'GET', url, auth },
  });
  const allowed = `${sandbox.apiUrl}${sandbox.allowed.path}`;
  return {
    id: 'newman-check',
    name: 'Newman check',
    variables: [{ key: 'api', value: sandbox.apiUrl, enabled: true }],
    auth: awsv4(secretKey),
    schemaVersion: 1,
    items: [
      request('signed-inherited', `{{api}}${sandbox.allowed.path}`),
      request('signed-wrong-secret', allowed, awsv4('wrong-secret-not-stored')),
      {
        type: 'folder',
        id: 'public',
        name: 'public',
        auth: { type: 'none' },
        variables: [],
        items: [request('unsigned-under-noauth', allowed)],
      },
      {
        type: 'folder',
        id: 'basic',
        name: 'basic',
        auth: { type: 'basic', username: 'alice', password },
        variables: [],
        items: [request('basic-inherited', basicUrl), request('basic-overridden-noauth', basicUrl, { type: 'none' })],
      },
    ],
  };
}

describe('export to Postman v2.1, run by newman', () => {
  it('newman signs and sends the enabled query rows only, from the exported URL parts', async () => {
    const secretKey = (await secrets.put(sandbox.invoker.secretAccessKey)).ref;
    const collection: Collection = {
      id: 'newman-query',
      name: 'Newman query',
      variables: [],
      schemaVersion: 1,
      auth: {
        type: 'awsv4',
        source: {
          kind: 'keys',
          accessKeyId: sandbox.invoker.accessKeyId,
          secretAccessKey: secretKey,
          sessionToken: '',
        },
        region: sandbox.region,
        service: 'execute-api',
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
      },
      items: [
        {
          type: 'request',
          id: 'with-query',
          request: {
            ...emptyRequest('with-query'),
            name: 'with-query',
            url: `${sandbox.apiUrl}${sandbox.allowed.path}?a=1&b=two`,
            query: [
              { key: 'a', value: '1', description: 'kept' },
              { key: 'off', value: 'never-sent', disabled: true, description: 'switched off' },
              { key: 'b', value: 'two' },
            ],
            auth: { type: 'inherit' },
          },
        },
      ],
    };
    const exported = exportPostman(collection, { includeSecrets: true, reveal: (ref) => secrets.reveal(ref) });
    const [execution] = await runNewmanFull(exported.json);
    expect(execution?.response?.code).toBe(200);
    const echo = JSON.parse(execution!.response!.stream!.toString('utf8')) as { query: Record<string, string> };
    expect(echo.query).toEqual({ a: '1', b: 'two' });
  });

  it('keeps awsv4, basic and inheritance so that newman gets the same answers', async () => {
    const collection = await buildCollection();
    const exported = exportPostman(collection, { includeSecrets: true, reveal: (ref) => secrets.reveal(ref) });
    expect(exported.fileName).toBe('Newman check.postman_collection.json');
    expect(await runNewman(exported.json)).toEqual({
      'signed-inherited': 200,
      'signed-wrong-secret': 403,
      'unsigned-under-noauth': 403,
      'basic-inherited': 200,
      'basic-overridden-noauth': 401,
    });
  });

  it('leaves stored secrets out unless asked, and says so', async () => {
    const collection = await buildCollection();
    const exported = exportPostman(collection, { includeSecrets: false, reveal: (ref) => secrets.reveal(ref) });
    expect(exported.json).not.toContain(sandbox.invoker.secretAccessKey);
    expect(exported.json).not.toContain('wonderland');
    expect(exported.notes[0]).toMatch(/^2 secret values were exported empty/);
    const statuses = await runNewman(exported.json);
    expect(statuses['signed-inherited']).toBe(403);
    expect(statuses['basic-inherited']).toBe(401);
  });

  it('writes JSON that the postman-collection SDK and Signet read back the same', async () => {
    const collection = await buildCollection();
    const exported = exportPostman(collection, { includeSecrets: false, reveal: () => undefined });
    const sdk = new PostmanCollection(JSON.parse(exported.json));
    expect(sdk.auth?.type).toBe('awsv4');
    expect(sdk.auth?.parameters().get('region')).toBe(sandbox.region);
    const back = await importPostman(exported.json, exported.fileName, new SecretStore());
    if (!back.ok) throw new Error(back.error);
    expect(back.report).toMatchObject({
      format: 'postman-v2.1',
      folders: 2,
      requests: 5,
      auth: { awsv4: 2, none: 2, basic: 1 },
      variables: 1,
    });
  });
});
