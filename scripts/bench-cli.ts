/**
 * CLI start-up: `signet sign` and `signet --help` from a cold process, beside a bare Node
 * script that signs the same request with aws4 (the floor a CLI in Node can reach). Runs
 * alternate, so load from other processes falls on every side alike.
 *
 * Run: npm run build && npx --no-install tsx scripts/bench-cli.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 15;
const URL = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets';
const root = join(__dirname, '..');
const env = {
  PATH: process.env.PATH,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

function timed(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.toString().slice(0, 300)}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-cli-'));
  try {
    const script = join(dir, 'aws4-sign.js');
    writeFileSync(
      script,
      `const aws4 = require(${JSON.stringify(join(root, 'node_modules', 'aws4'))});
const { hostname, pathname } = new URL(${JSON.stringify(URL)});
const signed = aws4.sign({ host: hostname, path: pathname, service: 'execute-api', region: 'us-east-1' },
  { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY });
process.stdout.write(JSON.stringify(signed.headers) + '\\n');
`,
    );
    const bin = join(root, 'bin', 'signet.cjs');
    const sides = {
      'bare aws4 script': [script],
      'signet sign': [bin, 'sign', '--method', 'GET', '--url', URL],
      'signet --help': [bin, '--help'],
    };
    const times = new Map<string, number[]>(Object.keys(sides).map((name) => [name, []]));
    for (const args of Object.values(sides)) timed(args);
    for (let run = 0; run < RUNS; run++) {
      for (const [name, args] of Object.entries(sides)) times.get(name)?.push(timed(args));
    }
    const floor = median(times.get('bare aws4 script') ?? []);
    for (const [name, ms] of times) {
      console.log(
        `${name.padEnd(17)} median ${median(ms).toFixed(0)} ms, best ${Math.min(...ms).toFixed(0)} ms, ${(median(ms) / floor).toFixed(2)}x the aws4 script`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
