/**
 * History on disk: `<dataDir>/history/history.jsonl`, one JSON entry per line, oldest
 * first, and `settings.json` beside it with the cap.
 *
 * Several writers share it (two windows, `signet send` beside the app). Every write takes
 * one short lock (proper-lockfile's lock directory beside the file, stale after a crash)
 * so appends never interleave and compaction never drops another writer's append. A send
 * appends one line; once the file holds a tenth more than the cap, the newest `limit`
 * entries are written to a new file that replaces it atomically. Clearing replaces it
 * atomically with an empty file. Readers take no lock: a line still being appended is
 * skipped until it is whole, and a replaced file is read again from the start.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import {
  DEFAULT_HISTORY_LIMIT,
  MAX_HISTORY_LIMIT,
  type HistoryEntry,
  type HistoryPage,
  type HistorySummary,
} from '../../shared/api/history';
import { RequestSpecSchema } from '../../shared/model';
import { writeFileAtomic } from '../core/atomic-file';
import { AppFailure, notFound } from '../core/failure';

/** Where history lives inside a data directory. */
export function historyDir(dataDir: string): string {
  return join(dataDir, 'history');
}

export interface HistoryQuery {
  readonly query?: string;
  readonly limit?: number;
  /** Only entries older than this id. */
  readonly before?: string;
}

/** What this store last knew of the file: which file (inode) and how far it has read it. */
interface FileState {
  readonly ino: number;
  readonly size: number;
}

/**
 * Bytes from the start of the file that tell one file from the next: they hold the first
 * entry's random id. A rewritten file may get a freed inode back, so the inode alone is not enough.
 */
const HEAD_BYTES = 64;

const LOCK_OPTIONS = {
  realpath: false,
  stale: 10_000,
  retries: { retries: 400, factor: 1, minTimeout: 5, maxTimeout: 25 },
  onCompromised: (error: Error) => console.error(`[signet] the history lock was lost: ${error.message}`),
} as const;

function summaryOf(entry: HistoryEntry): HistorySummary {
  return {
    id: entry.id,
    at: entry.at,
    method: entry.method,
    url: entry.url,
    name: entry.name,
    authKind: entry.authKind,
    ...(entry.status !== undefined ? { status: entry.status } : {}),
    ...(entry.failure ? { failure: entry.failure } : {}),
    ms: entry.ms,
    sizeBytes: entry.sizeBytes,
    source: entry.source,
  };
}

/** A line that is a history entry, or undefined (a torn or foreign line is skipped, never fatal). */
function parseLine(line: string): HistoryEntry | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as Partial<HistoryEntry> | null;
    if (
      typeof value?.id !== 'string' ||
      typeof value.at !== 'string' ||
      typeof value.method !== 'string' ||
      typeof value.url !== 'string' ||
      typeof value.ms !== 'number' ||
      typeof value.request !== 'object'
    )
      return undefined;
    return value as HistoryEntry;
  } catch {
    return undefined;
  }
}

function matches(entry: HistoryEntry, needle: string): boolean {
  if (!needle) return true;
  const text = `${entry.method} ${entry.url} ${entry.name} ${entry.status ?? entry.failure ?? ''}`.toLowerCase();
  return needle
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

export class HistoryStore {
  readonly dir: string;
  readonly path: string;
  private readonly settingsPath: string;
  /** Entries read so far, oldest first, and how far into which file. */
  private entries: HistoryEntry[] = [];
  /** Each entry's line as read, so a compaction copies lines rather than writing each entry again. */
  private lines = new WeakMap<HistoryEntry, string>();
  private read: (FileState & { readonly head: Buffer }) | undefined;
  /** The file as this store last wrote it; a change beyond it is another writer's. */
  private written: FileState | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Reads and the state they leave (entries, how far read) happen one at a time. */
  private reading: Promise<unknown> = Promise.resolve();

  private readonly defaultLimit: number;
  private readonly slack: ((limit: number) => number) | undefined;

  /**
   * `defaultLimit`: the cap until one is set. `compactionSlack`: how many entries beyond the
   * cap the file may hold before it is rewritten (default a tenth of the cap, at least 20).
   */
  constructor(dataDir: string, options: { defaultLimit?: number; compactionSlack?: number } = {}) {
    this.defaultLimit = options.defaultLimit ?? DEFAULT_HISTORY_LIMIT;
    this.slack = options.compactionSlack === undefined ? undefined : () => options.compactionSlack!;
    this.dir = historyDir(dataDir);
    this.path = join(this.dir, 'history.jsonl');
    this.settingsPath = join(this.dir, 'settings.json');
  }

  /** The cap in force: the settings file's, else the default. */
  async limit(): Promise<number> {
    try {
      const value = (JSON.parse(await readFile(this.settingsPath, 'utf8')) as { limit?: unknown }).limit;
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_HISTORY_LIMIT)
        return value;
    } catch {
      // Missing or unreadable: the default applies.
    }
    return this.defaultLimit;
  }

  /**
   * Adds one entry (newest). Nothing is kept when the cap is 0. Once the file holds enough
   * beyond the cap, the oldest are dropped by a compaction that runs after this resolves
   * (the send that triggers it is not held up by rewriting the file); `settled` waits for it.
   */
  async record(entry: HistoryEntry): Promise<boolean> {
    const line = `${JSON.stringify(entry)}\n`;
    const { recorded, compact } = await this.exclusive(async () => {
      const limit = await this.limit();
      if (limit === 0) return { recorded: false, compact: false };
      await this.append(line);
      const slack = this.slack?.(limit) ?? Math.max(20, Math.ceil(limit / 10));
      return { recorded: true, compact: (await this.load()).length > limit + slack };
    });
    if (compact)
      void this.exclusive(async () => {
        const limit = await this.limit();
        const all = await this.load();
        if (all.length > limit) await this.rewrite(all.slice(-limit));
      }).catch((error: unknown) =>
        console.error('[signet] compacting history failed:', (error as NodeJS.ErrnoException).code ?? 'error'),
      );
    return recorded;
  }

  /** Resolves when the work this store started (a compaction after a record) is done. */
  async settled(): Promise<void> {
    await this.queue;
  }

  /** Entries newest first, summaries only. */
  async list(query: HistoryQuery = {}): Promise<HistoryPage> {
    const limit = await this.limit();
    const all = await this.load();
    // The cap holds at once, even before the next compaction.
    const kept = limit === 0 ? [] : all.slice(-limit);
    const newestFirst = [...kept].reverse();
    let start = 0;
    if (query.before) {
      const at = newestFirst.findIndex((e) => e.id === query.before);
      start = at < 0 ? newestFirst.length : at + 1;
    }
    const wanted = query.limit ?? 200;
    const found: HistorySummary[] = [];
    let hasMore = false;
    for (let i = start; i < newestFirst.length; i += 1) {
      const entry = newestFirst[i]!;
      if (!matches(entry, query.query ?? '')) continue;
      if (found.length === wanted) {
        hasMore = true;
        break;
      }
      found.push(summaryOf(entry));
    }
    return { entries: found, hasMore, total: kept.length, limit };
  }

  /** One entry in full; `not_found` when it was dropped or cleared. */
  async get(id: string): Promise<HistoryEntry> {
    const entry = (await this.load()).find((e) => e.id === id);
    const request = entry ? RequestSpecSchema.safeParse(entry.request) : undefined;
    if (!entry || !request?.success) throw notFound('History entry');
    return { ...entry, request: request.data };
  }

  /** Removes every entry; returns how many there were. */
  async clear(): Promise<number> {
    return this.exclusive(async () => {
      const count = (await this.load()).length;
      await this.rewrite([]);
      return count;
    });
  }

  /** Sets the cap and drops what is beyond it at once. */
  async setLimit(limit: number): Promise<number> {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_HISTORY_LIMIT)
      throw new AppFailure('invalid_input', `The history limit must be 0..${MAX_HISTORY_LIMIT}`);
    return this.exclusive(async () => {
      await writeFileAtomic(this.settingsPath, `${JSON.stringify({ limit })}\n`);
      const all = await this.load();
      if (all.length > limit) await this.rewrite(all.slice(all.length - limit));
      return limit;
    });
  }

  /**
   * Calls `onChange` when another writer (a second window, `signet send`) changed the
   * file; this store's own writes never report. Returns the function that stops.
   */
  watchOtherWriters(onChange: () => void, debounceMs = 100): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    const check = async () => {
      timer = undefined;
      const now = await this.stat();
      if (now?.ino !== this.written?.ino || now?.size !== this.written?.size) {
        this.written = now;
        onChange();
      }
    };
    void this.ensureDir().then(
      async () => {
        this.written ??= await this.stat();
        try {
          watcher = watch(this.dir, { persistent: false }, (_event, name) => {
            if (name && String(name) !== 'history.jsonl') return;
            timer ??= setTimeout(() => void check(), debounceMs);
          });
          watcher.on('error', () => watcher?.close());
        } catch {
          // Not watchable: another writer's sends show at the next reload.
        }
      },
      () => undefined,
    );
    return () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    };
  }

  /** Runs `work` alone: after this store's earlier work, under the lock every writer takes. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.ensureDir();
      const release = await lockfile.lock(this.path, LOCK_OPTIONS);
      try {
        const result = await work();
        this.written = await this.stat();
        return result;
      } finally {
        await release().catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  private async stat(): Promise<FileState | undefined> {
    try {
      const info = await stat(this.path);
      return { ino: info.ino, size: info.size };
    } catch {
      return undefined;
    }
  }

  /** Appends one line (under the lock); a line a crash left torn is ended first, so the new one stays whole. */
  private async append(line: string): Promise<void> {
    const handle = await open(this.path, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.appendFile(prefix + line, 'utf8');
    } finally {
      await handle.close();
    }
  }

  /**
   * Replaces the file (under the lock) with these entries, written as the lines they were
   * read from, and remembers the new file as read, so the next read need not parse it again.
   */
  private async rewrite(entries: readonly HistoryEntry[]): Promise<void> {
    const data = Buffer.from(entries.map((e) => `${this.lines.get(e) ?? JSON.stringify(e)}\n`).join(''), 'utf8');
    await writeFileAtomic(this.path, data);
    await this.oneReadAtATime(async () => {
      const info = await stat(this.path);
      if (info.size !== data.length) return;
      this.entries = [...entries];
      this.read = { ino: info.ino, size: info.size, head: data.subarray(0, Math.min(HEAD_BYTES, data.length)) };
    });
  }

  private oneReadAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.reading.then(work);
    this.reading = run.catch(() => undefined);
    return run;
  }

  /**
   * Every whole entry in the file, oldest first. Reads only what was appended since the
   * last read while the file is the same one (same inode, not shorter); else from the start.
   */
  private load(): Promise<HistoryEntry[]> {
    // A copy: the caller's list does not grow under it when the next read appends.
    return this.oneReadAtATime(async () => [...(await this.readNew())]);
  }

  private async readNew(): Promise<HistoryEntry[]> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.entries = [];
      this.read = undefined;
      return this.entries;
    }
    try {
      const { ino, size } = await handle.stat();
      const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
      await handle.read(head, 0, head.length, 0);
      const known = this.read;
      const same =
        known !== undefined &&
        known.ino === ino &&
        known.size <= size &&
        head.subarray(0, known.head.length).equals(known.head);
      const from = same ? known.size : 0;
      if (!same) this.entries = [];
      if (size > from) {
        const bytes = Buffer.alloc(size - from);
        const { bytesRead } = await handle.read(bytes, 0, bytes.length, from);
        const text = bytes.subarray(0, bytesRead);
        // A line without its newline is still being written: leave it for the next read.
        const end = text.lastIndexOf(0x0a) + 1;
        for (const line of text.subarray(0, end).toString('utf8').split('\n')) {
          const entry = parseLine(line);
          if (entry) {
            this.entries.push(entry);
            this.lines.set(entry, line);
          }
        }
        this.read = { ino, size: from + end, head: head.subarray(0, Math.min(head.length, from + end)) };
      } else {
        this.read = { ino, size: from, head: head.subarray(0, Math.min(head.length, from)) };
      }
      return this.entries;
    } finally {
      await handle.close();
    }
  }
}
