import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AppFailure } from '../core/failure';

/**
 * Where the workspace lives outside Electron: `SIGNET_DATA_DIR` when set, else
 * `${XDG_DATA_HOME:-~/.local/share}/signet`. The one rule for `signet web`, `import` and
 * `export`, so all three see the same workspace. (Electron uses its userData path instead.)
 */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.SIGNET_DATA_DIR) return resolve(env.SIGNET_DATA_DIR);
  const base = env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(homedir(), '.local', 'share');
  return join(base, 'signet');
}

const WHY: Readonly<Record<string, string>> = {
  ENOTDIR: 'a file is in the way',
  ENOENT: 'it does not exist and cannot be created',
  EACCES: 'it is not writable',
  EPERM: 'it is not writable',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
};

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/**
 * Creates `dir` and its missing parents. By hand, because a recursive mkdir under some
 * pseudo file systems (/proc) never returns.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await stat(dir)).isDirectory()) throw fsError('ENOTDIR');
      return;
    }
    if (code !== 'ENOENT' || dirname(dir) === dir) throw error;
    await makeDirectory(dirname(dir));
    await mkdir(dir);
  }
}

/**
 * Makes sure Signet can keep its files in `dataDir`: creates it when missing and writes a
 * probe file. Throws one `io` failure that names the directory and why it cannot be used.
 */
export async function ensureDataDir(dataDir: string): Promise<void> {
  let created = false;
  try {
    await makeDirectory(dataDir);
    created = true;
    const probe = join(dataDir, `.signet-probe-${process.pid}`);
    await (await open(probe, 'w', 0o600)).close();
    await unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // A directory that exists but takes no files (a read-only mount, /proc) is not writable, whatever the code.
    const why = created && code !== 'ENOSPC' && code !== 'EROFS' ? WHY.EACCES : (WHY[code] ?? code);
    throw new AppFailure(
      'io',
      `Signet cannot keep its files in the data directory ${dataDir}: ${why}. ` +
        'Make it writable, or set SIGNET_DATA_DIR to a writable directory.',
    );
  }
}
