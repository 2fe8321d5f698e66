/**
 * Sidebar responsiveness with 10,000 requests: filter latency (input event to the
 * filtered rows on screen) and the longest main-thread task while typing filters.
 * Run after a build: npx --no-install tsx scripts/bench-sidebar.ts
 *
 * Starts the browser host on 127.0.0.1 with a temporary data directory, imports a
 * generated collection (10 areas × 10 groups × 100 requests) through the HTTP API,
 * and drives the real UI in Debian's Chromium.
 */
import { launchChromium, startBenchHost } from './bench-browser';

const REQUESTS = 10_000;

interface Generated {
  readonly json: string;
  /** Lowercase `name url` per request, as the sidebar searches them. */
  readonly search: string[];
}

function generate(): Generated {
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
    item: Array.from({ length: 10 }, (_, b) => ({
      name: `group ${a}.${b}`,
      item: Array.from({ length: REQUESTS / 100 }, request),
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

async function main(): Promise<void> {
  const host = await startBenchHost();
  const browser = await launchChromium();
  try {
    const { json, search } = generate();
    const { origin, token } = host;
    const response = await fetch(`${origin}/api/importFile`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileName: 'bench.postman_collection.json', content: json }),
    });
    // The browser host answers the call's Result itself: { ok, value } or { ok: false, error }.
    const imported = (await response.json()) as { ok?: boolean };
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported).slice(0, 300)}`);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const state = { longTasks: [] as number[] };
      (window as unknown as { __bench: typeof state }).__bench = state;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const loadStart = Date.now();
    await page.goto(host.url);
    await page.getByRole('treeitem', { name: 'area 0', exact: true }).waitFor();
    const firstPaint = Date.now() - loadStart;
    const domRows = await page.getByRole('treeitem').count();

    const queries = ['request 9999', 'pets/12', 'REQUEST 5', 'verbose', 'group', '/pets/77', 'no-such-request'];
    const latencies: number[] = [];
    const filter = page.getByLabel('Filter requests');
    const longTasks = async () =>
      page.evaluate(() => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks.splice(0));
    // Page load is not part of filtering, but its long tasks show that the observer works.
    const loadTasks = await longTasks();

    for (const query of queries) {
      const needle = query.toLowerCase();
      const count = search.filter((s) => s.includes(needle)).length;
      const expected = count === 0 ? `No request matches` : `${count} matching ${count === 1 ? 'request' : 'requests'}`;
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
      console.log(`  filter "${query}": ${count} matches, ${round(elapsed)} ms`);
    }
    const pasteTasks = await longTasks();

    // Typing key by key, as a user does: the input must keep up while the filtering follows.
    await filter.fill('');
    await page.getByRole('treeitem', { name: 'area 0', exact: true }).waitFor();
    await longTasks();
    const typeStart = Date.now();
    await filter.pressSequentially('request 12', { delay: 30 });
    await page.getByText('11 matching requests').waitFor();
    const typed = Date.now() - typeStart;
    const typingTasks = await longTasks();

    const maxTask = Math.max(0, ...pasteTasks, ...typingTasks);
    console.log(
      `sidebar first render (10,000 requests): ${firstPaint} ms to the first row; ${domRows} rows in the DOM; longest task during load ${round(Math.max(0, ...loadTasks))} ms`,
    );
    console.log(
      `sidebar filter latency (10,000 requests): median ${round(median(latencies))} ms, max ${round(Math.max(...latencies))} ms; longest task ${round(maxTask)} ms`,
    );
    console.log(
      `typing "request 12" key by key (30 ms apart): ${typed} ms to the result; long tasks over 50 ms: ${typingTasks.length}`,
    );
    if (maxTask >= 100) {
      console.log('FAIL: a main-thread task reached 100 ms while filtering');
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
