/** Crash-safe file replacement: a reader sees the old file or the new one, never half of either. */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './process-alive';

/** Suffix of the temporary files; leftovers from a crash are removed at load. */
export const TEMP_SUFFIX = '.tmp';

/**
 * The temporary files Signet writes, with the writer's pid: `.<name>.<pid>.<hex>.tmp`
 * (writeFileAtomic) and `<name>.<pid>.tmp` (managed profiles and secrets before they
 * used it, still found in older data directories).
 */
const TEMP_NAME = /^(?:\..+\.(\d+)\.[0-9a-f]{8}|[^.].*\.(\d+))\.tmp$/;

/**
 * Whether the process that wrote a temporary file still runs: another window's save in
 * progress must not be deleted. This process's own files are leftovers (it saves nothing
 * while starting).
 */
function writerAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  return processAlive(pid);
}

/** Removes the temporary files a crash or a full disk left in `dir`; returns their names. */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || writerAlive(Number(match[1] ?? match[2]))) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch {
      // Gone already (another window cleaned up) or not removable: the next start tries again.
    }
  }
  return removed;
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable. Some file systems refuse fsync on a directory; the rename is still atomic there.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `path` atomically: a temporary file in the same directory is written
 * and fsynced, renamed over the target, and the directory is fsynced. Killing the
 * process at any point leaves either the previous content or the new one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Removes a file and makes the removal durable; a missing file is not an error. */
export async function removeFileDurably(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return;
  }
  await syncDirectory(dirname(path));
}
