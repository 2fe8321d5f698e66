import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSignetWeb } from './signet-web';

/** 20 MB of bytes that are not text (every byte value), to compare a saved file byte for byte. */
const BINARY = Buffer.alloc(20 * 1024 * 1024);
for (let i = 0; i < BINARY.length; i += 1) BINARY[i] = (i * 7 + (i >> 11)) & 0xff;

/** A minified JSON document of about 100 MB, with one needle near its end. */
function hundredMegabytesOfJson(): Buffer {
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < 100 * 1024 * 1024; i += 1) {
    const record = JSON.stringify({
      id: i,
      name: `record ${i}`,
      tags: ['alpha', 'beta'],
      nested: { x: i * 3, y: 'z'.repeat(40), flag: i % 2 === 0 },
    });
    records.push(record);
    size += record.length + 1;
  }
  records[records.length - 10] = JSON.stringify({ id: -1, name: 'the needle near the end' });
  return Buffer.from(`{"records":[${records.join(',')}]}`);
}

let server: http.Server;
let base = '';
let hugeJson: Buffer | undefined;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/binary') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': BINARY.length });
      res.end(BINARY);
    } else if (path === '/huge.json') {
      hugeJson ??= hundredMegabytesOfJson();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': hugeJson.length });
      res.end(hugeJson);
    } else {
      const lines = Array.from({ length: 100_000 }, (_, i) =>
        i === 87_654 ? 'here is the hidden Treasure line' : `ordinary line ${i}`,
      );
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(lines.join('\n'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function send(page: Page, url: string): Promise<void> {
  await page.getByLabel('Request URL').fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200 OK', { timeout: 60_000 });
}

test.describe('response pane tools', () => {
  test('Ctrl+F searches the whole body in main and jumps to a match past the preview', async ({ appPage: page }) => {
    await send(page, `${base}/lines`);
    await expect(page.getByTestId('body-truncated')).toContainText('Large body: showing the first');
    await page.getByLabel('Response body').click();
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: 'Search body' });
    await expect(box).toBeFocused();
    await box.fill('treasure');
    await box.press('Enter');
    await expect(page.getByTestId('search-count')).toHaveText('1 of 1');
    const match = page.locator('mark.body-match.active');
    await expect(match).toHaveText('Treasure');
    await expect(match).toBeInViewport();
    await expect(match.locator('..')).toHaveText('here is the hidden Treasure line');
    await page.screenshot({ path: test.info().outputPath('body-search.png') });
    await test
      .info()
      .attach('body-search', { path: test.info().outputPath('body-search.png'), contentType: 'image/png' });
    // Case-sensitive: the lower-case word is not there.
    await page.getByLabel('Aa').check();
    await box.press('Enter');
    await expect(page.getByTestId('search-count')).toHaveText('No matches');
  });

  test('saves a 20 MB body to a file, byte for byte', async ({ app, appPage: page }) => {
    test.skip(app.kind === 'electron', 'Electron saves through the system dialog, which a test cannot answer');
    await send(page, `${base}/binary`);
    await expect(page.getByTestId('response-size')).toHaveText('20.0 MB');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save to file…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('response.bin');
    const target = test.info().outputPath('saved.bin');
    await download.saveAs(target);
    const saved = readFileSync(target);
    expect(saved.length).toBe(BINARY.length);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(BINARY).digest('hex'));
    await expect(page.getByTestId('body-notice')).toHaveText('Saved 20.0 MB.');
  });
});

/** Peak and current resident memory of a process, in MB, from /proc. */
function memoryOf(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: Math.round(kb('VmHWM') / 1024), nowMb: Math.round(kb('VmRSS') / 1024) };
}

test.describe('a 100 MB JSON response', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';
  test.afterEach(() => {
    child?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('is browsable and searchable with no task over 200 ms, and main stays bounded', async ({ page }) => {
    test.setTimeout(180_000);
    hugeJson ??= hundredMegabytesOfJson();
    dataDir = mkdtempSync(join(tmpdir(), 'signet-e2e-huge-'));
    const started = await startSignetWeb({ SIGNET_DATA_DIR: dataDir });
    child = started.child;
    await page.goto(started.url);
    const before = memoryOf(child.pid!);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask', buffered: false });
    });

    await send(page, `${base}/huge.json`);
    await expect(page.getByTestId('response-size')).toHaveText('100.0 MB');
    // The first part shows at once; main pretty-prints the rest by slices and the pane follows.
    await expect(page.getByLabel('Response body')).toContainText('"records"');
    await expect(page.getByTestId('pretty-progress')).toBeHidden({ timeout: 120_000 });
    await expect(page.locator('.body-row').nth(1)).toHaveText('  "records": [', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(page.getByTestId('body-truncated')).toContainText('Large body: showing the first 2.');
    await page.getByLabel('Response body').hover();
    await page.mouse.wheel(0, 20_000);

    const box = page.getByRole('searchbox', { name: 'Search body' });
    await box.fill('the needle near the end');
    await box.press('Enter');
    await expect(page.getByTestId('search-count')).toHaveText('1 of 1', { timeout: 60_000 });
    await expect(page.locator('mark.body-match.active')).toHaveText('the needle near the end');
    await expect(page.locator('mark.body-match.active').locator('..')).toHaveText(
      '      "name": "the needle near the end"',
    );

    await page.screenshot({ path: test.info().outputPath('huge-json.png') });
    await test.info().attach('huge-json', { path: test.info().outputPath('huge-json.png'), contentType: 'image/png' });
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(Math.max(0, ...longTasks), `long tasks: ${longTasks.join(', ')} ms`).toBeLessThanOrEqual(200);
    const after = memoryOf(child.pid!);
    test.info().annotations.push({
      type: 'memory',
      description: `main RSS before ${before.nowMb} MB, peak ${after.peakMb} MB, now ${after.nowMb} MB`,
    });
    // The body is on disk, not in main: peak memory grows by far less than the 100 MB body.
    expect(after.peakMb - before.peakMb).toBeLessThan(100);
  });
});
