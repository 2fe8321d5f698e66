/**
 * The longest tasks on a page's main thread, from Chromium's own trace. Long-task entries
 * (PerformanceObserver 'longtask') give only wall time, which a machine shared with other
 * jobs stretches several times over; the trace's thread time is the task's own work, so
 * the same bound holds on a busy machine. Shared by the e2e specs and the UI benchmarks,
 * with no Playwright test import so that plain scripts can use it too.
 */
import type { Browser, Page } from '@playwright/test';

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
  if (!options.fromRequest) return longestTasks(trace.traceEvents);
  // The tasks begun after the page sent that request (the task that sent it is the one before).
  const sent = trace.traceEvents.find(
    (e) => e.name === 'ResourceSendRequest' && options.fromRequest!.test(e.args?.data?.url ?? ''),
  );
  if (!sent) throw new Error(`the page never requested ${options.fromRequest}`);
  // Both figures on the thread that sent it, the page's own: Chromium also runs other renderer
  // processes (a spare one, about:blank) whose tasks are not this page's.
  const thread = `${sent.pid}:${sent.tid}`;
  return {
    ...longestTasks(trace.traceEvents, 0, thread),
    fromRequest: longestTasks(trace.traceEvents, sent.ts, thread),
  };
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
