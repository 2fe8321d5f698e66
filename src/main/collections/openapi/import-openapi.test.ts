import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveAuth, walkItems, type Collection, type RequestItem } from '../../../shared/collection';
import type { Auth } from '../../../shared/model';
import { SecretStore } from '../../core/secrets';
import { importAny, type ImportOutcome } from '../import';

const APIGATEWAY = resolve(process.cwd(), '../shared/fixtures/openapi-apigateway');
const TESTDATA = resolve(__dirname, 'testdata');

async function importText(content: string, name: string): Promise<ImportOutcome> {
  return importAny(content, name, new SecretStore());
}

async function importFile(dir: string, file: string): Promise<ImportOutcome & { ok: true; kind: 'collection' }> {
  const outcome = await importText(readFileSync(resolve(dir, file), 'utf8'), file);
  if (!outcome.ok) throw new Error(`${file} refused: ${outcome.error}`);
  if (outcome.kind !== 'collection') throw new Error('expected a collection');
  return outcome;
}

function requests(collection: Collection): Array<{ item: RequestItem; auth: Auth; folder: string }> {
  const found: Array<{ item: RequestItem; auth: Auth; folder: string }> = [];
  walkItems(collection.items, (item, folders) => {
    if (item.type === 'request')
      found.push({
        item,
        auth: effectiveAuth(collection.auth, folders, item.request.auth),
        folder: folders.map((f) => f.name).join('/'),
      });
  });
  return found;
}

function named(collection: Collection, name: string) {
  const found = requests(collection).find((r) => r.item.request.name === name);
  if (!found) throw new Error(`no request named ${name}`);
  return found;
}

const variable = (collection: Collection, key: string) => collection.variables.find((v) => v.key === key)?.value;

describe('importOpenApi on API Gateway definitions from aws-samples', () => {
  it('apigw-sfn (HTTP API, one untagged route, no servers): one request under the execute-api template', async () => {
    const { collection, report } = await importFile(APIGATEWAY, 'serverless-patterns_apigw-sfn_api.yaml');
    expect(report).toMatchObject({
      format: 'openapi-3',
      name: 'processFormExample',
      folders: 0,
      requests: 1,
      auth: { none: 1 },
      variables: 3,
    });
    expect(variable(collection, 'baseUrl')).toBe('https://{{apiId}}.execute-api.{{region}}.amazonaws.com');
    const post = named(collection, 'POST /');
    expect(post.item.request).toMatchObject({ method: 'POST', url: '{{baseUrl}}/', body: { mode: 'none' } });
    expect(report.warnings.some((w) => w.includes('names no server'))).toBe(true);
  });

  it('http-api-direct-integration (no info.version): imports with a validation warning, three routes', async () => {
    const { collection, report } = await importFile(
      APIGATEWAY,
      'sessions-with-aws-sam_http-api-direct-integration_api.yaml',
    );
    expect(report).toMatchObject({
      name: 'DI All Integrations',
      folders: 0,
      requests: 3,
      auth: { none: 3 },
      variables: 3,
    });
    expect(requests(collection).map((r) => `${r.item.request.method} ${r.item.request.url}`)).toEqual([
      'POST {{baseUrl}}/sqs',
      'POST {{baseUrl}}/eb',
      'POST {{baseUrl}}/kinesis',
    ]);
    expect(report.warnings.some((w) => w.includes('does not fully follow'))).toBe(true);
  });

  it('appsync-apigateway-dynamodb restapi: five IAM (awsSigv4) operations signed at the collection level', async () => {
    const { collection, report } = await importFile(
      APIGATEWAY,
      'serverless-patterns_appsync-apigateway-dynamodb-sam_restapi_api.yaml',
    );
    // baseUrl, apiId, region, stage (REST API) and the path parameter restaurantid.
    expect(report).toMatchObject({ folders: 0, requests: 5, auth: { awsv4: 5 }, variables: 5 });
    expect(report.name).toBe('Restaurants API for DynamoDB CRUD');
    // The host is a template, so region and service are left for Signet to derive from the sent URL.
    expect(collection.auth).toEqual({
      type: 'awsv4',
      source: { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' },
      region: '',
      service: '',
      addAuthDataTo: 'headers',
      expiresSeconds: 900,
    });
    expect(requests(collection).every((r) => r.item.request.auth.type === 'inherit')).toBe(true);
    expect(variable(collection, 'baseUrl')).toBe('https://{{apiId}}.execute-api.{{region}}.amazonaws.com/{{stage}}');
    expect(named(collection, 'DELETE /restaurants/{restaurantid}').item.request.url).toBe(
      '{{baseUrl}}/restaurants/{{restaurantid}}',
    );
    const post = named(collection, 'POST /restaurants').item.request.body;
    expect(post.mode).toBe('raw');
    if (post.mode !== 'raw') return;
    expect(post.contentType).toBe('application/json');
    expect(JSON.parse(post.text)).toEqual({
      restaurantId: 'string',
      name: 'string',
      state: 'string',
      zip: 'string',
      cuisine: 'Multi',
    });
  });
});

describe('importOpenApi on files written for these tests', () => {
  it('OpenAPI 3 JSON: servers with a basePath variable, tags, params, a $ref body and three auth kinds', async () => {
    const { collection, report } = await importFile(TESTDATA, 'orders.openapi.json');
    expect(report).toMatchObject({
      format: 'openapi-3',
      name: 'Signet Orders',
      folders: 2,
      requests: 5,
      auth: { awsv4: 3, apikey: 1, none: 1 },
      variables: 4,
    });
    expect(report.warnings).toEqual([]);
    expect(collection.variables.map((v) => [v.key, v.value])).toEqual([
      ['baseUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/{{basePath}}'],
      ['basePath', 'prod'],
      ['status', 'open'],
      ['orderId', 'o-42'],
    ]);
    expect(collection.auth).toMatchObject({ type: 'awsv4', region: 'eu-west-1', service: 'execute-api' });
    expect(collection.items.map((i) => (i.type === 'folder' ? `${i.name}/` : i.request.name))).toEqual([
      'orders/',
      'admin/',
      'GET /health',
    ]);
    const list = named(collection, 'listOrders');
    expect(list.folder).toBe('orders');
    expect(list.item.request.url).toBe('{{baseUrl}}/orders?status={{status}}');
    // The optional parameter is a switched-off row holding its example: not sent until switched on.
    expect(list.item.request.query).toEqual([
      { key: 'status', value: '{{status}}' },
      { key: 'limit', value: '10', disabled: true },
    ]);
    const get = named(collection, 'getOrder').item.request;
    expect(get.url).toBe('{{baseUrl}}/orders/{{orderId}}');
    expect(get.headers).toEqual([{ key: 'X-Request-Id', value: '', enabled: false }]);
    expect(named(collection, 'deleteOrder').auth).toEqual({
      type: 'apikey',
      key: 'x-api-key',
      value: '{{apiKey}}',
      in: 'header',
    });
    expect(named(collection, 'GET /health').auth).toEqual({ type: 'none' });
    const body = named(collection, 'Create an order').item.request.body;
    if (body.mode !== 'raw') throw new Error('expected a raw body');
    // The circular Customer.referredBy stops at the cycle instead of recursing.
    expect(JSON.parse(body.text)).toEqual({
      id: 0,
      item: 'coffee',
      quantity: 1,
      size: 'small',
      tags: ['string'],
      customer: { email: 'user@example.com' },
    });
  });

  it('Swagger 2 YAML: host + basePath + schemes, auth per operation when they differ', async () => {
    const { collection, report } = await importFile(TESTDATA, 'pets.swagger.yaml');
    expect(report).toMatchObject({
      format: 'swagger-2',
      name: 'Signet Pets',
      folders: 2,
      requests: 4,
      auth: { awsv4: 3, apikey: 1 },
      variables: 3,
    });
    expect(collection.auth).toEqual({ type: 'none' });
    expect(variable(collection, 'baseUrl')).toBe('https://abc123.execute-api.us-east-2.amazonaws.com/prod');
    expect(named(collection, 'listPets').item.request.url).toBe('{{baseUrl}}/pets?type={{type}}');
    expect(variable(collection, 'type')).toBe('cat');
    expect(named(collection, 'getPet').item.request.url).toBe('{{baseUrl}}/pets/{{petId}}');
    expect(variable(collection, 'petId')).toBe('p-7');
    expect(named(collection, 'List stores')).toMatchObject({
      folder: 'stores',
      auth: { type: 'awsv4', region: 'us-east-2', service: 'execute-api' },
    });
    const body = named(collection, 'createPet').item.request.body;
    expect(body).toMatchObject({ mode: 'raw', contentType: 'application/json' });
    if (body.mode === 'raw') expect(JSON.parse(body.text)).toEqual({ name: 'Rex', age: 0, vaccinated: true });
  });
});

describe('importOpenApi refusals', () => {
  it('refuses a document with no paths in one line', async () => {
    const outcome = await importText(
      JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' } }),
      'x.json',
    );
    expect(outcome).toEqual({ ok: false, error: 'the document has no "paths", so there are no requests to import' });
    const empty = await importText('swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n', 'x.yaml');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error).toContain('no operations');
  });

  it('refuses an external $ref without contacting it', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end('{"type":"object"}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const doc = {
        openapi: '3.0.3',
        info: { title: 'x', version: '1' },
        paths: {
          '/a': {
            post: {
              requestBody: { content: { 'application/json': { schema: { $ref: `http://127.0.0.1:${port}/s.json` } } } },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      };
      const outcome = await importText(JSON.stringify(doc), 'x.json');
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatch(/^the document refers to another file or URL .*bundle it/);
      const local = await importText(JSON.stringify({ ...doc, paths: { '/a': { $ref: 'paths.yaml#/a' } } }), 'y.json');
      expect(local.ok).toBe(false);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('inputs that once took quadratic time', () => {
  it('a server URL with a long run of slashes inside imports at once (a trailing-slash regex took minutes)', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 'Slashes', version: '1' },
      servers: [{ url: `https://h.example.com${'/'.repeat(200_000)}x` }],
      paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } },
    };
    const started = performance.now();
    const outcome = await importText(JSON.stringify(doc), 'slashes.json');
    expect(outcome.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
