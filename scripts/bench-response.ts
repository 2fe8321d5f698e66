/**
 * Large responses must not freeze the window. Sends a 6 MB JSON response through the
 * browser host in Debian Chromium and prints how long it took to show and the longest
 * main-thread task meanwhile. Run after `npm run build`: npx --no-install tsx scripts/bench-response.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const ITEMS = 60_000;
const body = JSON.stringify({
  items: Array.from({ length: ITEMS }, (_, i) => ({
    id: i,
    name: `item ${i}`,
    tags: ['a', 'b', 'c'],
    nested: { x: i * 2, y: 'z'.repeat(20) },
  })),
});

async function main(): Promise<void> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/large`;
  const dataDir = mkdtempSync(join(tmpdir(), 'signet-bench-response-'));
  const host = spawn(process.execPath, [join(__dirname, '..', 'bin', 'signet.cjs'), 'web', '--port', '0'], {
    env: { ...process.env, SIGNET_DATA_DIR: dataDir },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    host.once('exit', (code) => reject(new Error(`signet web exited with ${code}`)));
  });
  const browser = await chromium.launch({
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
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.getByLabel('Request URL').fill(target);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    const shownMs = Date.now() - started;
    await page.waitForTimeout(1000);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const note = await page.getByTestId('body-truncated').textContent();
    console.log(
      `large response (${(body.length / 1024 / 1024).toFixed(1)} MB JSON): shown after ${shownMs} ms; longest task ${Math.max(0, ...tasks)} ms (${tasks.length} over 50 ms)`,
    );
    console.log(`  pane says: ${note}`);
  } finally {
    await browser.close();
    host.kill('SIGTERM');
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
