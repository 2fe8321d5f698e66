import { create } from 'zustand';
import { api } from '../api';

/** Region and service main remembers for a custom domain (what was typed for it once). */
export interface RememberedScope {
  readonly region: string;
  readonly service: string;
}

export type RememberedLookup =
  | { readonly status: 'loading' }
  | { readonly status: 'success'; readonly scope: RememberedScope | null }
  | { readonly status: 'error' };

interface RememberedScopeState {
  /** By host name (lower case), as main keys them. */
  readonly byHost: Readonly<Record<string, RememberedLookup>>;
  /** Asks main what it remembers for a host; each send may change it, so every call asks again. */
  readonly lookUp: (host: string) => Promise<void>;
}

/** Lower case, without port or trailing dot: one entry per host, however the URL spells it. */
export function rememberedHostKey(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

export const useRememberedScopeStore = create<RememberedScopeState>()((set) => ({
  byHost: {},
  lookUp: async (host) => {
    const key = rememberedHostKey(host);
    if (!key) return;
    set((s) => ({ byHost: { ...s.byHost, [key]: s.byHost[key] ?? { status: 'loading' } } }));
    const result = await api.rememberedScope({ host: key });
    set((s) => ({
      byHost: { ...s.byHost, [key]: result.ok ? { status: 'success', scope: result.value } : { status: 'error' } },
    }));
  },
}));
