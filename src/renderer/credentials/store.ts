import { create } from 'zustand';
import type {
  AddManagedProfileInput,
  AssumeRoleInput,
  CallerIdentity,
  CredentialFailure,
  ImportSessionInput,
  ProfileList,
  SessionSummary,
} from '../../shared/api/credentials';
import type { CredentialSource } from '../../shared/model';
import { api } from '../api';

type Load<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'success'; readonly value: T }
  | { readonly status: 'error'; readonly message: string };

/** What an action reports back to the form that started it. */
export type ActionOutcome = { readonly ok: true } | { readonly ok: false; readonly error: CredentialFailure };

interface CredentialsState {
  readonly profiles: Load<ProfileList>;
  readonly sessions: readonly SessionSummary[];
  /** Who-am-I answers by session id or profile name. */
  readonly identities: Readonly<Record<string, CallerIdentity | { error: string }>>;
  readonly loadProfiles: () => Promise<void>;
  readonly loadSessions: () => Promise<void>;
  readonly assumeRole: (input: AssumeRoleInput) => Promise<ActionOutcome & { sessionId?: string }>;
  readonly importSession: (input: ImportSessionInput) => Promise<ActionOutcome>;
  readonly refreshSession: (id: string, mfaCode?: string) => Promise<ActionOutcome>;
  readonly setAutoRefresh: (id: string, autoRefresh: boolean) => Promise<ActionOutcome>;
  readonly removeSession: (id: string) => Promise<void>;
  readonly whoAmI: (key: string, source: CredentialSource) => Promise<void>;
  readonly addManagedProfile: (input: AddManagedProfileInput) => Promise<ActionOutcome & { warning?: string }>;
  readonly removeManagedProfile: (name: string) => Promise<void>;
}

function failed(error: unknown): ActionOutcome {
  return {
    ok: false,
    error: { code: 'invalid_input', message: error instanceof Error ? error.message : String(error) },
  };
}

export const useCredentialsStore = create<CredentialsState>()((set, get) => ({
  profiles: { status: 'idle' },
  sessions: [],
  identities: {},

  loadProfiles: async () => {
    if (get().profiles.status === 'idle') set({ profiles: { status: 'loading' } });
    try {
      set({ profiles: { status: 'success', value: await api.listProfiles({}) } });
    } catch (error) {
      set({ profiles: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  },

  loadSessions: async () => {
    const { sessions } = await api.listSessions({});
    set({ sessions });
  },

  assumeRole: async (input) => {
    try {
      const result = await api.assumeRole(input);
      await get().loadSessions();
      return result.ok ? { ok: true, sessionId: result.session.id } : result;
    } catch (error) {
      return failed(error);
    }
  },

  importSession: async (input) => {
    try {
      const result = await api.importSession(input);
      await get().loadSessions();
      return result.ok ? { ok: true } : result;
    } catch (error) {
      return failed(error);
    }
  },

  refreshSession: async (id, mfaCode) => {
    try {
      const result = await api.refreshSession({ id, ...(mfaCode ? { mfaCode } : {}) });
      await get().loadSessions();
      return result.ok ? { ok: true } : result;
    } catch (error) {
      return failed(error);
    }
  },

  setAutoRefresh: async (id, autoRefresh) => {
    try {
      const result = await api.setSessionAutoRefresh({ id, autoRefresh });
      await get().loadSessions();
      return result.ok ? { ok: true } : result;
    } catch (error) {
      return failed(error);
    }
  },

  removeSession: async (id) => {
    await api.removeSession({ id });
    await get().loadSessions();
  },

  whoAmI: async (key, source) => {
    try {
      const result = await api.whoAmI({ source });
      set((s) => ({
        identities: { ...s.identities, [key]: result.ok ? result.identity : { error: result.error.message } },
      }));
    } catch (error) {
      set((s) => ({
        identities: { ...s.identities, [key]: { error: error instanceof Error ? error.message : String(error) } },
      }));
    }
  },

  addManagedProfile: async (input) => {
    try {
      const result = await api.addManagedProfile(input);
      await get().loadProfiles();
      return result.ok ? { ok: true, ...(result.warning ? { warning: result.warning } : {}) } : result;
    } catch (error) {
      return failed(error);
    }
  },

  removeManagedProfile: async (name) => {
    await api.removeManagedProfile({ name });
    await get().loadProfiles();
  },
}));
