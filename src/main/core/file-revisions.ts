/**
 * Compare-and-swap for files several writers share (two windows, `signet import` beside
 * the app): a file is replaced only while it still holds the revision this writer last
 * read or wrote. Another writer's change is refused, never silently overwritten.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { removeFileDurably, writeFileAtomic } from './atomic-file';
import { AppFailure } from './failure';

const UTF8 = new TextEncoder();

/** The revision of a file's content: a hash, so equal content is the same revision. */
export function revisionOf(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The failure for a write refused because another writer changed the file first. */
export function conflictFailure(what: string, path: string): AppFailure {
  return new AppFailure(
    'conflict',
    `${what} was changed by another Signet on ${dirname(path)} (${basename(path)}) since this one read it; ` +
      'this change was not written over it',
  );
}

async function currentRevision(path: string): Promise<string | null> {
  try {
    return revisionOf(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** What one writer last read or wrote at each path; a path it never saw is expected not to exist. */
export class FileRevisions {
  /** Path to revision; null when this writer saw the file missing or removed it. */
  private readonly known = new Map<string, string | null>();

  /** Reads a file and remembers its revision; undefined when it does not exist. */
  async read(path: string): Promise<Buffer | undefined> {
    try {
      const data = await readFile(path);
      this.known.set(path, revisionOf(data));
      return data;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.known.set(path, null);
      return undefined;
    }
  }

  /** Remembers `data` as what this writer saw at `path` (read some other way). */
  remember(path: string, data: string | Buffer): void {
    this.known.set(path, revisionOf(data));
  }

  /** Remembers that this writer left `path` missing (moved aside or removed some other way). */
  forget(path: string): void {
    this.known.set(path, null);
  }

  /** Whether the file holds what this writer last read or wrote (or is missing as it left it). */
  async isCurrent(path: string): Promise<boolean> {
    return (await currentRevision(path).catch(() => undefined)) === (this.known.get(path) ?? null);
  }

  /**
   * Replaces the file atomically if it still holds this writer's revision; else throws a
   * `conflict` failure naming `what` and leaves the file as the other writer left it.
   */
  async replace(path: string, data: string | Uint8Array, what: string): Promise<void> {
    const expected = this.known.get(path) ?? null;
    if ((await currentRevision(path)) !== expected) throw conflictFailure(what, path);
    // Encoded once, for the hash and the write, with TextEncoder (twice as fast as Buffer.from):
    // a 100,000-request collection is 40 MB of JSON.
    const bytes = typeof data === 'string' ? UTF8.encode(data) : data;
    // Known before the rename, so a watcher that sees the change already counts it as this writer's.
    this.known.set(path, revisionOf(bytes));
    try {
      await writeFileAtomic(path, bytes);
    } catch (error) {
      this.known.set(path, expected);
      throw error;
    }
  }

  /** Removes the file if it still holds this writer's revision; else throws a `conflict` failure. */
  async remove(path: string, what: string): Promise<void> {
    const expected = this.known.get(path) ?? null;
    if ((await currentRevision(path)) !== expected) throw conflictFailure(what, path);
    this.known.set(path, null);
    try {
      await removeFileDurably(path);
    } catch (error) {
      this.known.set(path, expected);
      throw error;
    }
  }
}
