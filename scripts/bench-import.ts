/**
 * Import speed: Signet's Postman importer against the postman-collection SDK on the same
 * generated 10,000-request collection. Run: npx --no-install tsx scripts/bench-import.ts
 *
 * "signet import" is parse + conversion + schema check, in memory (no disk); the
 * "with disk" line adds the durable write into a temporary workspace. "sdk" is
 * JSON.parse + new Collection(json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Collection as PostmanCollection } from 'postman-collection';
import { importPostman } from '../src/main/collections/postman/import-postman';
import { SecretStore } from '../src/main/core/secrets';
import { createWorkspaceService } from '../src/main/collections/service';

const REQUESTS = 10_000;
const RUNS = 5;

function generate(): string {
  const request = (n: number): unknown => ({
    name: `request ${n}`,
    request: {
      method: n % 3 === 0 ? 'POST' : 'GET',
      header: [
        { key: 'Accept', value: 'application/json' },
        { key: 'X-Trace', value: `{{trace}}-${n}`, disabled: n % 2 === 0 },
      ],
      url: {
        raw: `{{api}}/pets/${n}?verbose=true`,
        host: ['{{api}}'],
        path: ['pets', String(n)],
        query: [{ key: 'verbose', value: 'true' }],
      },
      ...(n % 3 === 0
        ? {
            body: {
              mode: 'raw',
              raw: JSON.stringify({ id: n, name: `pet ${n}` }),
              options: { raw: { language: 'json' } },
            },
          }
        : {}),
      ...(n % 50 === 0 ? { auth: { type: 'noauth' } } : {}),
    },
    response: [],
  });
  // 10 folders × 10 subfolders × 100 requests.
  let n = 0;
  const folders = Array.from({ length: 10 }, (_, a) => ({
    name: `area ${a}`,
    item: Array.from({ length: 10 }, (_, b) => ({
      name: `group ${a}.${b}`,
      item: Array.from({ length: REQUESTS / 100 }, () => request(n++)),
    })),
  }));
  return JSON.stringify({
    info: { name: 'bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: {
      type: 'awsv4',
      awsv4: [
        { key: 'accessKey', value: '{{accessKey}}' },
        { key: 'secretKey', value: '{{secretKey}}' },
        { key: 'region', value: 'us-east-1' },
        { key: 'service', value: 'execute-api' },
      ],
    },
    variable: [{ key: 'api', value: 'https://abc.execute-api.us-east-1.amazonaws.com' }],
    item: folders,
  });
}

async function median(run: () => Promise<void> | void): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function main(): Promise<void> {
  const json = generate();
  const secrets = new SecretStore();
  const signet = await median(async () => {
    const outcome = await importPostman(json, 'bench.json', secrets);
    if (!outcome.ok || outcome.report.requests !== REQUESTS) throw new Error('signet import failed');
  });
  const sdk = await median(() => {
    const collection = new PostmanCollection(JSON.parse(json));
    if (collection.items.count() !== 10) throw new Error('sdk import failed');
  });
  // A fresh workspace each run, so that loading earlier runs' collections is not timed.
  const root = mkdtempSync(join(tmpdir(), 'signet-bench-'));
  let withDisk: number;
  try {
    let run = 0;
    withDisk = await median(async () => {
      await createWorkspaceService({ dataDir: join(root, String((run += 1))), secrets }).importFile('bench.json', json);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(
    `collection: ${REQUESTS} requests in 110 folders, ${(json.length / 1024 / 1024).toFixed(1)} MB, median of ${RUNS} runs`,
  );
  console.log(`signet import (parse + model + schema check, no disk): ${signet.toFixed(1)} ms`);
  console.log(`signet import with durable write to the workspace: ${withDisk.toFixed(1)} ms`);
  console.log(`postman-collection new Collection(json) (incl. JSON.parse): ${sdk.toFixed(1)} ms`);
  console.log(`ratio signet / sdk: ${(signet / sdk).toFixed(2)}`);
}

void main();
