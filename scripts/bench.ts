/**
 * `npm run bench`: every benchmark, one after another, each printing its own numbers.
 * Benchmarks are scripts, not tests: they report and never fail on a threshold.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const benches = [
  'bench-signing.ts',
  'bench-cli.ts',
  'bench-import.ts',
  'bench-sidebar.ts',
  'bench-response.ts',
  'bench-bundle.ts',
];
const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
let failed = 0;
for (const bench of benches) {
  const file = join(__dirname, bench);
  if (!existsSync(file)) continue;
  console.log(`\n== ${bench}`);
  const run = spawnSync(tsx, [file], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
