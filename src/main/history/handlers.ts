/** The history domain's handlers: thin adapters from the contract to the history store. */
import type { historyCalls } from '../../shared/api/history';
import type { RequestSpec } from '../../shared/model';
import type { EmitEvent } from '../core/events';
import type { HandlerMap } from '../core/handlers';
import type { HistoryStore } from './store';

export type HistoryCallName = keyof typeof historyCalls;

export interface HistoryHandlerDeps {
  readonly store: HistoryStore;
  /** Saves a request as a new item of a collection (the workspace's saveRequest). */
  readonly saveRequest: (
    collectionId: string,
    request: RequestSpec,
    parentId: string | null,
  ) => Promise<{ itemId: string }>;
  readonly emit?: EmitEvent;
}

/** A saved request's name: the one it had, else "METHOD URL" (cut to fit a name). */
function defaultName(name: string, method: string, url: string): string {
  if (name && name !== 'Untitled request') return name;
  const text = `${method} ${url}`;
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** Handlers for every history call; inputs arrive validated by the dispatcher. */
export function createHistoryHandlers({ store, saveRequest, emit }: HistoryHandlerDeps): HandlerMap<HistoryCallName> {
  return {
    listHistory: async ({ query, limit, before }) => store.list({ query, limit, ...(before ? { before } : {}) }),
    getHistoryEntry: async ({ id }) => store.get(id),
    clearHistory: async () => {
      const cleared = await store.clear();
      emit?.('historyChanged', { reason: 'cleared' });
      return { cleared };
    },
    setHistoryLimit: async ({ limit }) => {
      const set = await store.setLimit(limit);
      emit?.('historyChanged', { reason: 'limit' });
      return { limit: set };
    },
    saveHistoryToCollection: async ({ id, collectionId, parentId, name }) => {
      const entry = await store.get(id);
      const request: RequestSpec = {
        ...entry.request,
        id: '',
        name: name ?? defaultName(entry.name, entry.method, entry.request.url),
      };
      return saveRequest(collectionId, request, parentId);
    },
  };
}
