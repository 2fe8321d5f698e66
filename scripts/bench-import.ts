/**
 * Import speed: Signet's Postman importer against the postman-collection SDK on the same
 * generated collections, 10,000 requests in 110 folders and 100,000 in 1,010 folders.
 * Run after a build: npx --no-install tsx scripts/bench-import.ts
 *
 * "signet import" is parse + conversion + schema check, in memory (no disk); the
 * "with disk" line adds the durable write into a temporary workspace; "`signet import`
 * command" is the whole CLI process (start, read, import, durable write). "sdk" is
 * JSON.parse + new Collection(json). The 10,000 case is the reference for the 100,000 one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Collection as PostmanCollection } from 'postman-collection';
import { importPostman } from '../src/main/collections/postman/import-postman';
import { SecretStore } from '../src/main/core/secrets';
import { createWorkspaceService } from '../src/main/collections/service';

/** Requests, and groups per area (10 areas of groups of 100 requests). */
const SIZES = [
  { requests: 10_000, groups: 10, runs: 5 },
  { requests: 100_000, groups: 100, runs: 3 },
] as const;

function generate(requests: number, groups: number): string {
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
  // 10 folders × `groups` subfolders × the rest.
  let n = 0;
  const folders = Array.from({ length: 10 }, (_, a) => ({
    name: `area ${a}`,
    item: Array.from({ length: groups }, (_, b) => ({
      name: `group ${a}.${b}`,
      item: Array.from({ length: requests / 10 / groups }, () => request(n++)),
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

async function median(runs: number, run: () => Promise<void> | void): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

interface Figures {
  readonly signet: number;
  readonly withDisk: number;
  readonly command: number;
  readonly sdk: number;
}

async function measure(requests: number, groups: number, runs: number): Promise<Figures> {
  const json = generate(requests, groups);
  const secrets = new SecretStore();
  const signet = await median(runs, async () => {
    const outcome = await importPostman(json, 'bench.json', secrets);
    if (!outcome.ok || outcome.report.requests !== requests) throw new Error('signet import failed');
  });
  const sdk = await median(runs, () => {
    const collection = new PostmanCollection(JSON.parse(json));
    if (collection.items.count() !== 10) throw new Error('sdk import failed');
  });
  // A fresh workspace each run, so that loading earlier runs' collections is not timed.
  const root = mkdtempSync(join(tmpdir(), 'signet-bench-'));
  let withDisk: number;
  let command: number;
  try {
    let run = 0;
    withDisk = await median(runs, async () => {
      await createWorkspaceService({ dataDir: join(root, String((run += 1))), secrets }).importFile('bench.json', json);
    });
    const file = join(root, 'bench.postman_collection.json');
    writeFileSync(file, json);
    const cli = join(__dirname, '..', 'bin', 'signet.cjs');
    command = await median(runs, () => {
      const env = { ...process.env, SIGNET_DATA_DIR: join(root, `cli-${(run += 1)}`) };
      const done = spawnSync(process.execPath, [cli, 'import', file], { env, encoding: 'utf8' });
      if (done.status !== 0 || !done.stdout.includes(`"requests":${requests}`))
        throw new Error(`signet import exited ${done.status}: ${done.stderr.slice(0, 300)}`);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(
    `collection: ${requests.toLocaleString('en')} requests in ${10 + 10 * groups} folders, ${(json.length / 1024 / 1024).toFixed(1)} MB, median of ${runs} runs`,
  );
  console.log(`  signet import (parse + model + schema check, no disk): ${signet.toFixed(1)} ms`);
  console.log(`  signet import with durable write to the workspace: ${withDisk.toFixed(1)} ms`);
  console.log(`  \`signet import\` command (whole process, durable write): ${command.toFixed(1)} ms`);
  console.log(`  postman-collection new Collection(json) (incl. JSON.parse): ${sdk.toFixed(1)} ms`);
  console.log(
    `  ratio signet / sdk: ${(signet / sdk).toFixed(2)} in memory, ${(command / sdk).toFixed(2)} for the whole command`,
  );
  return { signet, withDisk, command, sdk };
}

async function main(): Promise<void> {
  const figures: Figures[] = [];
  for (const { requests, groups, runs } of SIZES) figures.push(await measure(requests, groups, runs));
  const [reference, big] = figures as [Figures, Figures];
  const ratio = (key: keyof Figures) => (big[key] / reference[key]).toFixed(1);
  console.log(
    `100,000 vs 10,000 (10x the requests): signet import ${ratio('signet')}x, with disk ${ratio('withDisk')}x, command ${ratio('command')}x, sdk ${ratio('sdk')}x`,
  );
  // The machine is shared: the ratio to the SDK, measured in the same run, is the figure to hold.
  // The target is held by each of the three figures, so that none is quoted for the others.
  const against = (ms: number) => `${ms.toFixed(0)} ms (${ms <= 1_500 ? 'met' : 'missed'})`;
  console.log(
    `100,000 requests against the 1,500 ms target: import in memory ${against(big.signet)}, with the durable write ${against(big.withDisk)}, the whole \`signet import\` command ${against(big.command)}; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  if (big.signet >= big.sdk) {
    console.log('FAIL: signet import of 100,000 requests is not ahead of the SDK');
    process.exitCode = 1;
  }
}

void main();
