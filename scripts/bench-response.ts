/**
 * Large responses must not freeze the window nor fill main's memory. Through the browser
 * host in Debian Chromium, prints for a 6 MB JSON response (the reference) and a 100 MB one:
 * time to the first view of the body, time to its pretty-printed view, the longest
 * main-thread task, main's memory (peak resident set, from /proc), and the time a search
 * near the end of the body takes. Run after `npm run build`: npx --no-install tsx scripts/bench-response.ts
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { launchChromium, startBenchHost } from './bench-browser';

/** Minified JSON of about `megabytes` MB with one needle near the end. */
function jsonBody(megabytes: number): Buffer {
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i += 1) {
    const record = JSON.stringify({
      id: i,
      name: `item ${i}`,
      tags: ['a', 'b', 'c'],
      nested: { x: i * 2, y: 'z'.repeat(20) },
    });
    records.push(record);
    size += record.length + 1;
  }
  records[records.length - 5] = JSON.stringify({ id: -1, name: 'needle near the end' });
  return Buffer.from(`{"items":[${records.join(',')}]}`);
}

function memoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: Math.round(kb('VmHWM') / 1024), now: Math.round(kb('VmRSS') / 1024) };
}

interface Figure {
  readonly label: string;
  readonly firstViewMs: number;
  readonly prettyMs: number;
  readonly searchMs: number;
  readonly longestTaskMs: number;
  /** When the longest task started, after Send was pressed. */
  readonly longestTaskAtMs: number;
  readonly tasksOver50: number;
  readonly mainPeakMb: number;
  readonly mainPeakGrowthMb: number;
}

async function measure(page: Page, url: string, target: string, label: string, pid: number): Promise<Figure> {
  await page.goto(url);
  const before = memoryMb(pid);
  await page.getByLabel('Request URL').fill(target);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: Array<[number, number]>; sentAt: number };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.longTasks.push([Math.round(entry.duration), Math.round(entry.startTime - w.sentAt)]);
    }).observe({ type: 'longtask' });
    w.sentAt = performance.now();
  });
  const started = Date.now();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('.body-row').first().waitFor({ timeout: 120_000 });
  const firstViewMs = Date.now() - started;
  await page.getByTestId('pretty-progress').waitFor({ state: 'hidden', timeout: 300_000 });
  await page.locator('.body-row').nth(1).filter({ hasText: '"items": [' }).waitFor({ timeout: 60_000 });
  const prettyMs = Date.now() - started;
  const box = page.getByRole('searchbox', { name: 'Search body' });
  await box.fill('needle near the end');
  const searchStarted = Date.now();
  await box.press('Enter');
  await page.locator('mark.body-match.active').waitFor({ timeout: 120_000 });
  const searchMs = Date.now() - searchStarted;
  await page.waitForTimeout(500);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: Array<[number, number]> }).longTasks);
  const longest = tasks.reduce<[number, number]>((a, b) => (b[0] > a[0] ? b : a), [0, 0]);
  const after = memoryMb(pid);
  return {
    label,
    firstViewMs,
    prettyMs,
    searchMs,
    longestTaskMs: longest[0],
    longestTaskAtMs: longest[1],
    tasksOver50: tasks.length,
    mainPeakMb: after.peak,
    mainPeakGrowthMb: after.peak - before.peak,
  };
}

async function main(): Promise<void> {
  const bodies: Record<string, Buffer> = { '/6mb': jsonBody(6), '/100mb': jsonBody(100) };
  const server = http.createServer((req, res) => {
    const body = bodies[req.url ?? ''] ?? Buffer.from('{}');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    // Each size gets its own main, so the memory figure is its own.
    for (const [path, label] of [
      ['/6mb', '6 MB JSON (reference)'],
      ['/100mb', '100 MB JSON'],
    ] as const) {
      const host = await startBenchHost();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      try {
        figures.push(await measure(page, host.url, `${origin}${path}`, label, host.pid));
      } finally {
        await page.close();
        host.stop();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  for (const f of figures) {
    console.log(
      `${f.label}: first view ${f.firstViewMs} ms; pretty view ${f.prettyMs} ms; search near the end ${f.searchMs} ms; ` +
        `longest task ${f.longestTaskMs} ms at +${f.longestTaskAtMs} ms (${f.tasksOver50} over 50 ms); main peak RSS ${f.mainPeakMb} MB (+${f.mainPeakGrowthMb} MB during the response)`,
    );
  }
  const [small, large] = figures as [Figure, Figure];
  console.log(
    `  100 MB vs 6 MB: first view ${(large.firstViewMs / small.firstViewMs).toFixed(2)}x, search ${(large.searchMs / small.searchMs).toFixed(2)}x, ` +
      `main peak growth ${large.mainPeakGrowthMb} MB vs ${small.mainPeakGrowthMb} MB for a body ${(bodies['/100mb']!.length / bodies['/6mb']!.length).toFixed(0)}x larger`,
  );
}

void main();
