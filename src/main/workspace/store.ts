/**
 * The workspace on disk:
 *
 *   <dataDir>/workspace.json            { schemaVersion, order: [collection ids], activeEnvironmentId }
 *   <dataDir>/environments.json         { schemaVersion, environments: [...] }
 *   <dataDir>/collections/<id>.json     one collection each (it carries its own schemaVersion)
 *
 * The collection files are the truth about which collections exist; the index only
 * orders them. So a crash between writing a collection and writing the index loses
 * nothing, and deleting removes the file before touching the index.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import {
  COLLECTION_LIMITS,
  COLLECTION_SCHEMA_VERSION,
  CollectionSchema,
  EntityIdSchema,
  EnvironmentSchema,
  type Collection,
  type Environment,
  type Workspace,
} from '../../shared/collection';
import { describeIssues } from '../core/dispatch';
import { AppFailure } from '../core/failure';
import { FileRevisions } from '../core/file-revisions';
import { removeLeftoverTempFiles } from '../core/atomic-file';
import { ensureDataDir } from './data-dir';

const IndexFileSchema = z.object({
  schemaVersion: z.literal(COLLECTION_SCHEMA_VERSION),
  order: z.array(EntityIdSchema).max(COLLECTION_LIMITS.collections),
  activeEnvironmentId: EntityIdSchema.nullable(),
});

const EnvironmentsFileSchema = z.object({
  schemaVersion: z.literal(COLLECTION_SCHEMA_VERSION),
  environments: z.array(EnvironmentSchema).max(COLLECTION_LIMITS.environments),
});

/** The workspace index as updateIndex leaves it. */
export interface IndexFile {
  order: string[];
  activeEnvironmentId: string | null;
}

export interface LoadResult {
  readonly workspace: Workspace;
  /** Files set aside as corrupt, files from a newer Signet, and the like. */
  readonly warnings: string[];
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; newer?: boolean };

function parseFile<T>(text: string, schema: z.ZodType<T, unknown>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > COLLECTION_SCHEMA_VERSION) {
    return { ok: false, reason: `written by a newer Signet (schema version ${version})`, newer: true };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error) };
}

/** Reads and writes the workspace files under one data directory. */
export class WorkspaceStore {
  readonly collectionsDir: string;
  private readonly indexPath: string;
  private readonly environmentsPath: string;
  /** What this store last read or wrote at each path, to tell its own writes from another writer's. */
  private readonly revisions = new FileRevisions();
  /** Files a newer Signet wrote: left alone, never overwritten. */
  private readonly newer = new Map<string, string>();
  private started = false;

  constructor(readonly dataDir: string) {
    this.collectionsDir = join(dataDir, 'collections');
    this.indexPath = join(dataDir, 'workspace.json');
    this.environmentsPath = join(dataDir, 'environments.json');
  }

  collectionPath(id: string): string {
    return join(this.collectionsDir, `${EntityIdSchema.parse(id)}.json`);
  }

  /** Loads everything; corrupt files are moved aside as `<name>.corrupt-<timestamp>` and reported. */
  async load(): Promise<LoadResult> {
    const warnings: string[] = [];
    this.newer.clear();
    if (!this.started) {
      await ensureDataDir(this.dataDir);
      await mkdir(this.collectionsDir, { recursive: true });
      // At start only: later, this process's own saves (managed profiles, secrets) may be in flight.
      for (const dir of [this.dataDir, this.collectionsDir, join(this.dataDir, 'exports')])
        await removeLeftoverTempFiles(dir);
      this.started = true;
    }

    const index = await this.readOne(this.indexPath, IndexFileSchema, warnings);
    const environments =
      (await this.readOne(this.environmentsPath, EnvironmentsFileSchema, warnings))?.environments ?? [];

    const collections = new Map<string, Collection>();
    for (const entry of (await readdir(this.collectionsDir)).filter((name) => name.endsWith('.json')).sort()) {
      const path = join(this.collectionsDir, entry);
      const collection = await this.readOne(path, CollectionSchema, warnings);
      if (!collection) continue;
      if (`${collection.id}.json` !== entry) {
        await this.setAside(path, `holds collection ${collection.id}`, warnings);
        continue;
      }
      collections.set(collection.id, collection);
    }

    const ordered = (index?.order ?? []).filter((id) => collections.has(id)).map((id) => collections.get(id)!);
    const rest = [...collections.values()]
      .filter((c) => !ordered.includes(c))
      .sort((a, b) => a.name.localeCompare(b.name));
    const activeEnvironmentId = environments.some((env) => env.id === index?.activeEnvironmentId)
      ? index!.activeEnvironmentId
      : null;
    return { workspace: { collections: [...ordered, ...rest], environments, activeEnvironmentId }, warnings };
  }

  /**
   * Every write below is compare-and-swap: it throws a `conflict` failure when another
   * writer changed the file since this store read it, and an `io` failure for a file a
   * newer Signet wrote (and for any file at all when that is the workspace index).
   */
  async writeCollection(collection: Collection): Promise<void> {
    await this.write(
      this.collectionPath(collection.id),
      JSON.stringify(collection),
      `Collection "${collection.name.slice(0, 64)}"`,
    );
  }

  async removeCollection(id: string, name: string): Promise<void> {
    const path = this.collectionPath(id);
    this.assertOurs(path);
    await this.revisions.remove(path, `Collection "${name.slice(0, 64)}"`);
  }

  /**
   * Changes the index on top of what is on disk now rather than what this store last
   * read: it only orders collections and names the active environment, so another
   * writer's additions merge instead of conflicting. `order` stands in for a missing or
   * corrupt index. Returns the index as written.
   */
  async updateIndex(
    change: { readonly add?: string; readonly remove?: string; readonly activeEnvironmentId?: string | null },
    order: readonly string[],
  ): Promise<IndexFile> {
    this.assertOurs(this.indexPath);
    const data = await this.revisions.read(this.indexPath);
    const parsed = data === undefined ? undefined : parseFile(data.toString('utf8'), IndexFileSchema);
    const current: IndexFile = parsed?.ok ? parsed.value : { order: [...order], activeEnvironmentId: null };
    const next: IndexFile = {
      order: current.order.filter((id) => id !== change.remove),
      activeEnvironmentId:
        change.activeEnvironmentId === undefined ? current.activeEnvironmentId : change.activeEnvironmentId,
    };
    if (change.add && !next.order.includes(change.add)) next.order.push(change.add);
    await this.write(
      this.indexPath,
      JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, ...next }),
      'The collection order and active environment',
    );
    return next;
  }

  async writeEnvironments(environments: readonly Environment[]): Promise<void> {
    await this.write(
      this.environmentsPath,
      JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, environments }, null, 1),
      'The environments',
    );
  }

  /**
   * Watches the data directory for another writer (a second window or process on the
   * same directory). `onChange` gets the workspace files whose content differs from
   * what this store last read or wrote; its own writes never report. Returns the
   * function that stops watching.
   */
  watchForOtherWriters(onChange: (paths: string[]) => void, debounceMs = 100): () => void {
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const flush = async () => {
      timer = undefined;
      const paths = [...pending];
      pending.clear();
      const changed: string[] = [];
      for (const path of paths) if (!(await this.isKnown(path))) changed.push(path);
      if (changed.length > 0) onChange(changed);
    };
    const note = (dir: string) => (_event: string, name: string | Buffer | null) => {
      const file = name ? String(name) : '';
      if (!file.endsWith('.json') || file.startsWith('.')) return;
      pending.add(join(dir, file));
      timer ??= setTimeout(() => void flush(), debounceMs);
    };
    const watchers: FSWatcher[] = [];
    for (const dir of [this.dataDir, this.collectionsDir]) {
      try {
        const watcher = watch(dir, { persistent: false }, note(dir));
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
      } catch {
        // A directory that cannot be watched: changes from other writers show after a restart instead.
      }
    }
    return () => {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    };
  }

  /** The collection id a collection file holds, by its name. */
  collectionIdOf(path: string): string | undefined {
    return path.startsWith(this.collectionsDir) ? basename(path, '.json') : undefined;
  }

  private async write(path: string, data: string, what: string): Promise<void> {
    this.assertOurs(path);
    await this.revisions.replace(path, data, what);
  }

  /** Refuses to touch a file a newer Signet wrote; while the index is one, the whole workspace is read-only. */
  private assertOurs(path: string): void {
    const reason = this.newer.get(path) ?? this.newer.get(this.indexPath);
    if (reason)
      throw new AppFailure(
        'io',
        `${this.newer.has(path) ? path : this.indexPath} was ${reason}; Signet leaves it alone, so this change was not saved`,
      );
  }

  /** Whether the file at `path` holds what this store last read or wrote (or is gone as this store left it). */
  private isKnown(path: string): Promise<boolean> {
    return this.revisions.isCurrent(path);
  }

  private async readOne<T>(path: string, schema: z.ZodType<T, unknown>, warnings: string[]): Promise<T | undefined> {
    let text: string;
    try {
      const data = await this.revisions.read(path);
      if (data === undefined) return undefined;
      text = data.toString('utf8');
    } catch (error) {
      warnings.push(`${path}: could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
    const parsed = parseFile(text, schema);
    if (parsed.ok) return parsed.value;
    if (parsed.newer) {
      // Left in place and never overwritten: a newer Signet can still read it.
      this.newer.set(path, parsed.reason);
      warnings.push(`${path}: ${parsed.reason}; not loaded, and left as it is`);
      return undefined;
    }
    await this.setAside(path, parsed.reason.slice(0, 300), warnings);
    return undefined;
  }

  private async setAside(path: string, reason: string, warnings: string[]): Promise<void> {
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(path, aside);
      this.revisions.forget(path);
      warnings.push(`${path} is corrupt (${reason}); moved aside to ${aside}`);
    } catch {
      warnings.push(`${path} is corrupt (${reason}) and could not be moved aside`);
    }
  }
}
