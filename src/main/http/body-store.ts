/**
 * Every response body, written to a file as it arrives so that main's memory stays bounded
 * whatever the size, and read back by ranges for the response pane: pages of the body,
 * pretty-printed JSON (a second file, formatted in slices), search, and save.
 * Files live in one folder per running app under the data directory; the folder goes at
 * close, and folders left by a crashed app are removed at the next start.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppFailure } from '../core/failure';
import type {
  BodyMatch,
  BodyPage,
  BodySearchResult,
  BodyView,
  PrettyBodyResult as PrettyResult,
} from '../../shared/api/body';
import { MAX_BODY_PAGE_BYTES } from '../../shared/api/body';
import { InvalidJsonError, JsonPrettyPrinter } from './json-pretty';
import { processAlive } from '../core/process-alive';

export interface BodyStoreOptions {
  /** Parent folder (the data directory's `responses`); this app's own folder is made inside it. */
  readonly dir: string;
  /** Bodies kept at once; the least recently used goes first. */
  readonly maxEntries?: number;
  /** Bytes kept on disk across bodies (raw and pretty files). */
  readonly maxTotalBytes?: number;
  /** Bytes of one body written to disk; the rest is counted, not kept. */
  readonly maxBodyBytes?: number;
}

interface PrettyState {
  readonly path: string;
  size: number;
  done: boolean;
  readonly result: Promise<PrettyResult>;
}

interface Entry {
  readonly id: string;
  readonly path: string;
  readonly contentType: string;
  /** Bytes of the body received (also those past the per-body cap). */
  received: number;
  /** Writing the file failed (disk full, folder gone): the body is not kept, and the response goes on without it. */
  failed?: string;
  /** Bytes in the file. */
  stored: number;
  complete: boolean;
  lastUsed: number;
  readonly redact: (text: string) => string;
  pretty?: PrettyState;
}

/** What the send path writes into: the body's id and a stream that takes its bytes. */
export interface BodyWriter {
  readonly id: string;
  readonly stream: Writable;
  /** Waits for the last bytes to reach the file; then the body can be read whole. */
  finish(): Promise<void>;
  /** Forgets a body that will never be shown (the send failed, or was retried). */
  discard(): void;
}

/** Bytes formatted or searched before main lets other work run. */
const SLICE_BYTES = 1024 * 1024;

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** Escapes a text for use inside a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class BodyStore {
  private readonly entries = new Map<string, Entry>();
  /** Bodies still being written; closed with the store. */
  private readonly writing = new Set<Writable>();
  private readonly folder: string;
  private ready: Promise<void> | undefined;
  private clock = 0;
  private readonly maxEntries: number;
  private readonly maxTotalBytes: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: BodyStoreOptions) {
    this.folder = join(options.dir, `${process.pid}-${randomBytes(4).toString('hex')}`);
    this.maxEntries = options.maxEntries ?? 50;
    this.maxTotalBytes = options.maxTotalBytes ?? 2 * 1024 * 1024 * 1024;
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024 * 1024;
  }

  /** This app's folder, made on first use; folders of apps that are no longer running are removed. */
  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.options.dir, { recursive: true });
      for (const name of await readdir(this.options.dir).catch(() => [] as string[])) {
        const pid = Number(/^(\d+)-/.exec(name)?.[1]);
        if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid))
          await rm(join(this.options.dir, name), { recursive: true, force: true }).catch(() => {});
      }
      await mkdir(this.folder, { recursive: true });
    })();
    return this.ready;
  }

  /** Starts a body; `redact` is applied to every text read back from it (secrets an echo server returned). */
  create(contentType: string, redact: (text: string) => string = (text) => text): BodyWriter {
    const id = `body-${randomBytes(9).toString('base64url')}`;
    const entry: Entry = {
      id,
      path: join(this.folder, `${id}.body`),
      contentType,
      received: 0,
      stored: 0,
      complete: false,
      lastUsed: ++this.clock,
      redact,
    };
    this.entries.set(id, entry);
    /** The file, opened on the first bytes; every write and the close wait for it. */
    let file: Promise<FileHandle> | undefined;
    const handle = () => (file ??= this.prepare().then(() => open(entry.path, 'w')));
    const max = this.maxBodyBytes;
    const stream = new Writable({
      highWaterMark: 1024 * 1024,
      write: (chunk: Buffer, _encoding, callback) => {
        entry.received += chunk.length;
        const room = max - entry.stored;
        if (room <= 0 || entry.failed) return callback();
        const bytes = chunk.length > room ? chunk.subarray(0, room) : chunk;
        // A failed write never stops the response: the stream keeps taking bytes and drops them.
        handle()
          .then((h) => writeAll(h, bytes))
          .then(
            () => void (entry.stored += bytes.length),
            (error: Error) => void (entry.failed = error.message),
          )
          .finally(() => callback());
      },
      final: (callback) => {
        handle()
          .then((h) => h.close())
          .then(
            () => void (entry.complete = true),
            (error: Error) => void (entry.failed ??= error.message),
          )
          .finally(() => callback());
      },
      destroy: (error, callback) => {
        const closing = file?.then((h) => h.close());
        Promise.resolve(closing)
          .catch(() => {})
          .then(() => callback(error));
      },
    });
    this.writing.add(stream);
    stream.once('close', () => this.writing.delete(stream));
    const finished = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', reject);
    });
    finished.catch(() => {});
    return {
      id,
      stream,
      finish: async () => {
        stream.end();
        await finished;
        if (entry.failed) {
          await this.drop(id);
          throw new AppFailure('io', `The response body could not be kept on disk: ${entry.failed}`);
        }
        await this.evict(id);
      },
      discard: () => {
        stream.destroy();
        void this.drop(id);
      },
    };
  }

  /** What is known about a body, or undefined when it is gone. */
  info(id: string): { size: number; stored: number; complete: boolean; contentType: string } | undefined {
    const entry = this.entries.get(id);
    return (
      entry && { size: entry.received, stored: entry.stored, complete: entry.complete, contentType: entry.contentType }
    );
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry)
      throw new AppFailure(
        'not_found',
        'This response body is no longer kept (only the most recent ones are); send the request again.',
      );
    entry.lastUsed = ++this.clock;
    return entry;
  }

  private fileOf(entry: Entry, view: BodyView): { path: string; size: number; complete: boolean } {
    if (view === 'raw') return { path: entry.path, size: entry.stored, complete: entry.complete };
    if (!entry.pretty) throw new AppFailure('invalid_input', 'The body has not been pretty-printed; ask for it first.');
    return { path: entry.pretty.path, size: entry.pretty.size, complete: entry.pretty.done };
  }

  /**
   * Reads about `length` bytes from `offset`. The page never splits a character; it ends
   * after a line break when there is one in its last quarter, so pages join up cleanly;
   * with `alignToLine` it starts at the beginning of the line holding `offset`.
   */
  async read(
    id: string,
    offset: number,
    length: number,
    view: BodyView = 'raw',
    alignToLine = false,
  ): Promise<BodyPage> {
    const entry = this.entry(id);
    const file = this.fileOf(entry, view);
    const wanted = Math.min(length, MAX_BODY_PAGE_BYTES);
    const start = Math.min(Math.max(0, offset), file.size);
    const back = alignToLine ? Math.min(start, 64 * 1024) : 0;
    const handle = await openKept(file.path);
    try {
      const buffer = Buffer.alloc(Math.min(back + wanted + 4, file.size - (start - back)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start - back);
      const bytes = buffer.subarray(0, bytesRead);
      let from = back;
      if (alignToLine && back > 0) {
        const lineStart = bytes.lastIndexOf(NEWLINE_BYTE, back - 1);
        from = lineStart >= 0 ? lineStart + 1 : 0;
      }
      while (from < bytes.length && isContinuation(bytes[from])) from += 1;
      let to = Math.min(bytes.length, back + wanted);
      if (start - back + to < file.size) {
        const lineEnd = bytes.lastIndexOf(NEWLINE_BYTE, to - 1);
        if (lineEnd >= from + (to - from) * 0.75) to = lineEnd + 1;
        else while (to > from && isContinuation(bytes[to])) to -= 1;
      }
      const base = start - back;
      return {
        text: entry.redact(bytes.subarray(from, to).toString('utf8')),
        offset: base + from,
        end: base + to,
        size: file.size,
        complete: file.complete,
      };
    } finally {
      await handle.close();
    }
  }

  /**
   * Finds `query` in the body (raw or pretty), a slice at a time so main stays responsive.
   * Offsets are in bytes. A regular expression's match longer than 64 KB can be missed
   * where it crosses a slice boundary.
   */
  async search(
    id: string,
    query: { text: string; caseSensitive?: boolean; regex?: boolean; maxMatches?: number },
    view: BodyView = 'raw',
  ): Promise<BodySearchResult> {
    const entry = this.entry(id);
    const file = this.fileOf(entry, view);
    const cap = query.maxMatches ?? 1000;
    // A plain query (case-sensitive, or ASCII) is searched as bytes: no text is decoded, so it is fast and lean.
    if (!query.regex && (query.caseSensitive || /^[\x20-\x7e]*$/.test(query.text)))
      return this.searchBytes(file, Buffer.from(query.text), query.caseSensitive ?? false, cap);
    let pattern: RegExp;
    try {
      pattern = new RegExp(query.regex ? query.text : escapeRegExp(query.text), query.caseSensitive ? 'gu' : 'giu');
    } catch (error) {
      throw new AppFailure('invalid_input', `Not a valid regular expression: ${(error as Error).message}`);
    }
    const matches: BodyMatch[] = [];
    let total = 0;
    const overlap = 64 * 1024;
    const handle = await openKept(file.path);
    try {
      const buffer = Buffer.alloc(SLICE_BYTES * 2 + overlap);
      let position = 0;
      /** Matches must start at or after this offset (earlier ones were counted in the slice before). */
      let counted = 0;
      while (position < file.size) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, file.size - position), position);
        if (bytesRead === 0) break;
        let usable = bytesRead;
        const last = position + bytesRead >= file.size;
        if (!last) while (usable > 0 && isContinuation(buffer[usable])) usable -= 1;
        const text = buffer.subarray(0, usable).toString('utf8');
        // The slice owns matches that start before its last `overlap` bytes; the next slice re-reads those.
        const owned = last ? usable : Math.max(1, usable - overlap);
        let byteAt = 0;
        let charAt = 0;
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          if (match[0].length === 0) {
            pattern.lastIndex += 1;
            continue;
          }
          byteAt += Buffer.byteLength(text.slice(charAt, match.index));
          charAt = match.index;
          if (byteAt >= owned) break;
          const offset = position + byteAt;
          if (offset >= counted) {
            total += 1;
            if (matches.length < cap) matches.push({ offset, length: Buffer.byteLength(match[0]) });
          }
        }
        if (last) break;
        let next = position + owned;
        while (next > position && isContinuation(buffer[next - position])) next -= 1;
        counted = Math.max(counted, next);
        position = next;
        await yieldToLoop();
      }
    } finally {
      await handle.close();
    }
    return { matches, total, capped: total > matches.length };
  }

  private async searchBytes(
    file: { path: string; size: number },
    needle: Buffer,
    caseSensitive: boolean,
    cap: number,
  ): Promise<BodySearchResult> {
    if (!caseSensitive) lowerAscii(needle, needle.length);
    const matches: BodyMatch[] = [];
    let total = 0;
    const handle = await openKept(file.path);
    try {
      const buffer = Buffer.alloc(SLICE_BYTES * 2 + needle.length);
      let position = 0;
      while (position < file.size) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, file.size - position), position);
        if (bytesRead === 0) break;
        if (!caseSensitive) lowerAscii(buffer, bytesRead);
        const last = position + bytesRead >= file.size;
        // The slice owns matches that start before its last needle-length bytes; the next slice re-reads those.
        const owned = last ? bytesRead : Math.max(1, bytesRead - needle.length + 1);
        const view = buffer.subarray(0, bytesRead);
        for (let at = view.indexOf(needle); at >= 0 && at < owned; at = view.indexOf(needle, at + 1)) {
          total += 1;
          if (matches.length < cap) matches.push({ offset: position + at, length: needle.length });
        }
        if (last) break;
        position += owned;
        await yieldToLoop();
      }
    } finally {
      await handle.close();
    }
    return { matches, total, capped: total > matches.length };
  }

  /**
   * Pretty-prints a JSON body to a second file, a slice at a time (no slice blocks main for
   * long), telling `onProgress` how far it got. Asked twice, it answers the same work.
   */
  pretty(id: string, onProgress?: (done: number, total: number) => void): Promise<PrettyResult> {
    const entry = this.entry(id);
    if (entry.pretty) return entry.pretty.result;
    if (!entry.complete)
      throw new AppFailure('invalid_input', 'The body is still arriving; try again when it is complete.');
    const state: { path: string; size: number; done: boolean } = {
      path: join(this.folder, `${id}.pretty`),
      size: 0,
      done: false,
    };
    const result = this.format(entry, state, onProgress);
    entry.pretty = Object.assign(state, { result });
    return result;
  }

  private async format(
    entry: Entry,
    state: { path: string; size: number; done: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<PrettyResult> {
    const input = await open(entry.path, 'r');
    const output = await open(state.path, 'w');
    const printer = new JsonPrettyPrinter();
    const buffer = Buffer.alloc(SLICE_BYTES);
    let position = 0;
    try {
      while (position < entry.stored) {
        const { bytesRead } = await input.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        const out = printer.push(buffer.subarray(0, bytesRead));
        await writeAll(output, out);
        state.size += out.length;
        position += bytesRead;
        onProgress?.(position, entry.stored);
        await yieldToLoop();
      }
      const tail = printer.end();
      await writeAll(output, tail);
      state.size += tail.length;
      return { ok: true, size: state.size };
    } catch (error) {
      if (error instanceof InvalidJsonError) return { ok: false, size: state.size, message: error.message };
      throw error;
    } finally {
      state.done = true;
      await input.close();
      await output.close();
      await this.evict(entry.id);
    }
  }

  /** Copies the whole stored body to `path` (a path the user chose in the save dialog). */
  async saveTo(id: string, path: string): Promise<{ bytes: number }> {
    const entry = this.entry(id);
    if (!entry.complete)
      throw new AppFailure('invalid_input', 'The body is still arriving; save it when it is complete.');
    await copyFile(entry.path, path);
    return { bytes: entry.stored };
  }

  /** The stored body's file for a download (the browser host streams it). */
  fileFor(id: string): { path: string; size: number; fileName: string } | undefined {
    const entry = this.entries.get(id);
    if (!entry || !entry.complete) return undefined;
    entry.lastUsed = ++this.clock;
    return { path: entry.path, size: entry.stored, fileName: suggestedFileName(entry) };
  }

  /** A file name for the save dialog. */
  suggestedName(id: string): string {
    return suggestedFileName(this.entry(id));
  }

  private bytesOnDisk(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.stored + (entry.pretty?.size ?? 0);
    return total;
  }

  /** Drops the least recently used complete bodies until the caps hold; `keep` is never dropped. */
  private async evict(keep: string): Promise<void> {
    while (this.entries.size > this.maxEntries || this.bytesOnDisk() > this.maxTotalBytes) {
      let oldest: Entry | undefined;
      for (const entry of this.entries.values()) {
        if (entry.id === keep || !entry.complete || (entry.pretty && !entry.pretty.done)) continue;
        if (!oldest || entry.lastUsed < oldest.lastUsed) oldest = entry;
      }
      if (!oldest) return;
      await this.drop(oldest.id);
    }
  }

  private async drop(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    await rm(entry.path, { force: true }).catch(() => {});
    if (entry.pretty) await rm(entry.pretty.path, { force: true }).catch(() => {});
  }

  /** Bodies kept now (for tests and the cap). */
  get count(): number {
    return this.entries.size;
  }

  /** Removes this app's folder and everything in it. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.writing].map((stream) => new Promise<void>((resolve) => stream.destroy().once('close', resolve))),
    );
    this.entries.clear();
    await rm(this.folder, { recursive: true, force: true }).catch(() => {});
  }
}

const NEWLINE_BYTE = 0x0a;

/** Opens a kept body's file; one removed meanwhile (dropped from the cap, the app closing) is not_found. */
async function openKept(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppFailure('not_found', 'This response body is no longer kept; send the request again.');
    throw error;
  }
}

/** Writes every byte (a write may take fewer than it was given). */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    if (bytesWritten === 0) throw new Error('the disk took no bytes');
    done += bytesWritten;
  }
}

/** Lower-cases ASCII letters in place; other bytes (UTF-8 of other scripts) stay as they are. */
function lowerAscii(bytes: Buffer, length: number): void {
  for (let i = 0; i < length; i += 1) {
    const c = bytes[i]!;
    if (c >= 0x41 && c <= 0x5a) bytes[i] = c + 0x20;
  }
}

function suggestedFileName(entry: Entry): string {
  const type = entry.contentType.toLowerCase();
  const extension = /json/.test(type)
    ? 'json'
    : /xml/.test(type)
      ? 'xml'
      : /html/.test(type)
        ? 'html'
        : /^text\//.test(type)
          ? 'txt'
          : 'bin';
  return `response.${extension}`;
}
