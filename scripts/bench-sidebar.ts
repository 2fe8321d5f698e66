/**
 * Sidebar responsiveness with 10,000 and 100,000 requests: the first row on screen, the
 * outline's paged load, filter latency (input event to the filtered rows on screen),
 * scrolling, and the longest main-thread task in each. The 10,000 case is the reference
 * for the 100,000 one. Run after a build: npx --no-install tsx scripts/bench-sidebar.ts
 *
 * Starts the browser host on 127.0.0.1 with a temporary data directory, imports a
 * generated collection (10 areas × groups × 100 requests) through the HTTP API, and
 * drives the real UI in Debian's Chromium.
 */
import { loadavg } from 'node:os';
import type { Browser, BrowserContext } from '@playwright/test';
import { launchChromium, startBenchHost, traceTasks, type TaskFigures } from './bench-browser';

interface Generated {
  readonly json: string;
  /** Lowercase `name url` per request, as the sidebar searches them. */
  readonly search: string[];
}

function generate(requests: number, groups: number): Generated {
  const search: string[] = [];
  let n = 0;
  const request = () => {
    const i = n++;
    const name = `request ${i}`;
    const url = `{{api}}/pets/${i}?verbose=true`;
    search.push(`${name} ${url}`.toLowerCase());
    return { name, request: { method: i % 3 === 0 ? 'POST' : 'GET', header: [], url } };
  };
  const item = Array.from({ length: 10 }, (_, a) => ({
    name: `area ${a}`,
    item: Array.from({ length: groups }, (_, b) => ({
      name: `group ${a}.${b}`,
      item: Array.from({ length: requests / 10 / groups }, request),
    })),
  }));
  const json = JSON.stringify({
    info: { name: 'bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [{ key: 'api', value: 'https://abc.execute-api.us-east-1.amazonaws.com' }],
    item,
  });
  return { json, search };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;
const worse = (a: TaskFigures, b: TaskFigures): TaskFigures => ({
  wall: Math.max(a.wall, b.wall),
  cpu: Math.max(a.cpu, b.cpu),
});
const tasks = (t: TaskFigures) => `${t.cpu} ms of CPU (${t.wall} ms wall)`;

interface SizeFigures {
  /** Navigation to the first row on screen, median of the page loads. */
  readonly firstRow: number;
  /** From the outline frame's request to the first row: the sidebar's own part. */
  readonly firstRowFromFrame: number;
  /** Navigation to every page of the outline placed. */
  readonly complete: number;
  /** The longest task from navigation to the complete outline (script start-up included). */
  readonly loadTask: TaskFigures;
  /** The longest task from the outline frame's request to the complete outline: the sidebar's own. */
  readonly outlineTask: TaskFigures;
  readonly filterMedian: number;
  readonly filterMax: number;
  readonly filterTask: TaskFigures;
  readonly scrollTask: TaskFigures;
  readonly typed: number;
}

/** Records, on the page's own clock, when the first row is in the DOM and when the outline is complete. */
function recordSidebarTimes(): void {
  const bench: { firstRow?: number; complete?: number } = {};
  (window as unknown as { __bench: typeof bench }).__bench = bench;
  new MutationObserver((_records, observer) => {
    bench.firstRow ??= document.querySelector('[role="treeitem"]') ? performance.now() : undefined;
    const area = document.querySelector('.tree-area');
    if (bench.firstRow !== undefined && area && !area.hasAttribute('aria-busy')) {
      bench.complete = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
}

/**
 * Opens the app in a new tab (a new document, as when the app starts; the context keeps
 * the compiled-code cache) and returns when the first row was in the DOM, when the last
 * page of the outline was placed and when the frame was asked for, and the longest task.
 */
async function openSidebar(browser: Browser, context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.addInitScript(recordSidebarTimes);
  let times = { firstRow: 0, complete: 0, frameStart: 0 };
  const load = await traceTasks(
    browser,
    page,
    async () => {
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __bench: { complete?: number } }).__bench.complete,
        null,
        {
          timeout: 120_000,
          polling: 100,
        },
      );
      times = await page.evaluate(() => {
        const bench = (window as unknown as { __bench: { firstRow: number; complete: number } }).__bench;
        // loadWorkspace: the one-payload outline of earlier builds, so that they can be measured the same way.
        const frame = performance
          .getEntriesByType('resource')
          .find((e) => /\/api\/(loadOutlineFrame|loadWorkspace)$/.test(e.name));
        return { firstRow: bench.firstRow, complete: bench.complete, frameStart: frame?.startTime ?? NaN };
      });
    },
    { fromRequest: /\/api\/(loadOutlineFrame|loadWorkspace)$/ },
  );
  return { page, ...times, load };
}

async function measure(browser: Browser, requests: number, groups: number): Promise<SizeFigures> {
  const label = requests.toLocaleString('en');
  const host = await startBenchHost();
  try {
    const { json, search } = generate(requests, groups);
    const response = await fetch(`${host.origin}/api/importFile`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileName: 'bench.postman_collection.json', content: json }),
    });
    const imported = (await response.json()) as { ok: boolean };
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported).slice(0, 300)}`);

    const context = await browser.newContext();
    // The first load also warms main's outline and the code cache; the figures are the median of three more.
    await (await openSidebar(browser, context, host.url)).page.close();
    const loads = [];
    for (let i = 0; i < 3; i += 1) {
      const opened = await openSidebar(browser, context, host.url);
      loads.push(opened);
      if (i < 2) await opened.page.close();
    }
    const page = loads.at(-1)!.page;
    const domRows = await page.getByRole('treeitem').count();

    const queries = ['request 9999', 'pets/12', 'REQUEST 5', 'verbose', 'group', '/pets/77', 'no-such-request'];
    const latencies: number[] = [];
    const filter = page.getByLabel('Filter requests');
    const filterTask = await traceTasks(browser, page, async () => {
      for (const query of queries) {
        const needle = query.toLowerCase();
        const count = search.filter((s) => s.includes(needle)).length;
        const expected =
          count === 0 ? `No request matches` : `${count} matching ${count === 1 ? 'request' : 'requests'}`;
        await filter.fill('');
        await page.getByRole('treeitem', { name: 'area 0', exact: true }).waitFor();
        // In the page: one input event (like a paste), then poll every frame until the result is on screen.
        const elapsed = await page.evaluate(
          async ({ text, expected: wanted }) => {
            const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter requests"]')!;
            const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
            const start = performance.now();
            setValue.call(input, text);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            const sidebar = document.querySelector('aside.sidebar')!;
            for (;;) {
              await new Promise(requestAnimationFrame);
              const stale = sidebar.querySelector('.tree-area[data-stale]');
              if (!stale && sidebar.textContent!.includes(wanted)) return performance.now() - start;
              if (performance.now() - start > 10_000) throw new Error(`no "${wanted}" after 10 s`);
            }
          },
          { text: query, expected },
        );
        latencies.push(elapsed);
        console.log(`  ${label}: filter "${query}": ${count} matches, ${round(elapsed)} ms`);
      }
    });

    // Scrolling every request (the filter "verbose" shows them all) from top to bottom in 200 frames.
    await filter.fill('verbose');
    await page.getByText(`${requests} matching requests`).waitFor();
    let lastRow: string | null | undefined;
    const scrollTask = await traceTasks(browser, page, async () => {
      lastRow = await page.evaluate(async () => {
        const list = document.querySelector<HTMLElement>('.virtual-list')!;
        const bottom = list.scrollHeight - list.clientHeight;
        for (let frame = 0; frame <= 200; frame += 1) {
          list.scrollTop = (bottom * frame) / 200;
          await new Promise(requestAnimationFrame);
        }
        await new Promise(requestAnimationFrame);
        const rows = [...list.querySelectorAll('[role="treeitem"]')];
        return rows.at(-1)?.getAttribute('aria-label');
      });
    });

    // Typing key by key, as a user does: the input must keep up while the filtering follows.
    await filter.fill('');
    await page.getByRole('treeitem', { name: 'area 0', exact: true }).waitFor();
    let typed = 0;
    const typingTask = await traceTasks(browser, page, async () => {
      const typeStart = Date.now();
      await filter.pressSequentially('request 12', { delay: 30 });
      const typedCount = search.filter((s) => s.includes('request 12')).length;
      await page.getByText(`${typedCount} matching requests`).waitFor();
      typed = Date.now() - typeStart;
    });

    const figures: SizeFigures = {
      firstRow: median(loads.map((l) => l.firstRow)),
      firstRowFromFrame: median(loads.map((l) => l.firstRow - l.frameStart)),
      complete: median(loads.map((l) => l.complete)),
      loadTask: loads.map((l) => l.load).reduce(worse),
      outlineTask: loads.map((l) => l.load.fromRequest!).reduce(worse),
      filterMedian: median(latencies),
      filterMax: Math.max(...latencies),
      filterTask: worse(filterTask, typingTask),
      scrollTask,
      typed,
    };
    console.log(
      `sidebar (${label} requests in ${10 + 10 * groups} folders): first row ${round(figures.firstRow)} ms after navigation (${round(figures.firstRowFromFrame)} ms after the outline frame was asked for); every page placed at ${round(figures.complete)} ms; ${domRows} rows in the DOM`,
    );
    console.log(
      `  longest task while opening: ${tasks(figures.loadTask)} with script start-up, ${tasks(figures.outlineTask)} once the outline frame was asked for`,
    );
    console.log(
      `  filter latency: median ${round(figures.filterMedian)} ms, max ${round(figures.filterMax)} ms; longest task while filtering or typing: ${tasks(figures.filterTask)}`,
    );
    console.log(
      `  scrolling all ${label} requests in 200 frames (ended at "${lastRow}"): longest task ${tasks(scrollTask)}`,
    );
    console.log(`  typing "request 12" key by key (30 ms apart): ${typed} ms to the result`);
    await context.close();
    return figures;
  } finally {
    host.stop();
  }
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const reference = await measure(browser, 10_000, 10);
    const large = await measure(browser, 100_000, 100);
    const ratio = (a: number, b: number) => (a / Math.max(b, 0.1)).toFixed(2);
    console.log(
      `100,000 vs 10,000: first row ${ratio(large.firstRow, reference.firstRow)}x (${ratio(large.firstRowFromFrame, reference.firstRowFromFrame)}x from the frame), outline complete ${ratio(large.complete, reference.complete)}x, filter median ${ratio(large.filterMedian, reference.filterMedian)}x, longest filtering task ${ratio(large.filterTask.cpu, reference.filterTask.cpu)}x (CPU)`,
    );
    console.log(
      `targets: first row <= 300 ms at 10,000 (${round(reference.firstRow)}) and <= 500 ms at 100,000 (${round(large.firstRow)}); no task over 50 ms (longest CPU: opening ${reference.loadTask.cpu} / ${large.loadTask.cpu} with start-up, ${reference.outlineTask.cpu} / ${large.outlineTask.cpu} from the outline frame on; filtering ${reference.filterTask.cpu} / ${large.filterTask.cpu}, scrolling ${reference.scrollTask.cpu} / ${large.scrollTask.cpu}); load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const worst = Math.max(
      ...[reference, large].flatMap((f) => [f.outlineTask.cpu, f.filterTask.cpu, f.scrollTask.cpu]),
    );
    if (worst >= 100) {
      console.log(`FAIL: a sidebar task took ${worst} ms of CPU`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
