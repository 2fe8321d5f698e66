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
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
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
import { TEMP_SUFFIX, removeFileDurably, writeFileAtomic } from './atomic-file';

const IndexFileSchema = z.object({
  schemaVersion: z.literal(COLLECTION_SCHEMA_VERSION),
  order: z.array(EntityIdSchema).max(COLLECTION_LIMITS.collections),
  activeEnvironmentId: EntityIdSchema.nullable(),
});

const EnvironmentsFileSchema = z.object({
  schemaVersion: z.literal(COLLECTION_SCHEMA_VERSION),
  environments: z.array(EnvironmentSchema).max(COLLECTION_LIMITS.environments),
});

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

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Whether the process that wrote a temporary file still runs: its pid is in the name
 * (see writeFileAtomic). Another window's save in progress must not be deleted.
 */
function writerAlive(tempName: string): boolean {
  const pid = Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(tempName)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads and writes the workspace files under one data directory. */
export class WorkspaceStore {
  readonly collectionsDir: string;
  private readonly indexPath: string;
  private readonly environmentsPath: string;
  /** What this store last read or wrote at each path (a hash), to tell its own writes from another writer's. */
  private readonly known = new Map<string, string>();

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
    await mkdir(this.collectionsDir, { recursive: true });
    const warnings: string[] = [];
    await this.removeTemporaryFiles();

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

  async writeCollection(collection: Collection): Promise<void> {
    await this.write(this.collectionPath(collection.id), JSON.stringify(collection));
  }

  async removeCollection(id: string): Promise<void> {
    const path = this.collectionPath(id);
    this.known.delete(path);
    await removeFileDurably(path);
  }

  async writeIndex(order: readonly string[], activeEnvironmentId: string | null): Promise<void> {
    await this.write(
      this.indexPath,
      JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, order, activeEnvironmentId }),
    );
  }

  async writeEnvironments(environments: readonly Environment[]): Promise<void> {
    await this.write(
      this.environmentsPath,
      JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, environments }, null, 1),
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

  private async write(path: string, data: string): Promise<void> {
    // Known before the rename, so the watcher that sees it already counts it as ours.
    this.known.set(path, hashOf(data));
    await writeFileAtomic(path, data);
  }

  /** Whether the file at `path` holds what this store last read or wrote (or is gone as this store left it). */
  private async isKnown(path: string): Promise<boolean> {
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      text = undefined;
    }
    const known = this.known.get(path);
    return text === undefined ? known === undefined : known === hashOf(text);
  }

  private async readOne<T>(path: string, schema: z.ZodType<T, unknown>, warnings: string[]): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      warnings.push(`${path}: could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
    this.known.set(path, hashOf(text));
    const parsed = parseFile(text, schema);
    if (parsed.ok) return parsed.value;
    if (parsed.newer) {
      // Left in place: a newer Signet can still read it.
      warnings.push(`${path}: ${parsed.reason}; not loaded`);
      return undefined;
    }
    await this.setAside(path, parsed.reason.slice(0, 300), warnings);
    return undefined;
  }

  private async setAside(path: string, reason: string, warnings: string[]): Promise<void> {
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(path, aside);
      warnings.push(`${path} is corrupt (${reason}); moved aside to ${aside}`);
    } catch {
      warnings.push(`${path} is corrupt (${reason}) and could not be moved aside`);
    }
  }

  private async removeTemporaryFiles(): Promise<void> {
    for (const dir of [this.dataDir, this.collectionsDir]) {
      for (const name of await readdir(dir)) {
        if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX) && !writerAlive(name))
          await unlink(join(dir, name)).catch(() => undefined);
      }
    }
  }
}
