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
import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Reads and writes the workspace files under one data directory. */
export class WorkspaceStore {
  readonly collectionsDir: string;
  private readonly indexPath: string;
  private readonly environmentsPath: string;

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
    await writeFileAtomic(this.collectionPath(collection.id), JSON.stringify(collection));
  }

  async removeCollection(id: string): Promise<void> {
    await removeFileDurably(this.collectionPath(id));
  }

  async writeIndex(order: readonly string[], activeEnvironmentId: string | null): Promise<void> {
    await writeFileAtomic(
      this.indexPath,
      JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, order, activeEnvironmentId }),
    );
  }

  async writeEnvironments(environments: readonly Environment[]): Promise<void> {
    await writeFileAtomic(
      this.environmentsPath,
      JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, environments }, null, 1),
    );
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
        if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) await unlink(join(dir, name)).catch(() => undefined);
      }
    }
  }
}
