import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveAuth, type Collection, type Environment, type RequestItem } from '../../../shared/collection';
import type { Auth } from '../../../shared/model';
import { SecretStore } from '../../core/secrets';
import { importAny, type ImportOutcome } from '../import';

const FIXTURES = resolve(process.cwd(), '../shared/fixtures/insomnia');
const TESTDATA = resolve(__dirname, 'testdata');

type Imported = ImportOutcome & { ok: true; kind: 'collection' };

async function importFile(path: string, secrets = new SecretStore()): Promise<Imported> {
  const outcome = await importAny(readFileSync(path, 'utf8'), path.split('/').pop()!, secrets);
  if (!outcome.ok) throw new Error(`${path} refused: ${outcome.error}`);
  if (outcome.kind !== 'collection') throw new Error('expected a collection');
  return outcome;
}

function requestNamed(collection: Collection, name: string): { item: RequestItem; auth: Auth } {
  let found: { item: RequestItem; auth: Auth } | undefined;
  const visit = (items: Collection['items'], folders: Parameters<typeof effectiveAuth>[1]): void => {
    for (const item of items) {
      if (item.type === 'folder') visit(item.items, [...folders, item]);
      else if (item.request.name === name)
        found = { item, auth: effectiveAuth(collection.auth, folders, item.request.auth) };
    }
  };
  visit(collection.items, []);
  if (!found) throw new Error(`no request named ${name}`);
  return found;
}

function values(environment: Environment): Record<string, string> {
  return Object.fromEntries(environment.values.map((value) => [value.key, value.value]));
}

describe('importInsomnia on real Insomnia exports', () => {
  it('imports the inso v4 export: 1 folder, 13 requests, base and sub environment', async () => {
    const { collection, report, environments } = await importFile(resolve(FIXTURES, 'insomnia-inso_insomnia_v4.json'));
    // Counted by hand: 1 request_group, 13 request, all authentication {} (inherit, nothing above: none).
    expect(report).toMatchObject({
      format: 'insomnia-v4',
      name: 'Swagger Petstore 1.0.0',
      folders: 1,
      requests: 13,
      auth: { none: 13 },
      variables: 1,
    });
    expect(report.warnings).toContain(
      'not imported: 1 × cookie jar, 1 × API design document, 1 × unit test suite, 2 × unit test',
    );
    expect(collection.variables).toEqual([
      { key: 'base_url', value: '{{scheme}}://{{host}}{{base_path}}', enabled: true },
    ]);
    expect(environments).toHaveLength(1);
    expect(environments![0]!.name).toBe('Swagger Petstore 1.0.0 › OpenAPI env');
    expect(values(environments![0]!)).toEqual({
      scheme: 'http',
      base_path: '/v2',
      host: 'petstore.swagger.io',
      apiKey: 'apiKey',
    });
    // Folder first (lowest metaSortKey), as Insomnia shows it.
    expect(collection.items[0]).toMatchObject({ type: 'folder', name: 'Example Folder' });
    const login = requestNamed(collection, 'Logs user into the system').item.request;
    expect(login.url).toBe('{{base_url}}/user/login?username=string&password=string');
    const add = requestNamed(collection, 'Add a new pet to the store').item.request;
    expect(add.method).toBe('POST');
    expect(add.body).toMatchObject({ mode: 'raw', contentType: 'application/json' });
    expect(add.headers).toEqual([{ key: 'Content-Type', value: 'application/json', enabled: true }]);
    expect(requestNamed(collection, 'Returns pet inventories by status').item.request.headers[0]!.value).toBe(
      '{{apiKey}}',
    );
  });

  it("imports Insomnia's own iam output as AWS Signature with the secrets stored", async () => {
    const secrets = new SecretStore();
    const file = 'insomnia_aws-signature-auth-v2_1-output.json';
    const { collection, report } = await importFile(resolve(FIXTURES, file), secrets);
    // No workspace resource: the folder's placeholder parent __WORKSPACE_ID__ makes it a root item.
    expect(report).toMatchObject({ folders: 1, requests: 1, auth: { awsv4: 1 }, variables: 0 });
    expect(report.name).toBe('insomnia_aws-signature-auth-v2_1-output');
    const auth = requestNamed(collection, 'AWS Signature').auth;
    if (auth.type !== 'awsv4' || auth.source.kind !== 'keys') throw new Error('expected AWS keys');
    expect(auth).toMatchObject({ region: 'aws-region', service: 'aws-service-name' });
    expect(auth.source.accessKeyId).toBe('aws-access-key');
    expect(auth.source.secretAccessKey).toMatch(/^secret:/);
    expect(secrets.reveal(auth.source.secretAccessKey)).toBe('aws-secret-key');
    expect(secrets.reveal(auth.source.sessionToken)).toBe('aws-session-token');
    expect(JSON.stringify(collection)).not.toContain('aws-secret-key');
  });
});

describe('importInsomnia on hand-written v4 YAML and v5 YAML', () => {
  it('v4 YAML: folders, bodies, every auth kind, environments', async () => {
    const secrets = new SecretStore();
    const { collection, report, environments } = await importFile(resolve(TESTDATA, 'orders-v4.yaml'), secrets);
    expect(report).toMatchObject({
      format: 'insomnia-v4',
      name: 'Orders API',
      folders: 2,
      requests: 8,
      auth: { awsv4: 2, none: 2, basic: 1, bearer: 1, apikey: 1, unsupported: 1 },
      variables: 3,
    });
    const list = requestNamed(collection, 'List orders');
    expect(list.item.request.url).toBe('{{base_url}}/orders?limit=10');
    // The disabled parameter is kept as a switched-off row, not sent.
    expect(list.item.request.query).toEqual([
      { key: 'limit', value: '10' },
      { key: 'debug', value: '1', disabled: true },
    ]);
    if (list.auth.type !== 'awsv4' || list.auth.source.kind !== 'keys') throw new Error('expected AWS keys');
    expect(list.auth).toMatchObject({ region: '{{region}}', service: 'execute-api', addAuthDataTo: 'headers' });
    expect(list.auth.source.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(list.auth.source.secretAccessKey).toMatch(/^secret:/);
    expect(list.auth.source.sessionToken).toMatch(/^secret:/);
    expect(secrets.reveal(list.auth.source.secretAccessKey)).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    const stored = JSON.stringify(collection);
    for (const plain of [
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
      'basic-pass-example',
      'bearer-token-example',
      'apikey-value-example',
      'oauth-client-secret-example',
    ])
      expect(stored).not.toContain(plain);
    expect(requestNamed(collection, 'Create order').item.request.body).toEqual({
      mode: 'raw',
      text: '{\n  "sku": "{{sku}}",\n  "quantity": 2\n}',
      contentType: 'application/json',
    });
    const purge = requestNamed(collection, 'Purge cache');
    expect(purge.item.request.method).toBe('PURGE');
    expect(purge.auth).toEqual({ type: 'none' });
    expect(report.warnings.join('\n')).not.toContain('PURGE');
    expect(requestNamed(collection, 'Login').item.request.body).toEqual({
      mode: 'urlencoded',
      fields: [
        { key: 'grant_type', value: 'password', enabled: true },
        { key: 'scope', value: 'orders', enabled: false },
      ],
    });
    const login = requestNamed(collection, 'Login').auth;
    expect(login.type === 'basic' && login.username).toBe('alice');
    expect(requestNamed(collection, 'Upload').item.request.body).toEqual({
      mode: 'formdata',
      fields: [
        { key: 'note', value: 'receipt', enabled: true, kind: 'text' },
        { key: 'photo', value: '/home/alice/photo.png', enabled: true, kind: 'file' },
      ],
    });
    expect(requestNamed(collection, 'Raw upload').item.request.body).toEqual({
      mode: 'binary',
      filePath: '/tmp/data.bin',
    });
    expect(requestNamed(collection, 'Raw upload').auth).toMatchObject({
      type: 'apikey',
      key: 'X-Api-Key',
      in: 'header',
    });
    expect(requestNamed(collection, 'GraphQL orders').item.request.body).toEqual({
      mode: 'graphql',
      query: 'query Orders($first: Int) { orders(first: $first) { id } }',
      variables: '{\n  "first": 2\n}',
    });
    expect(requestNamed(collection, 'GraphQL orders').auth).toMatchObject({
      type: 'unsupported',
      postmanType: 'oauth2',
    });
    expect(requestNamed(collection, 'Status').auth).toEqual({ type: 'none' });
    const orders = collection.items.find((item) => item.type === 'folder' && item.name === 'Orders');
    expect(orders?.type === 'folder' && orders.variables).toEqual([{ key: 'stage', value: 'prod', enabled: true }]);
    expect(environments?.map((env) => env.name)).toEqual(['Orders API › Dev', 'Orders API › Prod']);
    expect(values(environments![0]!)).toEqual({
      base_url: 'https://dev456.execute-api.eu-west-1.amazonaws.com/dev',
      sku: 'SKU-1',
      'limits.daily': '5',
      'limits.tags': '["a","b"]',
    });
  });

  it('v5 YAML: children, folder iam auth, skipped WebSocket, sub environments', async () => {
    const secrets = new SecretStore();
    const { collection, report, environments } = await importFile(resolve(TESTDATA, 'inventory-v5.yaml'), secrets);
    expect(report).toMatchObject({
      format: 'insomnia-v5',
      name: 'Inventory',
      folders: 1,
      requests: 3,
      auth: { awsv4: 1, bearer: 1, unsupported: 1 },
      variables: 3,
    });
    expect(collection.description).toBe('Inventory service behind API Gateway');
    const list = requestNamed(collection, 'List items');
    expect(list.item.request.url).toBe('{{base_url}}/items?page={{page}}');
    expect(list.item.request.description).toBe('Lists items');
    if (list.auth.type !== 'awsv4' || list.auth.source.kind !== 'keys') throw new Error('expected AWS keys');
    expect(list.auth).toMatchObject({ region: 'us-east-2', service: 'execute-api' });
    expect(list.auth.source.sessionToken).toBe('');
    expect(secrets.reveal(list.auth.source.secretAccessKey)).toBe('v5SecretAccessKeyExample/abc+xyz');
    expect(JSON.stringify(collection)).not.toContain('v5SecretAccessKeyExample');
    expect(JSON.stringify(collection)).not.toContain('digest-pass-example');
    expect(requestNamed(collection, 'Put item').auth).toEqual({ type: 'bearer', token: '{{token}}' });
    expect(report.warnings).toContain('Items / Live feed: WebSocket requests are not supported; skipped');
    expect(report.warnings).toContain('1 pre-request/after-response scripts were dropped: Signet does not run scripts');
    expect(collection.variables.map((row) => row.key)).toEqual(['base_url', 'token']);
    expect(environments?.map((env) => env.name)).toEqual(['Inventory › Staging']);
    expect(values(environments![0]!)).toEqual({
      base_url: 'https://xyz789.execute-api.us-east-2.amazonaws.com/staging',
      page: '2',
    });
  });

  it('reads the same v4 export as JSON and as YAML', async () => {
    const yamlFile = await importFile(resolve(TESTDATA, 'orders-v4.yaml'));
    const { parse } = await import('yaml');
    const json = JSON.stringify(parse(readFileSync(resolve(TESTDATA, 'orders-v4.yaml'), 'utf8')));
    const outcome = await importAny(json, 'orders-v4.json', new SecretStore());
    expect(outcome.ok && outcome.report).toMatchObject({ ...yamlFile.report, warnings: yamlFile.report.warnings });
  });
});

describe('importInsomnia refusals', () => {
  const refuse = async (content: string): Promise<string> => {
    const outcome = await importAny(content, 'bad.json', new SecretStore());
    if (outcome.ok) throw new Error('expected a refusal');
    expect(outcome.error).not.toContain('\n');
    return outcome.error;
  };

  it('refuses a v4 export without a resources list', async () => {
    expect(await refuse('{"_type":"export","__export_format":4,"resources":7}')).toBe(
      'not an Insomnia v4 export: "resources" must be a list',
    );
  });

  it('refuses a v5 collection whose collection is not a list', async () => {
    expect(await refuse('type: collection.insomnia.rest/5.0\nname: x\ncollection: 3\n')).toBe(
      'not an Insomnia v5 collection: "collection" must be a list of requests and folders',
    );
  });

  it('refuses folders nested past the limit, and stores no secret then', async () => {
    const secrets = new SecretStore();
    let level: unknown = {
      name: 'r',
      url: 'https://x',
      method: 'GET',
      authentication: { type: 'bearer', token: 'deep-secret' },
    };
    for (let i = 0; i < 70; i += 1) level = { name: `f${i}`, children: [level] };
    const text = JSON.stringify({ type: 'collection.insomnia.rest/5.0', name: 'deep', collection: [level] });
    const outcome = await importAny(text, 'deep.yaml', secrets);
    expect(outcome).toEqual({ ok: false, error: 'folders nest deeper than 64 levels' });
  });

  it('refuses an unsupported export format number by name', async () => {
    expect(await refuse('{"_type":"export","__export_format":3,"resources":[]}')).toMatch(/export format 3/);
  });
});
