import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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
