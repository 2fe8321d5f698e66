/**
 * Child process of the history tests: a second writer on the same data directory,
 * recording COUNT entries as fast as it can and checking that each is still there right
 * after (exit code 3 when one was lost). Usage: node --import tsx write-history.ts DIR TAG COUNT PEERS [SLACK]
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyEntry } from '../entry';
import { HistoryStore } from '../store';

/** Says this writer is ready, then waits until `peers` writers are, so that they write at the same time. */
async function startTogether(dir: string, tag: string, peers: number): Promise<void> {
  await writeFile(join(dir, `ready-${tag}`), '');
  while ((await readdir(dir)).filter((name) => name.startsWith('ready-')).length < peers)
    await new Promise((resolve) => setTimeout(resolve, 5));
}

async function write(dir: string, tag: string, count: number, slack: number | undefined): Promise<void> {
  const store = new HistoryStore(dir, slack === undefined ? {} : { compactionSlack: slack });
  let lost = 0;
  for (let n = 0; n < count; n += 1) {
    const entry = historyEntry({
      at: new Date(),
      request: {
        id: '',
        name: '',
        method: 'GET',
        url: `http://127.0.0.1/${tag}/${n}`,
        headers: [],
        body: { mode: 'none' },
        auth: { type: 'none' },
        timeoutMs: 5000,
      },
      authKind: 'none',
      source: 'cli',
      status: 200,
      ms: 1,
      sizeBytes: 0,
      redactions: [],
    });
    await store.record(entry);
    // Just appended, so among the newest whatever the cap: gone means a compaction wrote over it.
    if (!(await store.list({ limit: 1000 })).entries.some((e) => e.id === entry.id)) lost += 1;
  }
  if (lost > 0) {
    console.error(`${lost} of writer ${tag}'s entries were lost`);
    process.exitCode = 3;
  }
}

const [dir, tag, count, peers, slack] = process.argv.slice(2);
startTogether(dir!, tag!, Number(peers))
  .then(() => write(dir!, tag!, Number(count), slack === undefined ? undefined : Number(slack)))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
