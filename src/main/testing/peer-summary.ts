/**
 * Vitest global setup: gives the workers a file to record peers skipped under
 * SIGNET_SKIP_PEERS=1, and prints what was skipped when the run ends, so a run that
 * passed without a peer says so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SKIPPED_PEERS_FILE_ENV } from './peers';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'signet-peers-'));
  const file = path.join(dir, 'skipped.txt');
  writeFileSync(file, '');
  process.env[SKIPPED_PEERS_FILE_ENV] = file;
  return () => {
    const skipped = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
    rmSync(dir, { recursive: true, force: true });
    if (skipped.length === 0) return;
    process.stdout.write(
      `\nSIGNET_SKIP_PEERS=1: these tests were SKIPPED for a missing peer; this run does not cover them:\n${skipped.map((line) => `  - ${line}`).join('\n')}\n`,
    );
  };
}
