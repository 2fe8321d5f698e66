import { create } from 'zustand';
import type { ImportReport, WorkspaceOutline } from '../../shared/api/collections';
import { api } from '../api';
import { useRequestStore } from '../request/store';
import { buildTreeIndex, type TreeIndex } from './tree-rows';

/** The workspace outline as loaded from main (requests without their specs), with its flattened tree. */
export type WorkspaceLoad =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | {
      readonly status: 'success';
      readonly workspace: WorkspaceOutline;
      readonly index: TreeIndex;
      readonly warnings: readonly string[];
    }
  | { readonly status: 'error'; readonly message: string };

/** The last import, shown in a dismissible panel. */
export type ImportState =
  | { readonly status: 'idle' }
  | { readonly status: 'importing'; readonly fileName: string }
  | { readonly status: 'success'; readonly report: ImportReport }
  | { readonly status: 'error'; readonly fileName: string; readonly message: string };

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
  readonly loadWorkspace: () => Promise<void>;
  readonly toggle: (key: string) => void;
  readonly expand: (keys: readonly string[]) => void;
  readonly importFile: (file: File) => Promise<void>;
  /** Fetches a request's full spec from main and opens it in a tab (or focuses its tab). */
  readonly openRequest: (collectionId: string, itemId: string) => Promise<void>;
  readonly dismissImport: () => void;
  readonly setNotice: (notice: Notice) => void;
  /** Runs an edit against main, then reloads the tree; a failure becomes an error notice. */
  readonly edit: <T>(run: () => Promise<T>) => Promise<T | undefined>;
  readonly createCollection: (name: string) => Promise<void>;
  readonly createItem: (
    collectionId: string,
    parentId: string | null,
    kind: 'folder' | 'request',
    name: string,
  ) => Promise<void>;
  readonly renameItem: (collectionId: string, itemId: string, name: string) => Promise<void>;
  readonly duplicateItem: (collectionId: string, itemId: string) => Promise<void>;
  readonly deleteItem: (collectionId: string, itemId: string) => Promise<void>;
  readonly deleteCollection: (collectionId: string) => Promise<void>;
  readonly exportCollection: (collectionId: string, includeSecrets: boolean) => Promise<void>;
  /** Saves the active tab into its collection, or into `collectionId` as a new request. */
  readonly saveActiveTab: (collectionId?: string) => Promise<boolean>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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

  loadWorkspace: async () => {
    if (get().load.status === 'idle') set({ load: { status: 'loading' } });
    try {
      const { workspace, warnings } = await api.loadWorkspace({});
      const first = get().load.status !== 'success';
      set((s) => ({
        load: { status: 'success', workspace, index: buildTreeIndex(workspace), warnings },
        // Collections start expanded; folders start collapsed.
        expanded: first ? new Set([...s.expanded, ...workspace.collections.map((c) => c.id)]) : s.expanded,
      }));
      if (first && useRequestStore.getState().environmentId === undefined && workspace.activeEnvironmentId) {
        useRequestStore.getState().setEnvironment(workspace.activeEnvironmentId);
      }
    } catch (error) {
      set({ load: { status: 'error', message: message(error) } });
    }
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
    set({ importState: { status: 'importing', fileName: file.name } });
    try {
      const content = await file.text();
      const result = await api.importFile({ fileName: file.name.slice(0, 4096), content });
      if (!result.ok) {
        set({ importState: { status: 'error', fileName: file.name, message: result.error } });
        return;
      }
      if (result.collectionId) get().expand([result.collectionId]);
      await get().loadWorkspace();
      set({ importState: { status: 'success', report: result.report } });
    } catch (error) {
      set({ importState: { status: 'error', fileName: file.name, message: message(error) } });
    }
  },

  openRequest: async (collectionId, itemId) => {
    const requests = useRequestStore.getState();
    const open = requests.tabs.find((tab) => tab.context.itemId === itemId);
    // An open tab may hold unsaved edits: focus it rather than fetch the stored spec.
    if (open) return requests.selectTab(open.id);
    try {
      const { request } = await api.getRequest({ collectionId, itemId });
      useRequestStore.getState().openRequest(request, { collectionId, itemId });
    } catch (error) {
      set({ notice: { kind: 'error', text: message(error) } });
    }
  },

  dismissImport: () => set({ importState: { status: 'idle' } }),
  setNotice: (notice) => set({ notice }),

  edit: async (run) => {
    try {
      const result = await run();
      await get().loadWorkspace();
      return result;
    } catch (error) {
      set({ notice: { kind: 'error', text: message(error) } });
      return undefined;
    }
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
      await get().edit(() => api.renameCollection({ collectionId, name }));
      return;
    }
    await get().edit(() => api.renameItem({ collectionId, itemId, name }));
  },

  duplicateItem: async (collectionId, itemId) => {
    await get().edit(() => api.duplicateItem({ collectionId, itemId }));
  },

  deleteItem: async (collectionId, itemId) => {
    await get().edit(() => api.deleteItem({ collectionId, itemId }));
  },

  deleteCollection: async (collectionId) => {
    await get().edit(() => api.deleteCollection({ collectionId }));
  },

  exportCollection: async (collectionId, includeSecrets) => {
    try {
      const result = await api.exportCollection({ collectionId, includeSecrets });
      if (result.kind === 'json') {
        download(result.fileName, result.json);
        set({ notice: { kind: 'info', text: `Exported ${result.fileName}`, lines: result.notes } });
      } else {
        set({ notice: { kind: 'info', text: `Exported with secrets to ${result.path}`, lines: result.notes } });
      }
    } catch (error) {
      set({ notice: { kind: 'error', text: message(error) } });
    }
  },

  saveActiveTab: async (collectionId) => {
    const requests = useRequestStore.getState();
    const tab = requests.tabs.find((t) => t.id === requests.activeTabId);
    if (!tab) return false;
    const target = collectionId ?? tab.context.collectionId;
    if (!target) return false;
    const isNew = collectionId !== undefined && collectionId !== tab.context.collectionId;
    const id = isNew ? '' : (tab.context.itemId ?? '');
    const saved = await get().edit(() => api.saveRequest({ collectionId: target, request: { ...tab.request, id } }));
    if (!saved) return false;
    useRequestStore.getState().markSaved(tab.id, { collectionId: target, itemId: saved.itemId });
    set({ notice: null });
    return true;
  },
}));
