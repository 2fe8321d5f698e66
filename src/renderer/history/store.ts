import { create } from 'zustand';
import type { Failure, HistoryPage, HistorySummary } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { api } from '../api';

/** Entries asked for at once; older ones come with "Show older". */
const PAGE_SIZE = 200;

export type HistoryLoad =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | {
      readonly status: 'success';
      readonly entries: readonly HistorySummary[];
      readonly hasMore: boolean;
      readonly total: number;
      readonly limit: number;
    }
  | { readonly status: 'error'; readonly error: Failure };

interface HistoryState {
  readonly load: HistoryLoad;
  /** The search box: method, URL, name or status words. */
  readonly query: string;
  readonly setQuery: (query: string) => void;
  /** Loads the newest page for the current query (main's historyChanged event calls it too). */
  readonly reload: () => Promise<void>;
  /** Appends the next older page. */
  readonly loadMore: () => Promise<void>;
  readonly clear: () => Promise<Result<{ cleared: number }>>;
  /** How many entries history keeps; 0 stops recording. */
  readonly setLimit: (limit: number) => Promise<Result<{ limit: number }>>;
}

/** Answers to older questions (a query typed since) are dropped. */
let asked = 0;

function loaded(page: HistoryPage, before: readonly HistorySummary[] = []): HistoryLoad {
  return {
    status: 'success',
    entries: [...before, ...page.entries],
    hasMore: page.hasMore,
    total: page.total,
    limit: page.limit,
  };
}

export const useHistoryStore = create<HistoryState>()((set, get) => ({
  load: { status: 'idle' },
  query: '',

  setQuery: (query) => {
    set({ query });
    void get().reload();
  },

  reload: async () => {
    const ask = (asked += 1);
    if (get().load.status !== 'success') set({ load: { status: 'loading' } });
    const result = await api.listHistory({ query: get().query, limit: PAGE_SIZE });
    if (ask !== asked) return;
    set({ load: result.ok ? loaded(result.value) : { status: 'error', error: result.error } });
  },

  loadMore: async () => {
    const current = get().load;
    if (current.status !== 'success' || !current.hasMore) return;
    const ask = (asked += 1);
    const last = current.entries.at(-1);
    const result = await api.listHistory({
      query: get().query,
      limit: PAGE_SIZE,
      ...(last ? { before: last.id } : {}),
    });
    if (ask !== asked) return;
    set({ load: result.ok ? loaded(result.value, current.entries) : { status: 'error', error: result.error } });
  },

  clear: async () => {
    const result = await api.clearHistory({});
    await get().reload();
    return result;
  },

  setLimit: async (limit) => {
    const result = await api.setHistoryLimit({ limit });
    await get().reload();
    return result;
  },
}));
