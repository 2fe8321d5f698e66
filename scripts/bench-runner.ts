/**
 * The collection runner against newman: the same Postman collection of 1,000 AWS-signed
 * requests (each with a `status is 200` check), sent to the sandbox gateway (which verifies
 * every signature and evaluates IAM for each) by `signet run` at concurrency 1 and 8, and by
 * `newman run` with its own awsv4 auth. Both read the same export and the same environment
 * (the sandbox invoker's keys); both run as the CLI a CI job would start.
 *
 * Reported: wall-clock requests/s of the whole command, and requests/s of the run itself
 * (wall time less the same command's time for a one-request collection: start-up, loading).
 *
 * Run: npm run build && npx --no-install tsx scripts/bench-runner.ts
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CheckSchema } from '../src/shared/checks';
import type { Collection, Item } from '../src/shared/collection';
import { exportPostman } from '../src/main/collections/postman/export-postman';
import { startSandbox } from '../src/main/sandbox';
import { sandboxEnvironment } from '../src/main/runner/testdata/sandbox-collection';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..');
const SIGNET = path.join(ROOT, 'bin', 'signet.cjs');
const NEWMAN = path.join(ROOT, 'node_modules', '.bin', 'newman');
const COUNT = 1000;

function collectionOf(count: number): Collection {
  const items: Item[] = Array.from({ length: count }, (_, index) => {
    const id = `r${index}`;
    return {
      type: 'request',
      id,
      request: {
        id,
        name: `pet ${index}`,
        method: index % 5 === 4 ? 'POST' : 'GET',
        url: index % 5 === 4 ? '{{baseUrl}}/pets' : `{{baseUrl}}/pets/${index}?view=full`,
        headers: [{ key: 'X-Request-Index', value: String(index), enabled: true }],
        body:
          index % 5 === 4
            ? { mode: 'raw', text: `{"name":"pet ${index}"}`, contentType: 'application/json' }
            : { mode: 'none' },
        auth: { type: 'inherit' },
        timeoutMs: 30_000,
        checks: [CheckSchema.parse({ kind: 'status', statuses: [200] })],
      },
    };
  });
  return {
    id: 'bench',
    name: 'Runner bench',
    variables: [],
    auth: {
      type: 'awsv4',
      source: { kind: 'keys', accessKeyId: '{{accessKey}}', secretAccessKey: '{{secretKey}}', sessionToken: '' },
      region: '{{region}}',
      service: 'execute-api',
      addAuthDataTo: 'headers',
      expiresSeconds: 900,
    },
    items,
    schemaVersion: 1,
  };
}

async function timed(file: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(file, args, { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { ms: performance.now() - started, stdout };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const dir = await mkdtemp(path.join(tmpdir(), 'signet-bench-runner-'));
  try {
    const files = { big: path.join(dir, 'big.json'), one: path.join(dir, 'one.json'), env: path.join(dir, 'env.json') };
    const write = (file: string, count: number) =>
      writeFile(file, exportPostman(collectionOf(count), { includeSecrets: false, reveal: () => undefined }).json);
    await write(files.big, COUNT);
    await write(files.one, 1);
    await writeFile(files.env, sandboxEnvironment(sandbox, sandbox.invoker));

    const signet = async (file: string, concurrency: number) => {
      const out = path.join(dir, `signet-${concurrency}.json`);
      const { ms } = await timed(process.execPath, [
        SIGNET,
        'run',
        file,
        '--env',
        files.env,
        '--concurrency',
        String(concurrency),
        '--reporter',
        'json',
        '--out',
        out,
      ]);
      const report = JSON.parse(await readFile(out, 'utf8')) as { total: number; failed: number };
      return { ms, total: report.total, failed: report.failed };
    };
    // newman's cli reporter is its fastest (its json reporter writes every response: 40% slower here);
    // the counts come from its summary table.
    const newman = async (file: string) => {
      const { ms, stdout } = await timed(NEWMAN, [
        'run',
        file,
        '-e',
        files.env,
        '--reporters',
        'cli',
        '--color',
        'off',
      ]);
      const row = (name: string) => {
        const match = new RegExp(`│\\s*${name}\\s*│\\s*(\\d+)\\s*│\\s*(\\d+)\\s*│`).exec(stdout);
        if (!match) throw new Error(`newman printed no ${name} row`);
        return { total: Number(match[1]), failed: Number(match[2]) };
      };
      const requests = row('requests');
      const assertions = row('assertions');
      if (assertions.total !== requests.total) throw new Error('newman ran fewer checks than requests');
      return { ms, total: requests.total, failed: requests.failed + assertions.failed };
    };

    // Warm the disk cache and the sandbox once for each tool.
    await signet(files.one, 1);
    await newman(files.one);

    const best = async <T extends { ms: number }>(times: number, once: () => Promise<T>): Promise<T> => {
      let fastest: T | undefined;
      for (let i = 0; i < times; i += 1) {
        const result = await once();
        if (!fastest || result.ms < fastest.ms) fastest = result;
      }
      return fastest!;
    };
    const startup = {
      signet: (await best(3, () => signet(files.one, 1))).ms,
      newman: (await best(3, () => newman(files.one))).ms,
    };
    const rows = [
      { name: 'signet run, concurrency 1', result: await best(3, () => signet(files.big, 1)), startup: startup.signet },
      { name: 'signet run, concurrency 8', result: await best(3, () => signet(files.big, 8)), startup: startup.signet },
      { name: 'newman run', result: await best(3, () => newman(files.big)), startup: startup.newman },
    ];
    for (const { name, result } of rows) {
      if (result.total !== COUNT || result.failed !== 0)
        throw new Error(`${name}: ${result.total} requests, ${result.failed} failed (expected ${COUNT}, 0)`);
    }
    const rate = (ms: number) => COUNT / (ms / 1000);
    console.log(`${COUNT} AWS-signed requests to the sandbox gateway (signature verified, IAM evaluated), best of 3`);
    console.log(
      `start-up (one-request collection): signet ${startup.signet.toFixed(0)} ms, newman ${startup.newman.toFixed(0)} ms`,
    );
    for (const { name, result, startup: start } of rows) {
      console.log(
        `${name.padEnd(28)} ${result.ms.toFixed(0).padStart(6)} ms  ${rate(result.ms).toFixed(0).padStart(6)} req/s wall  ${rate(
          result.ms - start,
        )
          .toFixed(0)
          .padStart(6)} req/s run`,
      );
    }
    const [c1, c8, nm] = rows.map(({ result, startup: start }) => ({
      wall: rate(result.ms),
      run: rate(result.ms - start),
    }));
    console.log(
      `signet c1 / newman: ${(c1!.wall / nm!.wall).toFixed(2)}x wall, ${(c1!.run / nm!.run).toFixed(2)}x run (target >= 5x)`,
    );
    console.log(
      `signet c8 / newman: ${(c8!.wall / nm!.wall).toFixed(2)}x wall, ${(c8!.run / nm!.run).toFixed(2)}x run`,
    );
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
