/**
 * Mutation fuzzing of the OpenAPI 3 / Swagger 2 importer through importAny, over the API Gateway
 * fixtures and the hand-written documents: every mutated file is refused in one line or imported into
 * a valid collection, never a crash. Mutated files are written back as JSON or YAML at random.
 * Reproduce a run with FUZZ_SEED=<seed printed below>; FUZZ_RUNS changes the number of files (default 1,000).
 *
 * Time: @readme/openapi-parser builds a new Ajv and compiles the OpenAPI schema on every `validate`
 * (about 45 ms here, most of an import). Its outcome only ever becomes a warning, inside a try/catch,
 * so schema validation really runs on one file in VALIDATE_EVERY and reports "valid" on the others;
 * dereferencing and everything of Signet's own runs on every file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { CollectionSchema } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importAny } from '../import';
import { fuzzRandom, mutateText, mutateTree } from '../import/testdata/mutate';

const gate = vi.hoisted(() => ({ validate: true }));
vi.mock('@readme/openapi-parser', async (importOriginal) => {
  const real = await importOriginal<typeof import('@readme/openapi-parser')>();
  return {
    ...real,
    validate: (...args: Parameters<typeof real.validate>) =>
      gate.validate ? real.validate(...args) : Promise.resolve({ valid: true, warnings: [], specification: 'OpenAPI' }),
  };
});

const APIGATEWAY = resolve(process.cwd(), '../shared/fixtures/openapi-apigateway');
const FILES = [
  resolve(APIGATEWAY, 'serverless-patterns_apigw-sfn_api.yaml'),
  resolve(APIGATEWAY, 'serverless-patterns_appsync-apigateway-dynamodb-sam_restapi_api.yaml'),
  resolve(APIGATEWAY, 'sessions-with-aws-sam_http-api-direct-integration_api.yaml'),
  resolve(__dirname, 'testdata/orders.openapi.json'),
  resolve(__dirname, 'testdata/pets.swagger.yaml'),
];
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const VALIDATE_EVERY = 10;

/** Values that stress OpenAPI's own shapes: pointers, parameters, servers, security and schemas. */
const OPENAPI_VALUES: readonly unknown[] = [
  { $ref: '#' },
  { $ref: '#/' },
  { $ref: '#/paths' },
  { $ref: '#/components/schemas/%E0%A4%A' },
  { $ref: '#/definitions/~2' },
  { $ref: '#/components/schemas/Order/properties' },
  { $ref: 'other.yaml#/Pet' },
  { $ref: 42 },
  { name: '\uD800', in: 'query', required: true },
  { name: 'q%', in: 'query', required: true, schema: { type: 'string' } },
  { name: 'opt', in: 'query', description: 'an optional one', schema: { type: 'integer', example: 3 } },
  { name: '{x}', in: 'path', required: true },
  { name: 'X-Key', in: 'header' },
  { name: 'c', in: 'cookie' },
  { name: 'f', in: 'formData', type: 'file' },
  { in: 'body', name: 'b', schema: { $ref: '#' } },
  { url: '{scheme}://{host}:{port}/{basePath}', variables: { scheme: { default: 'https', enum: [] } } },
  { url: 'https://[::1', variables: 7 },
  { url: '/relative' },
  { url: `https://h.example.com${'/'.repeat(100_000)}x` },
  { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
  { type: 'apiKey', 'x-amazon-apigateway-authorizer': { type: 'request' } },
  { type: 'http', scheme: 'bearer' },
  { type: 'http', scheme: 'basic' },
  { type: 'oauth2', flows: {} },
  [{ sigv4: [] }, { missing: [] }],
  { type: 'object', properties: { a: { $ref: '#' } }, allOf: [{ $ref: '#' }], oneOf: [] },
  { type: ['string', 'null'], enum: [] },
  { type: 'array', items: { type: 'array', items: { $ref: '#/components/schemas' } } },
  { 'application/json': { example: { a: 1 } }, 'multipart/form-data': { schema: { properties: { f: {} } } } },
  { get: { responses: {} }, trace: { responses: {} }, parameters: [null] },
  '3.1.0',
  '2.0',
  'https://abc.execute-api.us-west-2.amazonaws.com/prod',
  'get',
];

/** The first path item copied under hundreds of paths; false when the document has none. */
function grow(data: unknown, random: () => number): boolean {
  if (typeof data !== 'object' || data === null || !('paths' in data)) return false;
  const paths = (data as { paths: unknown }).paths;
  if (typeof paths !== 'object' || paths === null) return false;
  const first: unknown = Object.values(paths)[0];
  const copies = Math.floor(random() * 500);
  for (let i = 0; i < copies; i += 1) (paths as Record<string, unknown>)[`/copy${i}/{id}`] = structuredClone(first);
  return true;
}

function damageText(text: string, random: () => number): string {
  return mutateText(text, random);
}

describe('OpenAPI / Swagger import fuzz', () => {
  it(`never throws and either imports or refuses in one line (seed ${SEED})`, async () => {
    console.log(`openapi import fuzz: FUZZ_SEED=${SEED} runs=${RUNS}`);
    const sources = FILES.map((file) => readFileSync(file, 'utf8'));
    const parsed = sources.map((source) => parse(source) as unknown);
    const random = fuzzRandom(SEED);
    const tally = { imported: 0, refused: 0, validated: 0 };
    const secrets = new SecretStore();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const slowest = { ms: 0, run: -1, validated: false, bytes: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      const index = Math.floor(random() * sources.length);
      let text: string;
      if (random() < 0.12) text = damageText(sources[index]!, random);
      else {
        const data = structuredClone(parsed[index]);
        // Now and then a bigger document (up to about 2 MB), written as JSON: YAML's own parser takes
        // seconds over a few megabytes, which would time the library, not the importer.
        const big = random() < 0.01 && grow(data, random);
        do mutateTree(data, random, OPENAPI_VALUES);
        while (random() < 0.4);
        text = big || random() < 0.5 ? JSON.stringify(data) : stringify(data, { aliasDuplicateObjects: false });
      }
      gate.validate = run % VALIDATE_EVERY === 0;
      if (gate.validate) tally.validated += 1;
      const before = performance.now();
      const outcome = await importAny(text, `fuzz-${run}.yaml`, secrets);
      const took = performance.now() - before;
      if (took > slowest.ms) Object.assign(slowest, { ms: took, run, validated: gate.validate, bytes: text.length });
      const context = `run ${run} of seed ${SEED}`;
      if (outcome.ok) {
        tally.imported += 1;
        expect(Array.isArray(outcome.report.warnings), context).toBe(true);
        if (outcome.kind === 'collection')
          expect(CollectionSchema.safeParse(outcome.collection).success, context).toBe(true);
      } else {
        tally.refused += 1;
        expect(outcome.error, context).not.toMatch(/unexpectedly/);
        expect(outcome.error, context).not.toContain('\n');
        expect(outcome.error.length, `${context}: ${outcome.error.slice(0, 200)}`).toBeLessThan(400);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
    console.log(
      `openapi import fuzz: ${tally.imported} imported, ${tally.refused} refused, ${tally.validated} schema-validated, ${seconds} s (${cpuSeconds} s CPU); slowest file ${JSON.stringify(slowest)}`,
    );
    expect(tally.imported + tally.refused).toBe(RUNS);
    expect(tally.imported).toBeGreaterThan(RUNS / 3);
  }, 120_000);
});
