/**
 * What history costs a send, and what the History list costs to open: records 3,000 typical
 * entries into a store capped at 1,000 (so compaction runs, after the send that triggers it),
 * then lists from a fresh store (a cold read of the whole file) and searches it. Run: npx --no-install tsx scripts/bench-history.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyEntry } from '../src/main/history/entry';
import { HistoryStore } from '../src/main/history/store';

const RECORDS = 3000;

function typicalEntry(n: number) {
  const headers = Array.from({ length: 12 }, (_, i) => ({
    key: `X-Header-${i}`,
    value: 'v'.repeat(40),
    enabled: true,
  }));
  return historyEntry({
    at: new Date(),
    request: {
      id: '',
      name: 'Some request',
      method: 'POST',
      url: `https://abc123.execute-api.us-east-1.amazonaws.com/prod/items/${n}?q=1`,
      headers,
      body: { mode: 'raw', text: '{"a":1}'.repeat(100), contentType: 'application/json' },
      auth: { type: 'none' },
      timeoutMs: 30_000,
    },
    authKind: 'awsv4',
    source: 'app',
    status: 200,
    ms: 12,
    sizeBytes: 1234,
    sent: {
      method: 'POST',
      url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items',
      headers: headers.map((h) => [h.key, h.value] as [string, string]),
      bodyBytes: 700,
    },
    redactions: [],
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-history-'));
  try {
    const store = new HistoryStore(dir);
    const times: number[] = [];
    const compactions: number[] = [];
    for (let n = 0; n < RECORDS; n += 1) {
      const started = performance.now();
      await store.record(typicalEntry(n));
      times.push(performance.now() - started);
      // A compaction runs after the send that crossed the threshold: timed on its own.
      const compacting = performance.now();
      await store.settled();
      const took = performance.now() - compacting;
      if (took > 1) compactions.push(took);
    }
    times.sort((a, b) => a - b);
    const fresh = new HistoryStore(dir);
    let started = performance.now();
    const page = await fresh.list({ limit: 200 });
    const coldList = performance.now() - started;
    started = performance.now();
    await fresh.list({ limit: 200, query: `items/${RECORDS - 1}` });
    const search = performance.now() - started;
    const ms = (value: number) => Number(value.toFixed(2));
    console.log(
      JSON.stringify({
        records: RECORDS,
        kept: page.total,
        recordMedianMs: ms(times[Math.floor(times.length / 2)]!),
        recordP95Ms: ms(times[Math.floor(times.length * 0.95)]!),
        recordP99Ms: ms(times[Math.floor(times.length * 0.99)]!),
        compactions: compactions.length,
        compactionMaxMs: ms(Math.max(0, ...compactions)),
        coldListMs: ms(coldList),
        searchMs: ms(search),
        fileBytes: statSync(fresh.path).size,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
