/**
 * The workspace as main's other modules see it: collections, environments, the active
 * environment, persisted under one data directory. Edits are serialised; each one
 * computes the new state, writes it durably, and only then makes it current.
 *
 * Other writers (a second window, `signet import`) may change the same files: every
 * write is compare-and-swap (see WorkspaceStore). An edit whose write is refused re-reads
 * the workspace and runs again on top of it when what it depends on is untouched (an
 * edit to one request, another writer's to another); otherwise it is refused with a
 * `conflict` failure and their version stays.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LIMITS, type RequestSpec } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import {
  COLLECTION_LIMITS,
  COLLECTION_SCHEMA_VERSION,
  findItem,
  type Collection,
  type Environment,
  type FolderItem,
  type Item,
  type Workspace,
} from '../../shared/collection';
import { InvalidInputError } from '../core/dispatch';
import { AppFailure, ioFailure, notFound } from '../core/failure';
import type { SendContextResolver, SendScope } from '../core/ports';
import { isSecretRef, type SecretStore } from '../core/secrets';
import { exportPostman, type ExportResult } from './postman/export-postman';
import { importAny } from './import';
import type {
  ContainerSettings,
  ContainerSettingsEdit,
  ImportFileResult,
  InheritedAuth,
} from '../../shared/api/collections';
import { assertWithinLimits, copyWithNewIds, insertItem, replaceItem } from './tree';
import { buildSendScope, type ScopeQuery } from './send-scope';
import { WorkspaceStore, type LoadResult } from '../workspace/store';
import { writeFileAtomic } from '../core/atomic-file';
import { foldersOnly, outlineRows, type OutlineFrame, type OutlineRow } from '../../shared/outline';

export interface WorkspaceServiceOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
}

/** The workspace service; also the send pipeline's SendContextResolver. */
export interface WorkspaceService extends SendContextResolver {
  readonly dataDir: string;
  /** Loads from disk on first use; later calls return the current state and the first load's warnings. */
  load(): Promise<LoadResult>;
  /**
   * Follows another writer on the same data directory (a second window or process):
   * the state is re-read from disk and `onChange` names the collections whose files
   * changed (empty when only environments or the order did). Returns the stop function.
   */
  followOtherWriters(onChange: (collectionIds: string[]) => void): () => void;
  importFile(fileName: string, content: string): Promise<ImportFileResult>;
  /** One request in full (the outline the renderer loads leaves out headers, body and auth). */
  getRequest(collectionId: string, itemId: string): Promise<RequestSpec>;
  createCollection(name: string): Promise<Collection>;
  saveCollection(collection: Collection): Promise<void>;
  /** Upserts one request item: replaced in place when its id exists, else added to `parentId` (root when null). */
  saveRequest(collectionId: string, request: RequestSpec, parentId?: string | null): Promise<{ itemId: string }>;
  createItem(collectionId: string, parentId: string | null, kind: 'folder' | 'request', name: string): Promise<Item>;
  renameCollection(collectionId: string, name: string): Promise<void>;
  renameItem(collectionId: string, itemId: string, name: string): Promise<void>;
  /** A collection's (no itemId) or folder's auth, variables and description. */
  containerSettings(collectionId: string, itemId?: string): Promise<ContainerSettings>;
  saveContainerSettings(
    collectionId: string,
    itemId: string | undefined,
    settings: ContainerSettingsEdit,
  ): Promise<void>;
  /** The auth a request set to "inherit" gets, and which folder or collection it comes from. */
  inheritedAuth(collectionId: string, itemId?: string): Promise<InheritedAuth>;
  duplicateItem(collectionId: string, itemId: string): Promise<Item>;
  deleteItem(collectionId: string, itemId: string): Promise<boolean>;
  deleteCollection(collectionId: string): Promise<boolean>;
  saveEnvironment(environment: Environment): Promise<Environment>;
  deleteEnvironment(environmentId: string): Promise<boolean>;
  setActiveEnvironment(environmentId: string | null): Promise<void>;
  exportCollection(collectionIdOrName: string, includeSecrets: boolean): Promise<ExportResult>;
  /** Exports with secrets to `<dataDir>/exports/<fileName>` (0600, atomic); the JSON is not returned. */
  exportCollectionToFile(collectionIdOrName: string): Promise<{ fileName: string; path: string; notes: string[] }>;
  resolve(context: ScopeQuery): Promise<SendScope>;
  /**
   * The outline as pre-order rows for the sidebar's paged load, with the revision it
   * belongs to; built once per revision (every change to the state makes a new one).
   */
  outline(): Promise<OutlineSnapshot>;
}

/** The outline of one revision of the workspace, as `loadOutlineFrame` and `loadOutlinePage` serve it. */
export interface OutlineSnapshot extends OutlineFrame {
  readonly rows: readonly OutlineRow[];
}

/** Revisions are unique across launches too: a renderer that outlives a restart never mixes two workspaces. */
const revisionPrefix = randomUUID().slice(0, 8);

class Service implements WorkspaceService {
  private readonly store: WorkspaceStore;
  private current: Workspace = { collections: [], environments: [], activeEnvironmentId: null };
  private revision = 0;
  private snapshot: OutlineSnapshot | undefined;
  private loaded: Promise<string[]> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Tells the host another writer's changes were read in (set by followOtherWriters). */
  private otherWriterSeen: ((collectionIds: string[]) => void) | undefined;

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.store = new WorkspaceStore(options.dataDir);
  }

  /** Every change of the state is a new revision of the outline. */
  private get state(): Workspace {
    return this.current;
  }

  private set state(next: Workspace) {
    this.current = next;
    this.revision += 1;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  async load(): Promise<LoadResult> {
    this.loaded ??= this.store.load().then((result) => {
      this.state = result.workspace;
      return result.warnings;
    });
    const warnings = await this.loaded;
    return { workspace: this.state, warnings };
  }

  followOtherWriters(onChange: (collectionIds: string[]) => void): () => void {
    this.otherWriterSeen = onChange;
    const stop = this.store.watchForOtherWriters((paths) => {
      // Queued like an edit, so a reload never interleaves with a save of this window's.
      const reload = this.queue.then(async () => {
        await this.load();
        await this.reread();
      });
      this.queue = reload.catch(() => undefined);
      void reload.then(
        () => onChange(paths.map((path) => this.store.collectionIdOf(path)).filter((id): id is string => Boolean(id))),
        (error: unknown) =>
          console.error('[signet] re-reading the workspace after another writer failed:', (error as Error).name),
      );
    });
    return () => {
      this.otherWriterSeen = undefined;
      stop();
    };
  }

  /** Re-reads the workspace from disk; returns the collections whose content changed. */
  private async reread(): Promise<string[]> {
    const before = new Map(this.state.collections.map((c) => [c.id, JSON.stringify(c)]));
    const { workspace } = await this.store.load();
    this.state = workspace;
    const changed = workspace.collections.filter((c) => before.get(c.id) !== JSON.stringify(c)).map((c) => c.id);
    const gone = [...before.keys()].filter((id) => !workspace.collections.some((c) => c.id === id));
    return [...changed, ...gone];
  }

  /**
   * Runs one edit after the previous ones; a failed edit leaves the state as it was.
   * `change` must be safe to run twice: when another writer changed a file it writes, the
   * workspace is re-read (and the host told) and `change` runs again on the fresh state,
   * but only if `basis`, the part of the workspace the edit depends on, is as it was.
   */
  private edit<T>(change: () => Promise<T>, basis: (workspace: Workspace) => unknown = () => null): Promise<T> {
    const basisOf = (workspace: Workspace): string | undefined => {
      try {
        return JSON.stringify(basis(workspace) ?? null);
      } catch {
        return undefined;
      }
    };
    const run = this.queue.then(async () => {
      await this.load();
      const seen = basisOf(this.state);
      try {
        try {
          return await change();
        } catch (error) {
          if (!(error instanceof AppFailure && error.code === 'conflict')) throw error;
          const changed = await this.reread();
          this.otherWriterSeen?.(changed);
          // Their change touches what this edit is about: refused, theirs stays.
          if (basisOf(this.state) !== seen) throw error;
          return await change();
        }
      } catch (error) {
        // A disk that refuses the write (full, read-only, permissions) is a failure to show, not a bug.
        throw ioFailure('save the workspace', error);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The item `itemId` of a collection, as an edit's basis. */
  private static itemIn(collectionId: string, itemId: string): (workspace: Workspace) => unknown {
    return (workspace) => {
      const collection = workspace.collections.find((c) => c.id === collectionId);
      return collection ? (findItem(collection.items, itemId)?.item ?? null) : undefined;
    };
  }

  private collection(id: string): Collection {
    const found = this.state.collections.find((c) => c.id === id);
    if (!found) throw notFound(`collection ${id.slice(0, 64)}`);
    return found;
  }

  private async commitCollection(next: Collection, isNew = false): Promise<void> {
    assertWithinLimits(next.items);
    await this.store.writeCollection(next);
    // Run again after a conflict, a new collection's file may already be there: replaced, not added twice.
    const collections = isNew
      ? [...this.state.collections.filter((c) => c.id !== next.id), next]
      : this.state.collections.map((c) => (c.id === next.id ? next : c));
    this.state = { ...this.state, collections };
    if (isNew) await this.updateIndex({ add: next.id });
  }

  /** Writes the index on top of the one on disk and follows its active environment. */
  private async updateIndex(change: Parameters<WorkspaceStore['updateIndex']>[0]): Promise<void> {
    const index = await this.store.updateIndex(
      change,
      this.state.collections.map((c) => c.id),
    );
    const active = this.state.environments.some((env) => env.id === index.activeEnvironmentId)
      ? index.activeEnvironmentId
      : null;
    this.state = { ...this.state, activeEnvironmentId: active };
  }

  private async updateItems(
    collectionId: string,
    change: (items: readonly Item[]) => Item[] | undefined,
    what: string,
  ): Promise<void> {
    const collection = this.collection(collectionId);
    const items = change(collection.items);
    if (!items) throw new AppFailure('not_found', `${what} not found in collection ${collection.name.slice(0, 64)}`);
    await this.commitCollection({ ...collection, items });
  }

  async importFile(fileName: string, content: string): Promise<ImportFileResult> {
    // Parsed once, outside the edit, so a re-run after a conflict stores no secret twice.
    const outcome = await importAny(content, fileName, this.options.secrets);
    if (!outcome.ok) throw new InvalidInputError(outcome.error);
    return this.edit(async () => {
      if (outcome.kind === 'environment') {
        await this.writeEnvironments([...this.state.environments, outcome.environment]);
        return { report: outcome.report, environmentId: outcome.environment.id };
      }
      if (
        this.state.collections.length >= COLLECTION_LIMITS.collections &&
        !this.state.collections.some((c) => c.id === outcome.collection.id)
      )
        throw new InvalidInputError(`the workspace already holds ${COLLECTION_LIMITS.collections} collections`);
      const environments = outcome.environments ?? [];
      if (this.state.environments.length + environments.length > COLLECTION_LIMITS.environments)
        throw new InvalidInputError(
          `the workspace would hold more than ${COLLECTION_LIMITS.environments} environments`,
        );
      await this.commitCollection(outcome.collection, true);
      if (environments.length > 0) await this.writeEnvironments([...this.state.environments, ...environments]);
      return { report: outcome.report, collectionId: outcome.collection.id };
    });
  }

  async getRequest(collectionId: string, itemId: string): Promise<RequestSpec> {
    await this.load();
    const found = findItem(this.collection(collectionId).items, itemId);
    if (found?.item.type !== 'request') throw notFound(`request ${itemId.slice(0, 64)}`);
    return { ...found.item.request, id: found.item.id };
  }

  createCollection(name: string): Promise<Collection> {
    const collection: Collection = {
      id: randomUUID(),
      name,
      variables: [],
      auth: { type: 'none' },
      items: [],
      schemaVersion: COLLECTION_SCHEMA_VERSION,
    };
    return this.edit(async () => {
      await this.commitCollection(collection, true);
      return collection;
    });
  }

  saveCollection(collection: Collection): Promise<void> {
    let isNew: boolean | undefined;
    return this.edit(
      () => {
        isNew ??= !this.state.collections.some((c) => c.id === collection.id);
        return this.commitCollection(collection, isNew);
      },
      (workspace) => workspace.collections.find((c) => c.id === collection.id) ?? null,
    );
  }

  saveRequest(collectionId: string, request: RequestSpec, parentId: string | null = null): Promise<{ itemId: string }> {
    const id = request.id || randomUUID();
    const saved = { ...request, id };
    return this.edit(
      async () => {
        const collection = this.collection(collectionId);
        const existing = findItem(collection.items, id);
        if (existing && existing.item.type !== 'request')
          throw new InvalidInputError(`item ${id} is a folder, not a request`);
        await this.updateItems(
          collectionId,
          (items) =>
            existing
              ? replaceItem(items, id, (item) => ({ ...item, request: saved }) as Item)
              : insertItem(items, parentId, { type: 'request', id, request: saved }),
          `folder ${parentId}`,
        );
        return { itemId: id };
      },
      Service.itemIn(collectionId, id),
    );
  }

  createItem(collectionId: string, parentId: string | null, kind: 'folder' | 'request', name: string): Promise<Item> {
    const id = randomUUID();
    const item: Item =
      kind === 'folder'
        ? { type: 'folder', id, name, auth: { type: 'inherit' }, variables: [], items: [] }
        : { type: 'request', id, request: { ...emptyRequest(id), name, auth: { type: 'inherit' } } };
    return this.edit(async () => {
      await this.updateItems(collectionId, (items) => insertItem(items, parentId, item), `folder ${parentId}`);
      return item;
    });
  }

  renameCollection(collectionId: string, name: string): Promise<void> {
    return this.edit(
      () => this.commitCollection({ ...this.collection(collectionId), name }),
      (workspace) => workspace.collections.find((c) => c.id === collectionId)?.name,
    );
  }

  renameItem(collectionId: string, itemId: string, name: string): Promise<void> {
    const renamed = (item: Item): Item =>
      item.type === 'folder' ? { ...item, name } : { ...item, request: { ...item.request, name } };
    return this.edit(
      () => this.updateItems(collectionId, (items) => replaceItem(items, itemId, renamed), `item ${itemId}`),
      Service.itemIn(collectionId, itemId),
    );
  }

  async containerSettings(collectionId: string, itemId?: string): Promise<ContainerSettings> {
    await this.load();
    const collection = this.collection(collectionId);
    if (!itemId) {
      return {
        kind: 'collection',
        name: collection.name,
        auth: collection.auth,
        variables: collection.variables,
        ...(collection.description !== undefined ? { description: collection.description } : {}),
      };
    }
    const folder = this.folder(collection, itemId);
    return {
      kind: 'folder',
      name: folder.name,
      auth: folder.auth,
      variables: folder.variables,
      ...(folder.description !== undefined ? { description: folder.description } : {}),
    };
  }

  saveContainerSettings(
    collectionId: string,
    itemId: string | undefined,
    settings: ContainerSettingsEdit,
  ): Promise<void> {
    // A collection is where inheritance stops: it has no parent to inherit from.
    if (!itemId && settings.auth.type === 'inherit')
      return Promise.reject(
        new InvalidInputError('A collection has nothing to inherit auth from: choose an auth type or No auth'),
      );
    const fields = {
      auth: settings.auth,
      variables: [...settings.variables],
      ...(settings.description ? { description: settings.description } : {}),
    };
    const withoutDescription = <T extends { description?: string }>(value: T): T => {
      const { description: _dropped, ...rest } = value;
      return rest as T;
    };
    if (!itemId) {
      return this.edit(
        () => this.commitCollection({ ...withoutDescription(this.collection(collectionId)), ...fields }),
        (workspace) => {
          const c = workspace.collections.find((x) => x.id === collectionId);
          return c ? { auth: c.auth, variables: c.variables, description: c.description } : undefined;
        },
      );
    }
    return this.edit(
      () =>
        this.updateItems(
          collectionId,
          (items) => {
            this.folder(this.collection(collectionId), itemId);
            return replaceItem(items, itemId, (item) =>
              item.type === 'folder' ? { ...withoutDescription(item), ...fields } : item,
            );
          },
          `folder ${itemId}`,
        ),
      Service.itemIn(collectionId, itemId),
    );
  }

  async inheritedAuth(collectionId: string, itemId?: string): Promise<InheritedAuth> {
    await this.load();
    const collection = this.collection(collectionId);
    // A request not (yet) in the tree sits at the collection's root.
    const folders = (itemId ? findItem(collection.items, itemId)?.folders : undefined) ?? [];
    for (let i = folders.length - 1; i >= 0; i--) {
      const folder = folders[i]!;
      if (folder.auth.type !== 'inherit')
        return { auth: folder.auth, from: { kind: 'folder', id: folder.id, name: folder.name } };
    }
    if (collection.auth.type === 'none' || collection.auth.type === 'inherit')
      return { auth: { type: 'none' }, from: null };
    return { auth: collection.auth, from: { kind: 'collection', id: collection.id, name: collection.name } };
  }

  private folder(collection: Collection, itemId: string): FolderItem {
    const found = findItem(collection.items, itemId)?.item;
    if (!found) throw notFound(`folder ${itemId.slice(0, 64)}`);
    if (found.type !== 'folder') throw new InvalidInputError(`item ${itemId.slice(0, 64)} is a request, not a folder`);
    return found;
  }

  duplicateItem(collectionId: string, itemId: string): Promise<Item> {
    return this.edit(
      async () => {
        const found = findItem(this.collection(collectionId).items, itemId);
        if (!found) throw notFound(`item ${itemId}`);
        const copy = copyWithNewIds(found.item);
        const name = `${found.item.type === 'folder' ? found.item.name : found.item.request.name} Copy`.slice(
          0,
          LIMITS.name,
        );
        const named: Item =
          copy.type === 'folder' ? { ...copy, name } : { ...copy, request: { ...copy.request, name } };
        const parentId = found.folders.at(-1)?.id ?? null;
        await this.updateItems(collectionId, (items) => insertItem(items, parentId, named, itemId), `item ${itemId}`);
        return named;
      },
      Service.itemIn(collectionId, itemId),
    );
  }

  deleteItem(collectionId: string, itemId: string): Promise<boolean> {
    return this.edit(
      async () => {
        const collection = this.collection(collectionId);
        const items = replaceItem(collection.items, itemId, () => null);
        if (!items) return false;
        await this.commitCollection({ ...collection, items });
        return true;
      },
      Service.itemIn(collectionId, itemId),
    );
  }

  deleteCollection(collectionId: string): Promise<boolean> {
    return this.edit(
      async () => {
        const collection = this.state.collections.find((c) => c.id === collectionId);
        if (!collection) return false;
        // File first: the files, not the index, decide which collections exist.
        await this.store.removeCollection(collectionId, collection.name);
        this.state = { ...this.state, collections: this.state.collections.filter((c) => c.id !== collectionId) };
        await this.updateIndex({ remove: collectionId });
        return true;
      },
      (workspace) => workspace.collections.find((c) => c.id === collectionId) ?? null,
    );
  }

  async saveEnvironment(environment: Environment): Promise<Environment> {
    // A secret typed in plain text still must not reach the file: store it and keep the reference.
    const values = [];
    for (const value of environment.values) {
      if (value.secret && value.value && !isSecretRef(value.value) && !value.value.includes('{{')) {
        const { ref } = await this.options.secrets.put(
          value.value,
          `environment ${environment.name.slice(0, 64)}: ${value.key.slice(0, 64)}`,
        );
        values.push({ ...value, value: ref });
      } else values.push(value);
    }
    const saved = { ...environment, values };
    return this.edit(async () => {
      const exists = this.state.environments.some((env) => env.id === saved.id);
      if (!exists && this.state.environments.length >= COLLECTION_LIMITS.environments)
        throw new InvalidInputError(`at most ${COLLECTION_LIMITS.environments} environments`);
      await this.writeEnvironments(
        exists
          ? this.state.environments.map((env) => (env.id === saved.id ? saved : env))
          : [...this.state.environments, saved],
      );
      return saved;
    }, Service.environment(saved.id));
  }

  deleteEnvironment(environmentId: string): Promise<boolean> {
    return this.edit(async () => {
      if (!this.state.environments.some((env) => env.id === environmentId)) return false;
      await this.writeEnvironments(this.state.environments.filter((env) => env.id !== environmentId));
      if (this.state.activeEnvironmentId === environmentId) await this.updateIndex({ activeEnvironmentId: null });
      return true;
    }, Service.environment(environmentId));
  }

  /** The environment `id`, as an edit's basis. */
  private static environment(id: string): (workspace: Workspace) => unknown {
    return (workspace) => workspace.environments.find((env) => env.id === id) ?? null;
  }

  setActiveEnvironment(environmentId: string | null): Promise<void> {
    return this.edit(async () => {
      if (environmentId !== null && !this.state.environments.some((env) => env.id === environmentId)) {
        throw notFound(`environment ${environmentId.slice(0, 64)}`);
      }
      await this.updateIndex({ activeEnvironmentId: environmentId });
    });
  }

  async exportCollection(collectionIdOrName: string, includeSecrets: boolean): Promise<ExportResult> {
    await this.load();
    const collection =
      this.state.collections.find((c) => c.id === collectionIdOrName) ??
      this.state.collections.find((c) => c.name === collectionIdOrName);
    if (!collection) throw notFound(`collection ${collectionIdOrName.slice(0, 64)}`);
    return exportPostman(collection, { includeSecrets, reveal: (ref) => this.options.secrets.reveal(ref) });
  }

  async exportCollectionToFile(
    collectionIdOrName: string,
  ): Promise<{ fileName: string; path: string; notes: string[] }> {
    const { fileName, json, notes } = await this.exportCollection(collectionIdOrName, true);
    const dir = join(this.options.dataDir, 'exports');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // exportPostman's file name keeps only word characters, spaces, dots and dashes; basename guards the rest.
    const path = join(dir, basename(fileName));
    await writeFileAtomic(path, json);
    return { fileName, path, notes };
  }

  async resolve(context: ScopeQuery): Promise<SendScope> {
    await this.load();
    return buildSendScope(this.state, context);
  }

  async outline(): Promise<OutlineSnapshot> {
    const { workspace, warnings } = await this.load();
    const revision = `${revisionPrefix}-${this.revision}`;
    if (this.snapshot?.revision === revision) return this.snapshot;
    const { rows, containers } = outlineRows(workspace.collections);
    this.snapshot = {
      revision,
      rowCount: rows.length,
      rows,
      containers,
      workspace: {
        collections: workspace.collections.map((collection) => ({
          ...collection,
          items: foldersOnly(collection.items),
        })),
        environments: workspace.environments,
        activeEnvironmentId: workspace.activeEnvironmentId,
      },
      warnings,
    };
    return this.snapshot;
  }

  private async writeEnvironments(environments: Environment[]): Promise<void> {
    await this.store.writeEnvironments(environments);
    this.state = { ...this.state, environments };
  }
}

/** Creates the workspace service for a data directory (nothing is read until first use). */
export function createWorkspaceService(options: WorkspaceServiceOptions): WorkspaceService {
  return new Service(options);
}
