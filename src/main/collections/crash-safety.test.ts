import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findItem } from '../../shared/collection';
import { SecretStore } from '../core/secrets';
import { lockDataDir } from '../workspace/data-dir-lock';
import { createWorkspaceService } from './service';

const CHILD = resolve(__dirname, 'testdata', 'save-loop.ts');
const KILLS = Number(process.env.CRASH_KILLS ?? 30);
const dataDir = mkdtempSync(join(tmpdir(), 'signet-crash-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the saving child, SIGKILLs it `delayMs` after it is ready, and returns the saves it confirmed. */
function runAndKill(delayMs: number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const confirmed: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line.startsWith('saved ')) confirmed.push(Number(line.slice(6)));
      }
    });
    child.on('error', fail);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? done(confirmed) : fail(new Error(`child exited on its own: ${stderr.slice(0, 500)}`)),
    );
  });
}

describe('crash safety', () => {
  it(`never loses a confirmed save when killed mid-save, and restarts at once (${KILLS} kills)`, async () => {
    let highest = -1;
    let everCorrupt = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      // Spread kills from "right away" to "after many saves" so they land in every phase of a save.
      const confirmed = await runAndKill(Math.floor(Math.random() * 400));
      highest = Math.max(highest, ...confirmed);
      // Restarting at once works: the killed app's lock does not hold the directory for its stale time.
      const lock = await lockDataDir(dataDir, 'the restarted app');
      await lock.release();
      const { workspace, warnings } = await createWorkspaceService({ dataDir, secrets: new SecretStore() }).load();
      const temporary = [...readdirSync(dataDir), ...readdirSync(join(dataDir, 'collections'))].filter((name) =>
        name.endsWith('.tmp'),
      );
      expect(temporary, `temporary files left after kill ${kill}`).toEqual([]);
      if (warnings.length > 0) everCorrupt += 1;
      expect(warnings, `after kill ${kill}`).toEqual([]);
      const collection = workspace.collections.find((c) => c.id === 'crash-test');
      expect(collection, `after kill ${kill}`).toBeDefined();
      for (let n = 0; n <= highest; n += 1)
        expect(findItem(collection!.items, `saved-${n}`), `saved-${n} after kill ${kill}`).toBeDefined();
      const counter = Number(workspace.environments.find((env) => env.id === 'env')?.values[0]?.value ?? -1);
      if (confirmed.length > 0) expect(counter).toBeGreaterThanOrEqual(Math.max(...confirmed));
    }
    console.log(`crash safety: ${KILLS} kills, ${highest + 1} saves confirmed, ${everCorrupt} loads with warnings`);
    expect(highest).toBeGreaterThan(0);
  }, 180_000);
});
