/**
 * The Postman round trip on real files: every fixture imports, exports to JSON that the
 * v2.1 schema accepts and that newman's loader (postman-collection) reads with the same
 * methods, and imports again to the same counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { Collection as PostmanCollection } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { walkItems, type Collection } from '../../../shared/collection';
import type { KeyValue } from '../../../shared/model';
import { queryRows } from '../../../shared/query';
import { SecretStore } from '../../core/secrets';
import { decodeImportBytes, importAny } from '../import';
import { exportPostman } from './export-postman';

const FIXTURES = resolve(process.cwd(), '../shared/fixtures/postman/collections');
const SCHEMA = resolve(
  process.cwd(),
  '../shared/fixtures/postman/schema/compiled/postman-collection-2.1-draft-07.schema.json',
);
const ENVIRONMENTS = resolve(process.cwd(), '../shared/fixtures/postman-environments');

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);

// The real fixtures, and the collection built with the postman-collection SDK (disabled query rows among them).
const TOOLING = resolve(__dirname, '../import/testdata/tooling');
const files = [
  ...readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(FIXTURES, name)),
  ...readdirSync(TOOLING)
    .filter((name) => name.endsWith('.postman_collection.json'))
    .map((name) => join(TOOLING, name)),
];

/** What a user wrote, request by request and folder by folder (secrets and ids aside). */
function written(collection: Collection): unknown[] {
  const rows = (list: readonly KeyValue[]) => list.map((row) => [row.key, row.value, row.enabled, row.description]);
  const out: unknown[] = [];
  walkItems(collection.items, (item) => {
    if (item.type === 'folder') {
      out.push({ folder: item.name, description: item.description, variables: rows(item.variables) });
      return;
    }
    const request = item.request;
    out.push({
      name: request.name,
      method: request.method,
      url: request.url,
      query: queryRows(request.url, request.query),
      headers: rows(request.headers),
      body: request.body,
      description: request.description,
    });
  });
  return out;
}

/** Query rows as newman's loader reads them from the exported file, in file order. */
function sdkQuery(loaded: PostmanCollection): unknown[] {
  const out: unknown[] = [];
  loaded.forEachItem((item) => {
    for (const param of item.request.url.query.all()) {
      const description = param.description as unknown as { content?: string } | string | undefined;
      out.push({
        key: param.key,
        value: param.value ?? '',
        ...(param.disabled ? { disabled: true } : {}),
        ...(description ? { description: typeof description === 'string' ? description : description.content } : {}),
      });
    }
  });
  return out;
}

function methodsOf(collection: Collection): string[] {
  const methods: string[] = [];
  walkItems(collection.items, (item) => {
    if (item.type === 'request') methods.push(item.request.method);
  });
  return methods;
}

describe('Postman round trip on every fixture', () => {
  it.each(files)('%s', async (path) => {
    const file = basename(path);
    const secrets = new SecretStore();
    const first = await importAny(decodeImportBytes(readFileSync(path)), file, secrets);
    if (!first.ok) {
      // A fixture that is refused must be refused with one line, and stays out of the round trip.
      expect(first.error).not.toContain('\n');
      return;
    }
    if (first.kind !== 'collection') return;
    const exported = exportPostman(first.collection, { includeSecrets: true, reveal: (ref) => secrets.reveal(ref) });
    const json = JSON.parse(exported.json) as object;
    const valid = validate(json);
    expect(valid, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    // newman loads collections with postman-collection: same requests, same methods.
    const loaded = new PostmanCollection(json as never);
    const loadedMethods: string[] = [];
    loaded.forEachItem((item) => void loadedMethods.push(item.request.method));
    // Same multiset: the loader walks folders in another order than walkItems.
    expect([...loadedMethods].sort()).toEqual(methodsOf(first.collection).sort());
    // The loader builds each URL from the exported parts (not raw): the same URL, the same query rows.
    const urls: string[] = [];
    loaded.forEachItem((item) => {
      // Path variables (`:id`) stay as written, as Signet keeps them.
      item.request.url.variables.clear();
      urls.push(item.request.url.toString());
    });
    const ours: string[] = [];
    const ourQuery: unknown[] = [];
    walkItems(first.collection.items, (item) => {
      if (item.type !== 'request') return;
      ours.push(item.request.url);
      ourQuery.push(...queryRows(item.request.url, item.request.query));
    });
    expect([...urls].sort()).toEqual([...ours].sort());
    const byText = (list: unknown[]) =>
      list.map((row) => JSON.stringify(Object.entries(row as object).sort(([a], [b]) => a.localeCompare(b)))).sort();
    expect(byText(sdkQuery(loaded))).toEqual(byText(ourQuery));

    const second = await importAny(exported.json, file, new SecretStore());
    if (!second.ok || second.kind !== 'collection') throw new Error(`re-import failed: ${JSON.stringify(second)}`);
    const { warnings: _w1, format: _f1, ...counts1 } = first.report;
    const { warnings: _w2, format: _f2, ...counts2 } = second.report;
    expect(counts2).toEqual(counts1);
    expect(methodsOf(second.collection)).toEqual(methodsOf(first.collection));
    expect(written(second.collection)).toEqual(written(first.collection));
  });

  it('reads url.query as newman does: a switched-off parameter that raw still carries is not sent', async () => {
    const collection = {
      info: { name: 'Raw', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'r',
          request: {
            method: 'GET',
            url: {
              raw: 'https://h.example.com/p?a=1&off=x#top',
              query: [
                { key: 'a', value: '1', description: { content: 'first', type: 'text/plain' } },
                { key: 'off', value: 'x', disabled: true },
                { key: 'flag', value: null },
              ],
            },
          },
        },
      ],
    };
    const imported = await importAny(JSON.stringify(collection), 'raw.json', new SecretStore());
    if (!imported.ok || imported.kind !== 'collection') throw new Error('import failed');
    const item = imported.collection.items[0]!;
    if (item.type !== 'request') throw new Error('expected a request');
    expect(item.request.url).toBe('https://h.example.com/p?a=1&flag#top');
    expect(item.request.query).toEqual([
      { key: 'a', value: '1', description: 'first' },
      { key: 'off', value: 'x', disabled: true },
      { key: 'flag', value: '' },
    ]);
    expect(imported.report.warnings).toEqual([]);
  });

  it('keeps custom methods (PURGE, PROPFIND) instead of turning them into GET', async () => {
    const collection = {
      info: { name: 'Verbs', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'purge', request: { method: 'PURGE', url: 'https://cdn.example.com/a' } },
        { name: 'propfind', request: { method: 'propfind', url: 'https://dav.example.com/' } },
      ],
    };
    const imported = await importAny(JSON.stringify(collection), 'verbs.json', new SecretStore());
    if (!imported.ok || imported.kind !== 'collection') throw new Error('import failed');
    expect(methodsOf(imported.collection)).toEqual(['PURGE', 'PROPFIND']);
    expect(imported.report.warnings).toEqual([]);
  });
});

describe('Postman environments', () => {
  it('a value marked "disabled": true is imported disabled, so it cannot override the enabled one', async () => {
    const env = {
      name: 'Dup',
      values: [
        { key: 'host', value: 'right.example.com', enabled: true },
        { key: 'host', value: 'wrong.example.com', disabled: true },
      ],
    };
    const imported = await importAny(JSON.stringify(env), 'dup.json', new SecretStore());
    if (!imported.ok || imported.kind !== 'environment') throw new Error('import failed');
    expect(imported.environment.values.map((v) => [v.value, v.enabled])).toEqual([
      ['right.example.com', true],
      ['wrong.example.com', false],
    ]);
  });

  it('reads a UTF-16 environment file with a byte-order mark, as newman does', async () => {
    const env = { name: 'Sixteen', values: [{ key: 'region', value: 'eu-west-1', enabled: true }] };
    const text = JSON.stringify(env);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [le, be]) {
      const imported = await importAny(decodeImportBytes(bytes), 'sixteen.json', new SecretStore());
      expect(imported).toMatchObject({ ok: true, kind: 'environment', report: { format: 'postman-environment' } });
    }
  });

  it.each(readdirSync(ENVIRONMENTS).filter((name) => name.endsWith('.json')))('fixture %s imports', async (file) => {
    const imported = await importAny(
      decodeImportBytes(readFileSync(join(ENVIRONMENTS, file))),
      file,
      new SecretStore(),
    );
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
  });
});

describe('detection names what a refused file looks like', () => {
  it.each([
    ['{"asyncapi": "2.6.0", "info": {}}', /AsyncAPI/],
    ['{"openapi": "2.5", "paths": {}}', /OpenAPI\/Swagger version 2.5 is not supported/],
    ['{"info": {"title": "x"}}', /has "info" but neither Postman's "item" nor an "openapi"\/"swagger" version/],
    ['{"hello": 1, "world": 2}', /it is JSON with keys hello, world/],
    ['hello: 1\nworld: 2\n', /it is YAML with keys hello, world/],
    ['[1, 2, 3]', /found a list or a value/],
    ['', /the file is empty/],
    ['{"_type": "export", "__export_format": 3}', /Insomnia export format 3 is not supported/],
  ])('%s', async (content, message) => {
    const result = await importAny(content, 'x', new SecretStore());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});
