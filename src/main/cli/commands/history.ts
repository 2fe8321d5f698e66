import { parseArgs } from 'node:util';
import type { HistorySummary } from '../../../shared/api/history';
import { MAX_HISTORY_LIMIT } from '../../../shared/api/history';
import { HistoryStore } from '../../history/store';
import { defaultDataDir } from '../../workspace/data-dir';
import { UsageError, type CliCommand } from '../command';

const USAGE = `signet history [--limit N] [--query TEXT] [--json]

Lists the requests sent from the workspace at SIGNET_DATA_DIR, else
\${XDG_DATA_HOME:-~/.local/share}/signet (the app's sends, and signet send's), newest first.
Secrets never appear: signatures, tokens, keys, cookies and passwords were redacted when recorded.
  --limit N       at most N entries (default 50)
  --query TEXT    only entries whose method, URL, name or status contain every word of TEXT
  --json          one JSON object per line: {at, method, url, status, ms, sizeBytes, authKind, source, failure?, id}`;

function when(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

function asJson(entry: HistorySummary): string {
  return JSON.stringify({
    at: entry.at,
    method: entry.method,
    url: entry.url,
    status: entry.status ?? null,
    ...(entry.failure ? { failure: entry.failure } : {}),
    ms: entry.ms,
    sizeBytes: entry.sizeBytes,
    authKind: entry.authKind,
    source: entry.source,
    id: entry.id,
  });
}

function table(entries: readonly HistorySummary[]): string {
  const rows = entries.map((e) => [
    when(e.at),
    e.method,
    e.status !== undefined ? String(e.status) : (e.failure ?? ''),
    String(e.ms),
    String(e.sizeBytes),
    e.authKind,
    e.url,
  ]);
  const header = ['WHEN', 'METHOD', 'STATUS', 'MS', 'BYTES', 'AUTH', 'URL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([3, 4]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** `signet history`: the sends recorded in the data directory, newest first. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'List sent requests, newest first (the app and signet send record them)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { limit: { type: 'string' }, query: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT)
      throw new UsageError(`--limit must be 1..${MAX_HISTORY_LIMIT} (got ${values.limit})`);
    const store = new HistoryStore(defaultDataDir(io.env));
    const page = await store.list({ limit, query: values.query ?? '' });
    if (values.json) {
      for (const entry of page.entries) io.stdout(`${asJson(entry)}\n`);
      return 0;
    }
    if (page.entries.length === 0) {
      io.stdout(page.total === 0 ? 'No history yet.\n' : 'No history entry matches.\n');
      return 0;
    }
    io.stdout(`${table(page.entries)}\n`);
    if (page.hasMore) io.stdout(`(older entries not shown: --limit ${limit} reached)\n`);
    return 0;
  },
};
