import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Collection as PostmanCollection } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { CheckSchema, type Check, type CheckInput } from '../../../shared/checks';
import { walkItems, type Collection } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importPostman } from './import-postman';
import { exportPostman } from './export-postman';
import { checksToScript, scriptToChecks } from './test-scripts';

const COLLECTIONS = resolve(process.cwd(), '../shared/fixtures/postman/collections');

const checks = (...inputs: CheckInput[]): Check[] => inputs.map((input) => CheckSchema.parse(input));

describe('scriptToChecks: the common pm forms', () => {
  it('reads status, code, ok, body text, JSON, header and time assertions', () => {
    const script = `
      pm.test("Status code is 200", function () {
          pm.response.to.have.status(200);
      });
      pm.test('code', () => { pm.expect(pm.response.code).to.eql(201) });
      pm.test("ok", function () { pm.response.to.be.ok; });
      pm.test("Body matches string", function () {
          pm.expect(pm.response.text()).to.include("string_you_want_to_search");
      });
      var jsonData = pm.response.json();
      pm.test("Your test name", function () {
          pm.expect(jsonData.value).to.eql(100);
          pm.expect(jsonData.items[0]["the id"]).to.equal("x");
      });
      pm.test("Content-Type is present", function () {
          pm.response.to.have.header("Content-Type");
      });
      pm.test("Response time is less than 200ms", function () {
          pm.expect(pm.response.responseTime).to.be.below(200);
      });
      pm.test("one of", function () { pm.expect(pm.response.code).to.be.oneOf([201, 202]); });
    `;
    const { checks: found, unconverted } = scriptToChecks(script);
    expect(unconverted).toEqual([]);
    expect(found).toEqual(
      checks(
        { kind: 'status', name: 'Status code is 200', statuses: [200] },
        { kind: 'status', name: 'code', statuses: [201] },
        { kind: 'status', name: 'ok', statuses: [200] },
        { kind: 'bodyContains', name: 'Body matches string', text: 'string_you_want_to_search' },
        { kind: 'jsonPath', name: 'Your test name (1)', path: '$.value', op: 'equals', value: '100' },
        { kind: 'jsonPath', name: 'Your test name (2)', path: "$.items[0]['the id']", op: 'equals', value: '"x"' },
        { kind: 'header', name: 'Content-Type is present', header: 'Content-Type', op: 'exists' },
        { kind: 'timeBelow', name: 'Response time is less than 200ms', ms: 200 },
        { kind: 'status', name: 'one of', statuses: [201, 202] },
      ),
    );
  });

  it('flags what it cannot read and never converts half a test', () => {
    const { checks: found, unconverted } = scriptToChecks(`
      pm.test("mixed", function () {
          pm.response.to.have.status(200);
          pm.expect(pm.response.json().fact).not.to.be.null;
      });
      pm.collectionVariables.set("curFact", pm.response.json().fact);
      console.log('hi')
      pm.test("fine", function () { pm.response.to.have.status(404) })
    `);
    expect(found).toEqual(checks({ kind: 'status', name: 'fine', statuses: [404] }));
    expect(unconverted).toHaveLength(3);
    expect(unconverted[0]).toBe('pm.test "mixed"');
    expect(unconverted[1]).toContain('pm.collectionVariables.set');
  });

  it('survives text that is not JavaScript', () => {
    expect(scriptToChecks('pm.test("x", function () {').unconverted).toHaveLength(1);
    expect(scriptToChecks('`${evil()}`').checks).toEqual([]);
  });
});

describe('checks ⇄ Postman test script round trip', () => {
  const all = checks(
    { kind: 'status', statuses: [200] },
    { kind: 'status', name: 'allowed codes', statuses: [200, 204] },
    { kind: 'header', header: 'x-amzn-errortype', op: 'exists' },
    { kind: 'header', header: 'content-type', op: 'equals', value: 'application/json' },
    { kind: 'jsonPath', path: '$.caller.arn', op: 'matches', value: '^arn:aws:sts::\\d+:assumed-role/' },
    { kind: 'jsonPath', path: '$.a.b[0]', op: 'equals', value: '{"x":[1,"two",null]}' },
    { kind: 'jsonPath', path: '$.method', op: 'exists' },
    { kind: 'jsonPath', path: '$..id', op: 'equals', value: '3' },
    { kind: 'jsonPath', path: '$.path', op: 'matches', value: 'a/b' },
    { kind: 'bodyContains', text: 'say "hi"\n' },
    { kind: 'timeBelow', name: 'fast', ms: 500 },
    { kind: 'status', statuses: [500], enabled: false },
  );

  it('reads back every check it writes', () => {
    const script = checksToScript(all).join('\n');
    expect(scriptToChecks(script)).toEqual({ checks: all, unconverted: [] });
  });

  it('goes through a Postman v2.1 export and import, and newman reads the script', async () => {
    const collection: Collection = {
      id: 'c1',
      name: 'checks',
      variables: [],
      auth: { type: 'none' },
      schemaVersion: 1,
      items: [
        {
          type: 'request',
          id: 'r1',
          request: {
            id: 'r1',
            name: 'pets',
            method: 'GET',
            url: 'http://127.0.0.1:1/pets',
            headers: [],
            body: { mode: 'none' },
            auth: { type: 'inherit' },
            timeoutMs: 30_000,
            checks: all,
          },
        },
      ],
    };
    const exported = exportPostman(collection, { includeSecrets: false, reveal: () => undefined });
    const sdk = new PostmanCollection(JSON.parse(exported.json) as object);
    const events = sdk.items.idx(0).events.listeners('test');
    expect(events).toHaveLength(1);
    const outcome = await importPostman(exported.json, 'checks.json', new SecretStore());
    if (!outcome.ok || outcome.kind !== 'collection') throw new Error('refused');
    const item = outcome.collection.items[0];
    expect(item?.type === 'request' && item.request.checks).toEqual(all);
    expect(outcome.report.warnings).toEqual([]);
  });
});

describe('the fixtures that carry test scripts', () => {
  it('jpostman_Nested: status checks kept, latency and variable scripts flagged', async () => {
    const file = 'jpostman_Nested.postman_collection.json';
    const outcome = await importPostman(readFileSync(resolve(COLLECTIONS, file), 'utf8'), file, new SecretStore());
    if (!outcome.ok || outcome.kind !== 'collection') throw new Error('refused');
    const byName = new Map<string, Check[] | undefined>();
    walkItems(outcome.collection.items, (item) => {
      if (item.type === 'request') byName.set(item.request.name, item.request.checks);
    });
    // Each carries "Status code is 200"; the latency test uses a variable and the fact test a `.not.to.be.null`.
    for (const name of ['get Random Fact', 'Get a list of facts', 'get Breeds']) {
      expect(byName.get(name)).toEqual(checks({ kind: 'status', name: 'Status code is 200', statuses: [200] }));
    }
    const flagged = outcome.report.warnings.filter((w) => w.includes('not converted to checks'));
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.join('\n')).toContain('pm.test "Response contains fact"');
    expect(flagged.join('\n')).toContain('var latencyTestName="Response time is less than "');
  });

  it('nestedEntities: console.log-only request scripts are flagged, no checks made', async () => {
    const file = 'postman-schemas_nestedEntities.json';
    const outcome = await importPostman(readFileSync(resolve(COLLECTIONS, file), 'utf8'), file, new SecretStore());
    if (!outcome.ok || outcome.kind !== 'collection') throw new Error('refused');
    walkItems(outcome.collection.items, (item) => {
      if (item.type === 'request') expect(item.request.checks).toBeUndefined();
    });
    expect(outcome.report.warnings.some((w) => w.includes("console.log('Request level test script')"))).toBe(true);
  });
});

describe('scriptToChecks on text that is not a script', () => {
  it('never throws on seeded random fragments, nor on nesting deep enough to overflow a recursive reader', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'pm.test("x", function () { pm.response.to.have.status(200); }); [{/\'"`\\\n;,()';
    for (let n = 0; n < 3000; n += 1) {
      const length = Math.floor(random() * 200);
      let script = '';
      for (let i = 0; i < length; i += 1) script += alphabet[Math.floor(random() * alphabet.length)];
      expect(() => scriptToChecks(script)).not.toThrow();
    }
    const deep = scriptToChecks(`pm.expect(pm.response.json().a).to.eql(${'['.repeat(100_000)})`);
    expect(deep.checks).toEqual([]);
    expect(deep.unconverted).toHaveLength(1);
  });
});
