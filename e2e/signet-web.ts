import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

// Starting the real `signet web` command, for the e2e fixtures and the UI benchmarks alike.
// No Playwright test import here, so plain scripts can use it too.

const root = resolve(__dirname, '..');

/** Starts `signet web` and resolves with the URL it prints. */
export async function startSignetWeb(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'signet.cjs'), 'web', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`signet web did not start: ${out}${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`signet web exited with ${code}: ${err}`));
    });
  });
  return { child, url };
}
