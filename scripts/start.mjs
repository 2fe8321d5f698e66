// `npm start`: launch the Electron app; where Electron's binary is missing and cannot be
// downloaded (offline machines), say so in one line and start the browser host instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, [root], { stdio: 'inherit' })
  : (console.log(
      'Electron binary is not installed here (it cannot be downloaded offline); starting the browser host instead.',
    ),
    spawn(process.execPath, [join(root, 'bin', 'signet.cjs'), 'web', ...process.argv.slice(2)], { stdio: 'inherit' }));
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
