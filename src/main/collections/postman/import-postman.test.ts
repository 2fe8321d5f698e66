import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  effectiveAuth,
  findItem,
  type Collection,
  type Environment,
  type RequestItem,
} from '../../../shared/collection';
import type { Auth } from '../../../shared/model';
import { SecretStore } from '../../core/secrets';
import { importPostman, type ImportOutcome } from './import-postman';

const COLLECTIONS = resolve(process.cwd(), '../shared/fixtures/postman/collections');
const ENVIRONMENTS = resolve(process.cwd(), '../shared/fixtures/postman-environments');

async function importFixture(
  dir: string,
  file: string,
  secrets = new SecretStore(),
): Promise<ImportOutcome & { ok: true }> {
  const outcome = await importPostman(readFileSync(resolve(dir, file), 'utf8'), file, secrets);
  if (!outcome.ok) throw new Error(`${file} refused: ${outcome.error}`);
  return outcome;
}

async function importCollection(file: string, secrets = new SecretStore()): Promise<Collection> {
  const outcome = await importFixture(COLLECTIONS, file, secrets);
  if (outcome.kind !== 'collection') throw new Error('expected a collection');
  return outcome.collection;
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

// Counted by hand from the files (folders = items with an "item" list; auth after Postman inheritance).
const EXPECTED = [
  [
    'aws-performance-dashboard_API.postman_collection.json',
    'postman-v2.1',
    8,
    42,
    { bearer: 34, apikey: 4, none: 4 },
    3,
    0,
  ],
  ['bruno_AWS.postman_collection.json', 'postman-v2.1', 0, 2, { awsv4: 2 }, 0, 0],
  ['bruno_Basic_Auth_Folder.postman_collection.json', 'postman-v2.1', 3, 8, { basic: 7, none: 1 }, 0, 0],
  ['bruno_postman-collection-vars-mixed-disabled.json', 'postman-v2.1', 0, 1, { none: 1 }, 3, 0],
  // 6 requests without a usable method and 1 item without any request.
  ['bruno_postman-with-import-issues.json', 'postman-v2.1', 2, 13, { none: 13 }, 2, 7],
  ['insomnia_aws-signature-auth-v2_0-input.json', 'postman-v2.0', 0, 1, { awsv4: 1 }, 0, 0],
  ['insomnia_aws-signature-auth-v2_1-input.json', 'postman-v2.1', 0, 1, { awsv4: 1 }, 0, 0],
  ['insomnia_complex-v2_0-input.json', 'postman-v2.0', 1, 6, { none: 6 }, 0, 1],
  ['insomnia_complex-v2_1-input.json', 'postman-v2.1', 1, 6, { none: 6 }, 0, 1],
  // Test scripts: 3 requests each name what did not become checks.
  ['jpostman_Nested.postman_collection.json', 'postman-v2.1', 3, 12, { none: 12 }, 0, 5],
  [
    'jpostman_auth.postman_collection.json',
    'postman-v2.1',
    1,
    12,
    { none: 2, apikey: 2, basic: 1, awsv4: 1, unsupported: 6 },
    0,
    6,
  ],
  ['jpostman_body-test.postman_collection.json', 'postman-v2.1', 0, 10, { none: 10 }, 2, 1],
  ['postman-schemas_nestedEntities.json', 'postman-v2.1', 1, 2, { basic: 1, unsupported: 1 }, 2, 4],
] as const;

describe('importPostman: every collection fixture', () => {
  it.each(EXPECTED)('%s', async (file, format, folders, requests, auth, variables, warnings) => {
    const { report } = await importFixture(COLLECTIONS, file);
    expect(report).toMatchObject({ format, folders, requests, auth, variables });
    expect(report.warnings).toHaveLength(warnings);
  });

  it('names what it dropped or changed in the off-schema file', async () => {
    const { report } = await importFixture(COLLECTIONS, 'bruno_postman-with-import-issues.json');
    expect(report.warnings).toContain('API Folder / Deep Subfolder / Deep Bad Method: no HTTP method; set to GET');
    expect(report.warnings).toContain('No Request Object At All: item has no request; imported as an empty GET');
    const complex = await importFixture(COLLECTIONS, 'insomnia_complex-v2_1-input.json');
    expect(complex.report.warnings).toEqual([
      'Test Request Unknown Body: body mode "unknown" is not supported; body dropped',
    ]);
  });
});

describe('importPostman: awsv4 and inheritance', () => {
  it('keeps collection-level awsv4, the request that inherits it and the one that overrides it', async () => {
    const secrets = new SecretStore();
    const collection = await importCollection('bruno_AWS.postman_collection.json', secrets);
    expect(collection.auth).toMatchObject({
      type: 'awsv4',
      region: 'us-west-1',
      service: 'serviceName',
      addAuthDataTo: 'headers',
    });
    if (collection.auth.type !== 'awsv4' || collection.auth.source.kind !== 'keys')
      throw new Error('awsv4 keys expected');
    expect(collection.auth.source.accessKeyId).toBe('accessKey');
    expect(collection.auth.source.sessionToken).toBe('{{token}}');
    expect(collection.auth.source.secretAccessKey).toMatch(/^secret:/);
    expect(secrets.reveal(collection.auth.source.secretAccessKey)).toBe('secret');

    const inherit = requestNamed(collection, 'Inherit');
    expect(inherit.item.request.auth).toEqual({ type: 'inherit' });
    expect(inherit.auth).toBe(collection.auth);
    const own = requestNamed(collection, 'Own Auth');
    expect(own.auth).toMatchObject({
      type: 'awsv4',
      region: 'us-east1',
      service: 'service_name',
      source: { accessKeyId: 'newAccessKey' },
    });
    if (own.auth.type !== 'awsv4' || own.auth.source.kind !== 'keys') throw new Error('awsv4 keys expected');
    expect(secrets.reveal(own.auth.source.sessionToken)).toBe('sessionToken');
    expect(JSON.stringify(collection)).not.toContain('newSecretKey');
  });

  it('reads the v2.0 object form and the v2.1 array form to the same auth', async () => {
    const secrets = new SecretStore();
    const reveal = (auth: Auth): unknown =>
      auth.type === 'awsv4' && auth.source.kind === 'keys'
        ? {
            ...auth,
            source: {
              ...auth.source,
              secretAccessKey: secrets.reveal(auth.source.secretAccessKey),
              sessionToken: secrets.reveal(auth.source.sessionToken),
            },
          }
        : auth;
    const v20 = await importCollection('insomnia_aws-signature-auth-v2_0-input.json', secrets);
    const v21 = await importCollection('insomnia_aws-signature-auth-v2_1-input.json', secrets);
    const expected = {
      type: 'awsv4',
      source: {
        kind: 'keys',
        accessKeyId: 'aws-access-key',
        secretAccessKey: 'aws-secret-key',
        sessionToken: 'aws-session-token',
      },
      region: 'aws-region',
      service: 'aws-service-name',
      addAuthDataTo: 'headers',
      expiresSeconds: 900,
    };
    expect(reveal(requestNamed(v20, 'AWS Signature').auth)).toEqual(expected);
    expect(reveal(requestNamed(v21, 'AWS Signature').auth)).toEqual(expected);
    expect(requestNamed(v20, 'AWS Signature').item.request.url).toBe('https://insomnia.rest');
  });

  it('reads a boolean addAuthDataToQuery and defaults the region to us-east-1', async () => {
    const collection = await importCollection('jpostman_auth.postman_collection.json');
    expect(requestNamed(collection, 'AWS Signature').auth).toMatchObject({
      type: 'awsv4',
      region: 'awsRegion',
      addAuthDataTo: 'headers',
    });
    const json = JSON.stringify({
      info: { name: 'q', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'presigned',
          request: {
            method: 'GET',
            url: 'https://x',
            auth: { type: 'awsv4', awsv4: [{ key: 'addAuthDataToQuery', value: true, type: 'boolean' }] },
          },
        },
      ],
    });
    const outcome = await importPostman(json, 'q.json', new SecretStore());
    if (!outcome.ok || outcome.kind !== 'collection') throw new Error('import failed');
    expect(requestNamed(outcome.collection, 'presigned').auth).toMatchObject({
      type: 'awsv4',
      region: 'us-east-1',
      service: '',
      addAuthDataTo: 'query',
    });
  });

  it('stops inheritance at a noauth folder and keeps folder-level basic auth', async () => {
    const collection = await importCollection('bruno_Basic_Auth_Folder.postman_collection.json');
    const folders = collection.items.filter((item) => item.type === 'folder');
    expect(folders.map((folder) => folder.auth.type)).toEqual(['inherit', 'basic', 'none']);
    const noauthFolder = folders[2]!;
    if (noauthFolder.type !== 'folder') throw new Error('folder expected');
    const inheritors = noauthFolder.items.filter(
      (item) => item.type === 'request' && item.request.auth.type === 'inherit',
    );
    expect(inheritors).toHaveLength(1);
    expect(effectiveAuth(collection.auth, [noauthFolder], { type: 'inherit' })).toEqual({ type: 'none' });
  });

  it('keeps three levels of basic auth and oauth1 as unsupported, secrets out of the file', async () => {
    const secrets = new SecretStore();
    const collection = await importCollection('jpostman_auth.postman_collection.json', secrets);
    const ntlm = requestNamed(collection, 'NTLM').auth;
    expect(ntlm).toMatchObject({ type: 'unsupported', postmanType: 'ntlm' });
    expect(JSON.stringify(collection)).not.toContain('NTLMPassword');
    expect(JSON.stringify(collection)).not.toContain('fakepassword');
    expect(requestNamed(collection, 'API-key').auth).toMatchObject({ type: 'apikey', key: 'x-api-key', in: 'header' });
  });
});

describe('importPostman: requests and bodies', () => {
  it('converts every body mode', async () => {
    const collection = await importCollection('jpostman_body-test.postman_collection.json');
    const body = (name: string): unknown => requestNamed(collection, name).item.request.body;
    expect(body('Raw-text JSON')).toMatchObject({ mode: 'raw', contentType: 'application/json' });
    expect(body('Raw-text XML')).toMatchObject({ mode: 'raw', contentType: 'application/xml' });
    expect(body('Raw-text')).toMatchObject({
      mode: 'raw',
      text: 'This is some text in the body',
      contentType: 'text/plain',
    });
    expect(body('Binary')).toEqual({ mode: 'binary', filePath: '8vhckkNqZ/jenkins-small.png' });
    expect(body('GraphQL')).toMatchObject({ mode: 'graphql', variables: '{\n    "limit":2\n}' });
    expect(body('URLEncoded Data')).toMatchObject({
      mode: 'urlencoded',
      fields: [{ key: 'x-field-1' }, { key: 'x-field-2' }, { value: '{{Xfield3value}}' }],
    });
    expect(body('Body None')).toEqual({ mode: 'none' });
  });

  it('keeps form-data files, disabled fields, headers and descriptions', async () => {
    const collection = await importCollection('insomnia_complex-v2_1-input.json');
    const first = requestNamed(collection, '{{base_url}}/api/users').item.request;
    expect(first.body).toEqual({
      mode: 'formdata',
      fields: [
        { key: 'file', enabled: true, kind: 'file', value: '/home/user/test.txt' },
        { key: 'foo', enabled: true, kind: 'text', value: 'bar' },
        { key: 'baz', enabled: false, kind: 'text', value: 'disabled' },
      ],
    });
    expect(first.headers).toEqual([{ key: 'Authorization', value: 'Basic dXNlcm5hbWU6cGFzc3dvcmQ=', enabled: true }]);
    expect(first.description).toBe('First Request');
    expect(first.url).toBe('{{base_url}}/api/users');
    const folder = collection.items[0]!;
    expect(folder).toMatchObject({
      type: 'folder',
      name: 'First Folder',
      description: 'The first folder',
      auth: { type: 'inherit' },
    });
  });

  it('keeps URL path variables and disabled collection variables', async () => {
    const issues = await importCollection('bruno_postman-with-import-issues.json');
    expect(requestNamed(issues, 'Valid PUT Request').item.urlVariables).toEqual([
      { key: 'userId', value: '123', enabled: true },
    ]);
    const vars = await importCollection('bruno_postman-collection-vars-mixed-disabled.json');
    expect(vars.variables.map((v) => [v.key, v.enabled])).toEqual([
      ['enabledVar', true],
      ['disabledVar', false],
      ['explicitlyEnabledVar', true],
    ]);
    expect(findItem(issues.items, issues.items[0]!.id)?.folders).toEqual([]);
  });
});

describe('importPostman: environments', () => {
  async function importEnvironment(file: string, secrets = new SecretStore()): Promise<Environment> {
    const outcome = await importFixture(ENVIRONMENTS, file, secrets);
    if (outcome.kind !== 'environment') throw new Error('expected an environment');
    expect(outcome.report.format).toBe('postman-environment');
    return outcome.environment;
  }

  it('stores secret values in the SecretStore', async () => {
    const secrets = new SecretStore();
    const environment = await importEnvironment('bruno_collection-env.json', secrets);
    expect(environment.values).toHaveLength(6);
    const secret = environment.values.find((value) => value.key === 'secretApiToken')!;
    expect(secret.secret).toBe(true);
    expect(secrets.reveal(secret.value)).toBe('collection-secret-token-67890');
    expect(JSON.stringify(environment)).not.toContain('collection-secret-token-67890');
  });

  it('treats an absent or null enabled flag as enabled', async () => {
    const mixed = await importEnvironment('bruno_postman-env-mixed-enabled.json');
    expect(mixed.values.map((value) => value.enabled)).toEqual([true, false, true, true]);
    const basic = await importEnvironment('insomnia_postman-env_basic-input.json');
    expect(basic).toMatchObject({
      name: 'Production Env',
      values: [
        { key: 'foo', value: 'production', enabled: true },
        { key: 'bar', enabled: false },
      ],
    });
  });
});

describe('importPostman: refusals', () => {
  const refuse = async (content: string): Promise<string> => {
    const secrets = new SecretStore();
    const outcome = await importPostman(content, 'bad.json', secrets);
    if (outcome.ok) throw new Error('expected a refusal');
    expect(outcome.error).not.toContain('\n');
    return outcome.error;
  };
  // Built as text: JSON.stringify itself cannot nest 100,000 levels.
  const nested = (depth: number): string =>
    `{"info":{"name":"deep"},"item":[${'{"name":"f","item":['.repeat(depth)}{"name":"leaf","request":"https://x"}${']}'.repeat(depth)}]}`;

  it('refuses files that are not collections, with one line', async () => {
    expect(await refuse('{"info": ')).toMatch(/^not valid JSON/);
    expect(await refuse('[1,2]')).toMatch(/not a JSON object/);
    expect(await refuse('{"hello": "world"}')).toMatch(/expected "info" and "item"/);
    expect(await refuse('{"info": {"name": "x"}, "item": "nope"}')).toMatch(/"item" must be a list/);
    expect(await refuse('{"id": "x", "requests": [], "order": []}')).toMatch(/v1 is not supported/);
    expect(await refuse(' '.repeat(50 * 1024 * 1024 + 1))).toMatch(/larger than 50 MB/);
  });

  it('refuses nesting deeper than 64 levels but accepts 63', async () => {
    expect(await refuse(nested(64))).toMatch(/deeper than 64/);
    const ok = await importPostman(nested(63), 'ok.json', new SecretStore());
    expect(ok.ok && ok.report.folders).toBe(63);
    expect(await refuse(nested(100_000))).toMatch(/deeper than 64/);
  });

  it('refuses more than 200,000 items', async () => {
    const item = { name: 'r', request: 'https://x' };
    expect(
      await refuse(
        JSON.stringify({
          info: { name: 'big' },
          item: [
            { name: 'f', item: Array(100_000).fill(item) },
            { name: 'g', item: Array(100_000).fill(item) },
          ],
        }),
      ),
    ).toMatch(/more than 200000/);
  });
});
