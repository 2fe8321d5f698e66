/**
 * What the UI benchmarks share: the browser host on 127.0.0.1 with a throwaway data
 * directory, and Debian's Chromium with the flags this offline machine needs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startSignetWeb } from '../e2e/signet-web';

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
  const { child, url } = await startSignetWeb({ SIGNET_DATA_DIR: dataDir });
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

/** The longest main-thread task of a page, by wall time and by the CPU time it took. */
export interface TaskFigures {
  /** Wall time of the longest task, ms: what a user waits, inflated when other processes share the CPU. */
  readonly wall: number;
  /** The most CPU time one task took, ms: the work itself, the same on a busy machine. */
  readonly cpu: number;
}

/**
 * Runs `action` under Chromium's tracing and returns the longest renderer main-thread
 * tasks. Long-task entries only give wall time, which a machine shared with other jobs
 * stretches several times over; the trace's thread time is the task's own work.
 */
export async function traceTasks(
  browser: Browser,
  page: Page,
  action: () => Promise<void>,
  options: { readonly fromRequest?: RegExp } = {},
): Promise<TaskFigures & { readonly fromRequest?: TaskFigures }> {
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  const done = await action().then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  if (done) throw done.error;
  const all = longestTasks(trace.traceEvents);
  if (!options.fromRequest) return all;
  // The tasks begun after the page sent that request (the task that sent it is the one before).
  const sent = trace.traceEvents.find(
    (e) => e.name === 'ResourceSendRequest' && options.fromRequest!.test(e.args?.data?.url ?? ''),
  );
  if (!sent) throw new Error(`the page never requested ${options.fromRequest}`);
  return { ...all, fromRequest: longestTasks(trace.traceEvents, sent.ts, `${sent.pid}:${sent.tid}`) };
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly url?: string } };
}

/**
 * The longest tasks on a renderer's main thread (`thread`, else any) that start at or
 * after `from` (trace microseconds).
 */
function longestTasks(events: readonly TraceEvent[], from = 0, thread?: string): TaskFigures {
  const mainThreads = new Set(
    thread
      ? [thread]
      : events
          .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
  );
  let wall = 0;
  let cpu = 0;
  for (const event of events) {
    if (event.ph !== 'X' || event.name !== 'ThreadControllerImpl::RunTask') continue;
    if (!mainThreads.has(`${event.pid}:${event.tid}`) || event.ts < from) continue;
    wall = Math.max(wall, (event.dur ?? 0) / 1000);
    cpu = Math.max(cpu, (event.tdur ?? 0) / 1000);
  }
  return { wall: Math.round(wall * 10) / 10, cpu: Math.round(cpu * 10) / 10 };
}
