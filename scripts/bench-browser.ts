/**
 * What the UI benchmarks share: the browser host on 127.0.0.1 with a throwaway data
 * directory, and Debian's Chromium with the flags this offline machine needs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';

const ROOT = resolve(__dirname, '..');

export interface BenchHost {
  /** The URL to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  stop(): void;
}

/** Starts `signet web` on a random port; `stop` also removes its data directory. */
export async function startBenchHost(): Promise<BenchHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'signet-bench-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'signet.cjs'), 'web', '--port', '0'], {
    env: { ...process.env, SIGNET_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`signet web did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`signet web exited with ${code}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    token: /token=([A-Za-z0-9_-]+)/.exec(url)![1]!,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (Playwright cannot download its own here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SIGNET_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
