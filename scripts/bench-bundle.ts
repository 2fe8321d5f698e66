/**
 * What the renderer loads before its first paint, beside the 500 kB target: counted in the build
 * (scripts/check-bundle-size.mjs, the same numbers `npm run build` holds to budget) and measured
 * in Debian's Chromium against the browser host (the scripts actually fetched before the first
 * contentful paint), with the first paint's time and the longest main-thread task of the load.
 * Run after a build: npx --no-install tsx scripts/bench-bundle.ts
 */
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { launchChromium, startBenchHost } from './bench-browser';
// @ts-expect-error: a plain .mjs script without type declarations
import { BUDGETS, kb, measureBundles } from './check-bundle-size.mjs';

interface Measured {
  readonly firstPaint: { readonly files: readonly { file: string; bytes: number }[]; bytes: number; gzip: number };
  readonly renderer: { readonly files: number; bytes: number; gzip: number };
  readonly preload: { bytes: number };
}

interface PageLoad {
  readonly fcp: number;
  readonly scripts: readonly { name: string; bytes: number; end: number }[];
  readonly longTasks: readonly number[];
}

const ratio = (value: number, reference: number) => `${(value / reference).toFixed(2)}x`;

const LOADS = 5;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Loads the app `LOADS` times in fresh pages (the machine is shared: one load is noise). */
async function inChromium(): Promise<PageLoad[]> {
  const host = await startBenchHost();
  const browser = await launchChromium();
  try {
    const loads: PageLoad[] = [];
    for (let i = 0; i < LOADS; i += 1) loads.push(await loadOnce(browser, host.url));
    return loads;
  } finally {
    await browser.close();
    host.stop();
  }
}

async function loadOnce(browser: Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const state = { longTasks: [] as number[] };
      (window as unknown as { __bench: typeof state }).__bench = state;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Collections' }).waitFor();
    await page.waitForTimeout(500);
    return await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const scripts = performance
        .getEntriesByType('resource')
        .map((entry) => entry as PerformanceResourceTiming)
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({
          name: new URL(entry.name).pathname.split('/').pop()!,
          bytes: entry.decodedBodySize,
          end: entry.responseEnd,
        }));
      const longTasks = (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks;
      return { fcp, scripts, longTasks };
    });
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const built = measureBundles(join(__dirname, '..', 'out')) as Measured;
  const target = BUDGETS.rendererFirstPaint as number;
  console.log(
    `renderer JS before first paint (build): ${kb(built.firstPaint.bytes)} (gzip ${kb(built.firstPaint.gzip)}); ` +
      `target ≤ ${kb(target)}, ${ratio(built.firstPaint.bytes, target)} of it; ${built.firstPaint.files.length} files`,
  );
  console.log(
    `renderer JS in all (build): ${kb(built.renderer.bytes)} (gzip ${kb(built.renderer.gzip)}) in ${built.renderer.files} files; ` +
      `${kb(built.renderer.bytes - built.firstPaint.bytes)} loads on demand (CodeMirror, panels)`,
  );
  console.log(`preload (build): ${kb(built.preload.bytes)}; budget ${kb(BUDGETS.preload as number)}`);

  const loads = await inChromium();
  const load = loads[0]!;
  const before = load.scripts.filter((script) => script.end <= load.fcp);
  const fetched = (scripts: readonly { bytes: number }[]) => scripts.reduce((sum, script) => sum + script.bytes, 0);
  console.log(
    `renderer JS before first paint (Chromium, empty workspace): ${kb(fetched(before))} in ${before.length} scripts ` +
      `(${before.map((script) => script.name).join(', ')}); target ≤ ${kb(target)}; ` +
      `${kb(fetched(load.scripts))} fetched by the time the shell is up`,
  );
  const fcps = loads.map((l) => l.fcp);
  const tasks = loads.map((l) => Math.max(0, ...l.longTasks));
  console.log(
    `first contentful paint, empty workspace: median ${Math.round(median(fcps))} ms of ${LOADS} loads ` +
      `(${fcps.map(Math.round).join(', ')}); longest main-thread task during load: median ${Math.round(median(tasks))} ms, ` +
      `max ${Math.round(Math.max(...tasks))} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
