/**
 * What the UI benchmarks share: the browser host on 127.0.0.1 with a throwaway data
 * directory, and Debian's Chromium with the flags this offline machine needs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startSignetWeb } from '../e2e/signet-web';

export { traceTasks, type TaskFigures } from '../e2e/main-thread-tasks';

export interface BenchHost {
  /** The URL to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** The `signet web` process (main), for memory figures. */
  readonly pid: number;
  stop(): void;
}

/** Starts `signet web` on a random port; `stop` also removes its data directory. */
export async function startBenchHost(): Promise<BenchHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'signet-bench-'));
  const { child, url } = await startSignetWeb({ SIGNET_DATA_DIR: dataDir });
  return {
    url,
    origin: new URL(url).origin,
    token: /token=([A-Za-z0-9_-]+)/.exec(url)![1]!,
    pid: child.pid!,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
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
