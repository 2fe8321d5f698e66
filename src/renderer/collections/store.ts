import { create } from 'zustand';
import type { ImportReport, WorkspaceOutline } from '../../shared/api/collections';
import { api } from '../api';
import type { Failure, Result } from '../../shared/result';
import type { SignetApi } from '../../shared/contract';
import { decodeImportBytes } from '../../shared/import-bytes';
import { failureOf, failureText } from '../common/failure';
import type { TreeIndex } from './tree-rows';
import { loadOutline, type OutlineLoad } from './outline-loader';

/**
 * The workspace outline as loaded from main (requests without their specs, folders without
 * their requests), with its flattened tree; on the first load the tree shows while its
 * requests are still arriving in pages (see isComplete).
 */
export type WorkspaceLoad =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | {
      readonly status: 'success';
      readonly workspace: WorkspaceOutline;
      readonly index: TreeIndex;
      readonly warnings: readonly string[];
    }
  | { readonly status: 'error'; readonly error: Failure };

/** The last import, shown in a dismissible panel. */
export type ImportState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'importing';
      readonly fileName: string;
      /** Main's progress events for this import, when it sends any. */
      readonly progress?: { readonly phase: string; readonly done: number; readonly total?: number };
      readonly operationId: string;
    }
  | { readonly status: 'success'; readonly report: ImportReport }
  | { readonly status: 'error'; readonly fileName: string; readonly error: Failure };

/** What the last action told the user (export path, failed edit), shown under the tree header. */
export type Notice = {
  readonly kind: 'info' | 'error';
  readonly text: string;
  readonly lines?: readonly string[];
} | null;

interface CollectionsState {
  readonly load: WorkspaceLoad;
  /** Keys of expanded collections and folders (see TreeNode.key). */
  readonly expanded: ReadonlySet<string>;
  readonly importState: ImportState;
  readonly notice: Notice;
  /** Loads the outline; `firstFrame`, when given, is the answer to its first frame call. */
  readonly loadWorkspace: (firstFrame?: ReturnType<SignetApi['loadOutlineFrame']>) => Promise<void>;
  readonly toggle: (key: string) => void;
  readonly expand: (keys: readonly string[]) => void;
  readonly importFile: (file: File) => Promise<void>;
  /** Shows main's progress for the import in flight. */
  readonly importProgress: (operationId: string, progress: { phase: string; done: number; total?: number }) => void;
  readonly dismissImport: () => void;
  readonly setNotice: (notice: Notice) => void;
  /** Shows a failure under the tree header. */
  readonly showFailure: (failure: Failure) => void;
  /** Runs an edit against main, then reloads the tree; a failure becomes an error notice. */
  readonly edit: <T>(run: () => Promise<Result<T>>) => Promise<T | undefined>;
  readonly createCollection: (name: string) => Promise<void>;
  readonly createItem: (
    collectionId: string,
    parentId: string | null,
    kind: 'folder' | 'request',
    name: string,
  ) => Promise<void>;
  /** Resolves true when main renamed it. */
  readonly renameItem: (collectionId: string, itemId: string, name: string) => Promise<boolean>;
  readonly duplicateItem: (collectionId: string, itemId: string) => Promise<void>;
  /** Deletes a request or folder; resolves with the id that undoes it. */
  readonly deleteItem: (collectionId: string, itemId: string) => Promise<string | undefined>;
  /** Deletes a collection; resolves with the id that undoes it. */
  readonly deleteCollection: (collectionId: string) => Promise<string | undefined>;
  readonly exportCollection: (collectionId: string, includeSecrets: boolean) => Promise<void>;
}

let importCounter = 0;
/** The newest outline load; an older one still in flight stops placing its pages. */
let loadGeneration = 0;

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const useCollectionsStore = create<CollectionsState>()((set, get) => ({
  load: { status: 'idle' },
  expanded: new Set<string>(),
  importState: { status: 'idle' },
  notice: null,

  loadWorkspace: async (firstFrame) => {
    const generation = (loadGeneration += 1);
    if (get().load.status === 'idle') set({ load: { status: 'loading' } });
    const show = ({ frame, index }: OutlineLoad) =>
      set((s) => ({
        load: { status: 'success', workspace: frame.workspace, index, warnings: frame.warnings },
        // Collections start expanded; folders start collapsed.
        expanded:
          s.load.status !== 'success'
            ? new Set([...s.expanded, ...frame.workspace.collections.map((c) => c.id)])
            : s.expanded,
      }));
    // The first load draws the tree as soon as the frame is in and fills it page by page;
    // a reload (after an edit) keeps the tree shown until the new one is complete.
    const progressive = get().load.status !== 'success';
    // A frame asked for earlier (as the window started) is used once. Pages of a newer revision
    // restart the load; a change announced before the listeners existed reloads (followMainEvents).
    let given = firstFrame;
    const outlineApi: typeof api = {
      ...api,
      loadOutlineFrame: (input) => {
        const frame = given ?? api.loadOutlineFrame(input);
        given = undefined;
        return frame;
      },
    };
    const result = await loadOutline(outlineApi, {
      cancelled: () => generation !== loadGeneration,
      ...(progressive ? { onFrame: show, onPage: show } : {}),
    });
    if (!result) return;
    if (!result.ok) {
      set({ load: { status: 'error', error: result.error } });
      return;
    }
    show(result.value);
  },

  toggle: (key) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (!expanded.delete(key)) expanded.add(key);
      return { expanded };
    }),

  expand: (keys) => set((s) => ({ expanded: new Set([...s.expanded, ...keys]) })),

  importFile: async (file) => {
    if (get().importState.status === 'importing') return;
    const operationId = `import-${Date.now().toString(36)}-${(importCounter += 1)}`;
    set({ importState: { status: 'importing', fileName: file.name, operationId } });
    let content: string;
    try {
      // By byte-order mark: a UTF-16 environment (as newman reads) is not UTF-8 text.
      content = decodeImportBytes(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      set({ importState: { status: 'error', fileName: file.name, error: failureOf(error, 'io') } });
      return;
    }
    const result = await api.importFile({ fileName: file.name.slice(0, 4096), content, operationId });
    if (!result.ok) {
      set({ importState: { status: 'error', fileName: file.name, error: result.error } });
      return;
    }
    if (result.value.collectionId) get().expand([result.value.collectionId]);
    await get().loadWorkspace();
    set({ importState: { status: 'success', report: result.value.report } });
  },

  importProgress: (operationId, progress) =>
    set((s) =>
      s.importState.status === 'importing' && s.importState.operationId === operationId
        ? { importState: { ...s.importState, progress } }
        : {},
    ),

  dismissImport: () => set({ importState: { status: 'idle' } }),
  setNotice: (notice) => set({ notice }),
  showFailure: (failure) => set({ notice: { kind: 'error', text: failureText(failure) } }),

  edit: async (run) => {
    const result = await run();
    await get().loadWorkspace();
    if (result.ok) {
      // An earlier edit's failure is stale once an edit goes through; an export's note stays.
      if (get().notice?.kind === 'error') set({ notice: null });
      return result.value;
    }
    get().showFailure(result.error);
    return undefined;
  },

  createCollection: async (name) => {
    const created = await get().edit(() => api.createCollection({ name }));
    if (created) get().expand([created.collection.id]);
  },

  createItem: async (collectionId, parentId, kind, name) => {
    const created = await get().edit(() => api.createItem({ collectionId, parentId, kind, name }));
    if (created) get().expand([collectionId, ...(parentId ? [`${collectionId}/${parentId}`] : [])]);
  },

  renameItem: async (collectionId, itemId, name) => {
    // A collection row's id is the collection id (see TreeNode.id).
    if (collectionId === itemId) {
      return (await get().edit(() => api.renameCollection({ collectionId, name }))) !== undefined;
    }
    return (await get().edit(() => api.renameItem({ collectionId, itemId, name }))) !== undefined;
  },

  duplicateItem: async (collectionId, itemId) => {
    await get().edit(() => api.duplicateItem({ collectionId, itemId }));
  },

  deleteItem: async (collectionId, itemId) =>
    (await get().edit(() => api.deleteItem({ collectionId, itemId })))?.undoId,

  deleteCollection: async (collectionId) => (await get().edit(() => api.deleteCollection({ collectionId })))?.undoId,

  exportCollection: async (collectionId, includeSecrets) => {
    const result = await api.exportCollection({ collectionId, includeSecrets });
    if (!result.ok) return get().showFailure(result.error);
    const exported = result.value;
    if (exported.kind === 'json') {
      download(exported.fileName, exported.json);
      set({ notice: { kind: 'info', text: `Exported ${exported.fileName}`, lines: exported.notes } });
    } else {
      set({ notice: { kind: 'info', text: `Exported with secrets to ${exported.path}`, lines: exported.notes } });
    }
  },
}));
