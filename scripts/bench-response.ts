/**
 * Large responses must not freeze the window. Sends a 6 MB JSON response through the
 * browser host in Debian Chromium and prints how long it took to show and the longest
 * main-thread task meanwhile. Run after `npm run build`: npx --no-install tsx scripts/bench-response.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium, startBenchHost } from './bench-browser';

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
  const host = await startBenchHost();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
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
    host.stop();
    server.close();
  }
}

void main();
