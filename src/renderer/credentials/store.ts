import { create } from 'zustand';
import type {
  AddManagedProfileInput,
  AssumeRoleInput,
  CallerIdentity,
  CredentialStatus,
  ImportSessionInput,
  ProfileList,
  SessionSummary,
} from '../../shared/api/credentials';
import type { SecretHandle } from '../../shared/api/app';
import type { CredentialSource } from '../../shared/model';
import type { Failure, Result } from '../../shared/result';
import { api } from '../api';

type Load<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'success'; readonly value: T }
  | { readonly status: 'error'; readonly error: Failure };

/** What an action reports back to the form that started it. */
export type ActionOutcome<T = unknown> = Result<T>;

/** The expiry shown beside Send for one credential source, keyed by the source's JSON. */
interface SourceStatus {
  readonly key: string;
  readonly status: CredentialStatus | null;
}

interface CredentialsState {
  readonly profiles: Load<ProfileList>;
  readonly sessions: readonly SessionSummary[];
  /** Who-am-I answers by session id or profile name. */
  readonly identities: Readonly<Record<string, Result<CallerIdentity>>>;
  readonly sourceStatus: SourceStatus | null;
  /** Whether secrets at rest are OS-encrypted in this host (Electron safeStorage). */
  readonly secretsEncrypted: boolean;
  /** Why secrets are not encrypted although the OS offered storage (Linux basic_text). */
  readonly secretsNote?: string;
  readonly loadAppInfo: () => Promise<void>;
  /** Hands a secret to main; the answer is a reference and a masked form, never the secret. */
  readonly storeSecret: (value: string, label: string) => Promise<Result<SecretHandle>>;
  /** The masked form of a stored secret; null when main no longer holds it. */
  readonly describeSecret: (ref: string) => Promise<Result<SecretHandle | null>>;
  readonly loadProfiles: () => Promise<void>;
  readonly loadSessions: () => Promise<void>;
  readonly assumeRole: (input: AssumeRoleInput) => Promise<ActionOutcome<{ sessionId: string }>>;
  readonly importSession: (input: ImportSessionInput) => Promise<ActionOutcome>;
  readonly refreshSession: (id: string, mfaCode?: string) => Promise<ActionOutcome>;
  readonly setAutoRefresh: (id: string, autoRefresh: boolean) => Promise<ActionOutcome>;
  /** Forgets a session; resolves with the id that undoes it. */
  readonly removeSession: (id: string) => Promise<string | undefined>;
  readonly whoAmI: (key: string, source: CredentialSource) => Promise<void>;
  readonly addManagedProfile: (input: AddManagedProfileInput) => Promise<ActionOutcome<{ warning?: string }>>;
  readonly removeManagedProfile: (name: string) => Promise<void>;
  /** Reads the expiry of the source the active request signs with (again, when main says it changed). */
  readonly loadSourceStatus: (source: CredentialSource | undefined) => Promise<void>;
}

/** The source whose status is shown, so an event can re-read it. */
let watchedSource: CredentialSource | undefined;

export const useCredentialsStore = create<CredentialsState>()((set, get) => ({
  profiles: { status: 'idle' },
  sessions: [],
  identities: {},
  sourceStatus: null,
  secretsEncrypted: false,

  loadAppInfo: async () => {
    const result = await api.appInfo({});
    if (result.ok)
      set({
        secretsEncrypted: result.value.secretsEncrypted,
        ...(result.value.secretsNote ? { secretsNote: result.value.secretsNote } : {}),
      });
  },

  storeSecret: (value, label) => api.putSecret({ value, label }),
  describeSecret: (ref) => api.describeSecret({ ref }),

  loadProfiles: async () => {
    if (get().profiles.status === 'idle') set({ profiles: { status: 'loading' } });
    const result = await api.listProfiles({});
    set({
      profiles: result.ok ? { status: 'success', value: result.value } : { status: 'error', error: result.error },
    });
  },

  loadSessions: async () => {
    const result = await api.listSessions({});
    if (result.ok) set({ sessions: result.value.sessions });
  },

  assumeRole: async (input) => {
    const result = await api.assumeRole(input);
    await get().loadSessions();
    return result.ok ? { ok: true, value: { sessionId: result.value.session.id } } : result;
  },

  importSession: async (input) => {
    const result = await api.importSession(input);
    await get().loadSessions();
    return result;
  },

  refreshSession: async (id, mfaCode) => {
    const result = await api.refreshSession({ id, ...(mfaCode ? { mfaCode } : {}) });
    await get().loadSessions();
    return result;
  },

  setAutoRefresh: async (id, autoRefresh) => {
    const result = await api.setSessionAutoRefresh({ id, autoRefresh });
    await get().loadSessions();
    return result;
  },

  removeSession: async (id) => {
    const result = await api.removeSession({ id });
    await get().loadSessions();
    return result.ok ? result.value.undoId : undefined;
  },

  whoAmI: async (key, source) => {
    const result = await api.whoAmI({ source });
    set((s) => ({
      identities: { ...s.identities, [key]: result.ok ? { ok: true, value: result.value.identity } : result },
    }));
  },

  addManagedProfile: async (input) => {
    const result = await api.addManagedProfile(input);
    await get().loadProfiles();
    return result.ok ? { ok: true, value: result.value.warning ? { warning: result.value.warning } : {} } : result;
  },

  removeManagedProfile: async (name) => {
    await api.removeManagedProfile({ name });
    await get().loadProfiles();
  },

  loadSourceStatus: async (source) => {
    watchedSource = source;
    if (!source) {
      set({ sourceStatus: null });
      return;
    }
    const key = JSON.stringify(source);
    const result = await api.credentialStatus({ source });
    // A slower answer for a source no longer shown must not overwrite the current one.
    if (watchedSource !== source) return;
    set({ sourceStatus: { key, status: result.ok ? result.value : null } });
  },
}));

const NO_PROFILES: ProfileList['profiles'] = [];

/** The profiles as pickers list them: one stable empty list until they have loaded. */
export const useProfiles = (): ProfileList['profiles'] =>
  useCredentialsStore((s) => (s.profiles.status === 'success' ? s.profiles.value.profiles : NO_PROFILES));

/** Re-reads what the viewer and the badge show; main calls for it through events. */
export function reloadCredentialViews(): void {
  const state = useCredentialsStore.getState();
  void state.loadSessions();
  void state.loadSourceStatus(watchedSource);
}
