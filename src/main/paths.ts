import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository (or packaged app) root: the folder holding package.json above this bundle. */
function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return resolve(__dirname, '..', '..');
}

export function appVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}

/** The built renderer served by the browser host. */
export function rendererDir(): string {
  return join(projectRoot(), 'out', 'renderer');
}
