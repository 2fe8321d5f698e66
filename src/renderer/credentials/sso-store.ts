import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract';
import type { SsoAccountSummary, SsoConfiguration, SsoPrompt, SsoTargetInput } from '../../shared/api/sso';
import type { Failure, Result } from '../../shared/result';
import { api } from '../api';
import { useCredentialsStore } from './store';

/** Where a sign-in stands, as the form shows it. */
export type SignIn =
  | { readonly status: 'idle' }
  | { readonly status: 'starting' }
  | {
      readonly status: 'waiting';
      readonly loginId: string;
      readonly prompt: SsoPrompt;
      readonly polls: number;
      readonly intervalSeconds: number;
    }
  | { readonly status: 'signed_in'; readonly tokenExpiresAt: string }
  | { readonly status: 'failed'; readonly error: Failure };

type Accounts =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'success'; readonly accounts: readonly SsoAccountSummary[] }
  | { readonly status: 'error'; readonly error: Failure };

interface SsoState {
  readonly configurations: readonly SsoConfiguration[];
  readonly target: SsoTargetInput | null;
  readonly signIn: SignIn;
  readonly accounts: Accounts;
  /** Electron opens the link in the system browser; the browser host shows it to click. */
  readonly canOpenBrowser: boolean;
  readonly loadConfigurations: () => Promise<void>;
  readonly startSignIn: (target: SsoTargetInput) => Promise<void>;
  readonly cancelSignIn: () => Promise<void>;
  readonly openVerification: () => Promise<Result<unknown>>;
  readonly loadAccounts: () => Promise<void>;
  /** Makes a session of one account and role; answers its id. */
  readonly pickRole: (
    accountId: string,
    roleName: string,
    stsEndpoint?: string,
  ) => Promise<Result<{ sessionId: string }>>;
  readonly signOut: () => Promise<Result<unknown>>;
  /** Starts (or finds) the demo sandbox and answers where to sign in to its IAM Identity Center. */
  readonly demoSandbox: () => Promise<
    Result<{ startUrl: string; region: string; oidcEndpoint: string; portalEndpoint: string; stsEndpoint: string }>
  >;
  /** main's ssoLoginChanged event. */
  readonly loginChanged: (event: EventPayload<'ssoLoginChanged'>) => void;
  readonly reset: () => void;
}

export const useSsoStore = create<SsoState>()((set, get) => ({
  configurations: [],
  target: null,
  signIn: { status: 'idle' },
  accounts: { status: 'idle' },
  canOpenBrowser: false,

  loadConfigurations: async () => {
    const [configs, info] = await Promise.all([api.ssoConfigurations({}), api.appInfo({})]);
    set({
      ...(configs.ok ? { configurations: configs.value.configurations } : {}),
      canOpenBrowser: info.ok && info.value.host === 'electron',
    });
  },

  startSignIn: async (target) => {
    set({ target, signIn: { status: 'starting' }, accounts: { status: 'idle' } });
    const result = await api.ssoStartLogin({ target });
    if (!result.ok) return set({ signIn: { status: 'failed', error: result.error } });
    const { loginId, prompt, tokenExpiresAt } = result.value;
    if (prompt) {
      set((s) =>
        // The event may have beaten the answer here: never step back from a finished sign-in.
        s.signIn.status === 'starting'
          ? { signIn: { status: 'waiting', loginId, prompt, polls: 0, intervalSeconds: prompt.intervalSeconds } }
          : {},
      );
      if (get().canOpenBrowser) void api.ssoOpenVerification({ loginId });
      return;
    }
    set({ signIn: { status: 'signed_in', tokenExpiresAt: tokenExpiresAt ?? '' } });
    await get().loadAccounts();
  },

  cancelSignIn: async () => {
    const { signIn } = get();
    if (signIn.status === 'waiting') await api.ssoCancelLogin({ loginId: signIn.loginId });
    set({ signIn: { status: 'idle' } });
  },

  openVerification: async () => {
    const { signIn } = get();
    if (signIn.status !== 'waiting') return { ok: true, value: null };
    return api.ssoOpenVerification({ loginId: signIn.loginId });
  },

  loadAccounts: async () => {
    const { target } = get();
    if (!target) return;
    set({ accounts: { status: 'loading' } });
    const result = await api.ssoListAccounts({ target });
    set({
      accounts: result.ok
        ? { status: 'success', accounts: result.value.accounts }
        : { status: 'error', error: result.error },
    });
  },

  pickRole: async (accountId, roleName, stsEndpoint) => {
    const { target } = get();
    if (!target) return { ok: false, error: { code: 'invalid_input', message: 'Sign in first' } };
    const result = await api.ssoUseRole({
      target,
      accountId,
      roleName,
      autoRefresh: true,
      ...(stsEndpoint ? { stsEndpoint } : {}),
    });
    await useCredentialsStore.getState().loadSessions();
    return result.ok ? { ok: true, value: { sessionId: result.value.session.id } } : result;
  },

  signOut: async () => {
    const { target } = get();
    if (!target) return { ok: true, value: null };
    const result = await api.ssoLogout({ target });
    set({ signIn: { status: 'idle' }, accounts: { status: 'idle' } });
    void get().loadConfigurations();
    return result;
  },

  demoSandbox: async () => {
    const started = await api.startDemoSandbox({});
    if (!started.ok) return started;
    const info = started.value;
    return {
      ok: true,
      value: {
        startUrl: info.ssoStartUrl,
        region: info.ssoRegion,
        oidcEndpoint: info.oidcEndpoint,
        portalEndpoint: info.portalEndpoint,
        stsEndpoint: info.stsEndpoint,
      },
    };
  },

  loginChanged: (event) => {
    const { signIn } = get();
    const current = signIn.status === 'waiting' ? signIn.loginId : undefined;
    if (current !== undefined && current !== event.loginId) return;
    if (current === undefined && signIn.status !== 'starting') return;
    switch (event.state) {
      case 'waiting':
      case 'slow_down':
        if (signIn.status === 'waiting')
          set({
            signIn: {
              ...signIn,
              polls: signIn.polls + 1,
              intervalSeconds: event.intervalSeconds ?? signIn.intervalSeconds,
            },
          });
        return;
      case 'signed_in':
        set({ signIn: { status: 'signed_in', tokenExpiresAt: event.tokenExpiresAt ?? '' } });
        void get().loadAccounts();
        void get().loadConfigurations();
        return;
      case 'cancelled':
        set({ signIn: { status: 'idle' } });
        return;
      default:
        set({
          signIn: {
            status: 'failed',
            error: { code: 'credentials', message: event.message ?? 'The sign-in failed' },
          },
        });
    }
  },

  reset: () => set({ signIn: { status: 'idle' }, accounts: { status: 'idle' }, target: null }),
}));
