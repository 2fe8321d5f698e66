/**
 * One app per data directory. Two apps on one directory would each keep the workspace in
 * memory and refuse or re-apply the other's every save; the second one is told instead,
 * and starts nowhere. (`signet import` takes no lock: it writes beside a running app,
 * which follows its change; see WorkspaceStore.)
 *
 * The lock is proper-lockfile's directory, kept fresh while the app runs, so a crashed
 * app's lock goes stale on its own; a note beside it names the holder, so the refusal can
 * say who it is and a lock whose holder is gone is taken over at once.
 */
import { hostname } from 'node:os';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { AppFailure } from '../core/failure';
import { processAlive } from '../core/process-alive';

/** A data directory this process holds. */
export interface DataDirLock {
  release(): Promise<void>;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly what: string;
}

const STALE_MS = 10_000;

function isHolder(value: unknown): value is Holder {
  const candidate = value as Partial<Holder> | null;
  return typeof candidate?.pid === 'number' && typeof candidate.host === 'string' && typeof candidate.what === 'string';
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isHolder(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory for this app (`what` names it to a second one, e.g. "signet web").
 * Throws a `conflict` failure naming the directory and the running holder when another
 * app has it.
 */
export async function lockDataDir(dataDir: string, what: string): Promise<DataDirLock> {
  const lockPath = join(dataDir, '.signet.lock');
  const holderPath = join(dataDir, '.signet.lock-holder.json');
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MS,
    onCompromised: (error: Error) =>
      console.error(`[signet] the lock on ${dataDir} was lost (${error.message}); another app may now use it`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = await readHolder(holderPath);
    if (holder && holder.host === hostname() && !processAlive(holder.pid)) {
      // Its holder was killed before the lock went stale: nobody uses the directory.
      await rm(lockPath, { recursive: true, force: true });
      return lockDataDir(dataDir, what);
    }
    const who = holder ? `${holder.what} (pid ${holder.pid} on ${holder.host})` : 'another Signet';
    throw new AppFailure(
      'conflict',
      `${who} is already using the data directory ${dataDir}. Close it first, or set SIGNET_DATA_DIR to another directory.`,
    );
  }
  await writeFile(holderPath, JSON.stringify({ pid: process.pid, host: hostname(), what }), { mode: 0o600 });
  return {
    release: async () => {
      await unlink(holderPath).catch(() => undefined);
      await release().catch(() => undefined);
    },
  };
}
