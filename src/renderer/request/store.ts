import { create } from 'zustand';
import type { Failure, SendResult } from '../../shared/contract';
import type { RequestSpec } from '../../shared/model';
import type { DraftTab } from '../../shared/api/tabs';
import { followUrl } from '../../shared/query';
import { emptyRequest } from '../../shared/request-basics';
import type { FileGrantInfo } from '../../shared/file-grant';
import type { Result } from '../../shared/result';
import { api, chooseFile } from '../api';

/** The response pane's state for one tab. */
export type ResponseState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly requestId: string; readonly startedAt: number }
  | { readonly status: 'success'; readonly result: SendResult }
  /** Nothing came back; `error.signing` holds what was signed when the failure came after signing. */
  | { readonly status: 'error'; readonly error: Failure };

export interface RequestContext {
  readonly collectionId?: string;
  readonly itemId?: string;
}

export interface RequestTab {
  readonly id: string;
  readonly request: RequestSpec;
  readonly context: RequestContext;
  readonly dirty: boolean;
  readonly response: ResponseState;
}

interface RequestState {
  readonly tabs: readonly RequestTab[];
  readonly activeTabId: string;
  /** The environment whose variables fill `{{...}}` at send time. */
  readonly environmentId?: string;
  readonly updateRequest: (patch: Partial<RequestSpec>) => void;
  readonly openRequest: (request: RequestSpec, context?: RequestContext) => void;
  readonly newTab: () => void;
  readonly closeTab: (id: string) => void;
  /** Opens a copy of a tab's request beside it: a new, unsaved request. */
  readonly duplicateTab: (id: string) => void;
  /** Closes every other tab without unsaved changes; tabs with unsaved changes stay open. */
  readonly closeOtherTabs: (id: string) => void;
  /** Puts back the tabs main kept (after a reload, restart or crash); tabs opened meanwhile stay after them. */
  readonly restoreTabs: (tabs: readonly DraftTab[], activeTabId: string | null) => void;
  readonly selectTab: (id: string) => void;
  /** Clears the unsaved mark; with a context (a first save into a collection), the tab now edits that item. */
  readonly markSaved: (id: string, context?: RequestContext) => void;
  /** A stored request was renamed: its open tabs take the new name, edits kept, no unsaved mark added. */
  readonly renameStored: (itemId: string, name: string) => void;
  readonly setEnvironment: (id: string | undefined) => void;
  readonly send: (mfaCode?: string) => Promise<void>;
  /** Fills the active tab from a pasted curl command; a text that is no curl command is refused by main. */
  readonly pasteCurl: (text: string) => Promise<Result<{ warnings: readonly string[] }>>;
  /** Lets the user choose a file for a body; the answer is a grant main will read, never a path. */
  readonly chooseFile: () => Promise<Result<FileGrantInfo | null>>;
  /** Name and size of a granted file (null: unknown, choose it again). */
  readonly describeFile: (ref: string) => Promise<Result<FileGrantInfo | null>>;
  readonly cancel: () => Promise<void>;
}

const IDLE: ResponseState = { status: 'idle' };

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

function blankTab(): RequestTab {
  const id = newId('tab');
  return { id, request: emptyRequest(id), context: {}, dirty: false, response: { status: 'idle' } };
}

const first = blankTab();

function updateTab(tabs: readonly RequestTab[], id: string, update: (tab: RequestTab) => RequestTab): RequestTab[] {
  return tabs.map((tab) => (tab.id === id ? update(tab) : tab));
}

export const useRequestStore = create<RequestState>()((set, get) => ({
  tabs: [first],
  activeTabId: first.id,

  updateRequest: (patch) =>
    set((state) => ({
      tabs: updateTab(state.tabs, state.activeTabId, (tab) => {
        // A URL typed over the old one takes the switched-off and described query rows along.
        const follows = patch.url !== undefined && !('query' in patch);
        const request = { ...tab.request, ...patch };
        if (follows) request.query = followUrl(patch.url!, tab.request.query);
        return {
          ...tab,
          request,
          dirty: true,
          // A failure describes the request as it was: once it is edited, the card would only mislead.
          response: tab.response.status === 'error' ? IDLE : tab.response,
        };
      }),
    })),

  openRequest: (request, context = {}) => {
    const existing = get().tabs.find((tab) => context.itemId !== undefined && tab.context.itemId === context.itemId);
    if (existing) {
      set({ activeTabId: existing.id });
      return;
    }
    const tab: RequestTab = { id: newId('tab'), request, context, dirty: false, response: { status: 'idle' } };
    set((state) => ({ tabs: [...state.tabs, tab], activeTabId: tab.id }));
  },

  newTab: () => {
    const tab = blankTab();
    set((state) => ({ tabs: [...state.tabs, tab], activeTabId: tab.id }));
  },

  closeTab: (id) =>
    set((state) => {
      const rest = state.tabs.filter((tab) => tab.id !== id);
      const tabs = rest.length > 0 ? rest : [blankTab()];
      const activeTabId = state.activeTabId === id ? tabs[tabs.length - 1]!.id : state.activeTabId;
      return { tabs, activeTabId };
    }),

  duplicateTab: (id) =>
    set((state) => {
      const index = state.tabs.findIndex((tab) => tab.id === id);
      const source = state.tabs[index];
      if (!source) return {};
      const copyId = newId('tab');
      const copy: RequestTab = {
        id: copyId,
        request: { ...source.request, id: copyId, name: source.request.name ? `${source.request.name} copy` : '' },
        context: {},
        dirty: true,
        response: { status: 'idle' },
      };
      return { tabs: [...state.tabs.slice(0, index + 1), copy, ...state.tabs.slice(index + 1)], activeTabId: copyId };
    }),

  closeOtherTabs: (id) =>
    set((state) => ({
      tabs: state.tabs.filter((tab) => tab.id === id || tab.dirty),
      activeTabId: id,
    })),

  restoreTabs: (drafts, activeTabId) =>
    set((state) => {
      const restored: RequestTab[] = drafts.map((draft) => ({ ...draft, response: { status: 'idle' } }));
      // The blank tab the window starts with gives way; anything opened before the answer came stays.
      const untouched = state.tabs.length === 1 && !state.tabs[0]!.dirty && !state.tabs[0]!.context.itemId;
      const kept = untouched ? [] : state.tabs.filter((tab) => !restored.some((r) => r.id === tab.id));
      const tabs = [...restored, ...kept];
      const active = untouched ? (tabs.find((tab) => tab.id === activeTabId) ?? tabs[0]!).id : state.activeTabId;
      return { tabs, activeTabId: active };
    }),

  selectTab: (id) => set({ activeTabId: id }),
  renameStored: (itemId, name) =>
    set((state) => ({
      tabs: state.tabs.map((tab) =>
        tab.context.itemId === itemId ? { ...tab, request: { ...tab.request, name } } : tab,
      ),
    })),

  markSaved: (id, context) =>
    set((state) => ({
      tabs: updateTab(state.tabs, id, (tab) =>
        context
          ? {
              ...tab,
              dirty: false,
              context,
              request: context.itemId ? { ...tab.request, id: context.itemId } : tab.request,
            }
          : { ...tab, dirty: false },
      ),
    })),
  setEnvironment: (environmentId) =>
    set((state) => {
      // "Unresolved variable" is about the environment that was active; another one may define it.
      const stale = (tab: RequestTab) => tab.response.status === 'error' && tab.response.error.unresolved !== undefined;
      if (!state.tabs.some(stale)) return { environmentId };
      return { environmentId, tabs: state.tabs.map((tab) => (stale(tab) ? { ...tab, response: IDLE } : tab)) };
    }),

  send: async (mfaCode) => {
    const { activeTabId, tabs, environmentId } = get();
    const tab = tabs.find((t) => t.id === activeTabId);
    if (!tab || tab.response.status === 'loading') return;
    const requestId = newId('req');
    const setResponse = (response: ResponseState) =>
      set((state) => ({ tabs: updateTab(state.tabs, tab.id, (t) => ({ ...t, response })) }));
    setResponse({ status: 'loading', requestId, startedAt: Date.now() });
    const result = await api.sendRequest({
      requestId,
      request: tab.request,
      context: { ...tab.context, ...(environmentId ? { environmentId } : {}) },
      ...(mfaCode ? { mfaCode } : {}),
    });
    setResponse(result.ok ? { status: 'success', result: result.value } : { status: 'error', error: result.error });
  },

  pasteCurl: async (text) => {
    const result = await api.parseCurl({ text });
    if (!result.ok) return result;
    const { request, warnings } = result.value;
    // The tab keeps its identity and place in a collection; what it sends is the pasted command.
    get().updateRequest({
      method: request.method,
      url: request.url,
      query: request.query,
      headers: request.headers,
      body: request.body,
      auth: request.auth,
    });
    return { ok: true, value: { warnings } };
  },
  chooseFile: () => chooseFile(),
  describeFile: (ref) => api.describeFile({ ref }),

  cancel: async () => {
    const tab = get().tabs.find((t) => t.id === get().activeTabId);
    if (tab?.response.status === 'loading') await api.cancelRequest({ requestId: tab.response.requestId });
  },
}));

type RequestStoreState = ReturnType<typeof useRequestStore.getState>;

/** The active tab in a state snapshot. */
export function activeTabOf(state: RequestStoreState): RequestTab {
  return state.tabs.find((tab) => tab.id === state.activeTabId) ?? state.tabs[0]!;
}

/**
 * Narrow views of the active tab. Each re-renders its component only when its own
 * slice changes: typing in the URL changes `request`, not `response`, so the response
 * pane stays put.
 */
export const useActiveRequest = (): RequestSpec => useRequestStore((s) => activeTabOf(s).request);
export const useActiveResponse = (): ResponseState => useRequestStore((s) => activeTabOf(s).response);
export const useActiveContext = (): RequestContext => useRequestStore((s) => activeTabOf(s).context);
/** One field of the active request, e.g. `useActiveField('url')`. */
export function useActiveField<K extends keyof RequestSpec>(key: K): RequestSpec[K] {
  return useRequestStore((s) => activeTabOf(s).request[key]);
}
