/**
 * Signing in with IAM Identity Center: the device flow, the token cache shared with the
 * AWS CLI, refresh with the refresh token before asking the user again, and the portal's
 * accounts, roles and role credentials. Tokens and keys stay in main.
 */
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../core/failure';
import type { EmitEvent } from '../../core/events';
import { CredentialError } from '../../core/ports';
import type { AwsFiles } from '../aws-files';
import {
  isInvalidClient,
  pollForToken,
  realSleep,
  refreshToken,
  registerClient,
  startDeviceAuthorization,
  type DeviceAuthorization,
  type FlowClock,
  type PollEvent,
  type Registration,
} from './oidc';
import {
  getRoleCredentials,
  isUnauthorized,
  listAccounts,
  logout,
  type RoleCredentials,
  type SsoAccount,
} from './portal';
import { resolveSsoTarget, ssoConfigurations, type SsoTarget, type SsoTargetInput } from './targets';
import {
  cacheTime,
  readCachedToken,
  removeCachedToken,
  tokenCachePath,
  writeCachedToken,
  type CachedSsoToken,
} from './token-cache';

/** Refresh a token this long before it expires (the AWS SDKs' window). */
export const TOKEN_REFRESH_WINDOW_MS = 5 * 60_000;
/** A cached registration this close to its end is replaced rather than reused. */
const REGISTRATION_MARGIN_MS = 60_000;

export interface SsoServiceDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly loadFiles: () => Promise<AwsFiles>;
  readonly now?: () => Date;
  readonly sleep?: FlowClock['sleep'];
  readonly emit?: EmitEvent;
}

/** The code and link the user needs to approve a sign-in. */
export interface SignInPrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  readonly expiresAt: Date;
  readonly intervalSeconds: number;
}

export interface LoginOptions {
  /** Run the device flow even when a usable token is cached. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onPrompt?: (prompt: SignInPrompt) => void;
  readonly onPoll?: (event: PollEvent) => void;
}

export interface LoginResult {
  readonly tokenExpiresAt: Date;
  /** True when a cached (or refreshed) token made the device flow unnecessary. */
  readonly reused: boolean;
}

interface PendingLogin {
  readonly controller: AbortController;
  readonly prompt: SignInPrompt;
  readonly target: SsoTarget;
}

/** The sign-in state the renderer may see: no token, ever. */
export interface SsoStatus {
  readonly signedIn: boolean;
  readonly tokenExpiresAt?: string;
  /** A refresh token and a live registration are cached: the sign-in renews itself. */
  readonly renewable: boolean;
}

export class SsoService {
  private readonly now: () => Date;
  private readonly clock: FlowClock;
  private readonly pending = new Map<string, PendingLogin>();
  /** One refresh per cache file at a time. */
  private readonly refreshing = new Map<string, Promise<CachedSsoToken>>();

  constructor(private readonly deps: SsoServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.clock = { now: this.now, sleep: deps.sleep ?? realSleep };
  }

  /** Reads the config file afresh and turns what the user named into a target. */
  async target(input: SsoTargetInput): Promise<SsoTarget> {
    return resolveSsoTarget(input, await this.deps.loadFiles(), this.deps.env);
  }

  /** The config file's sso-session sections and legacy SSO profiles, each with its sign-in state. */
  async configurations(): Promise<Array<ReturnType<typeof ssoConfigurations>[number] & SsoStatus>> {
    const files = await this.deps.loadFiles();
    return Promise.all(
      ssoConfigurations(files).map(async (c) => {
        const target = resolveSsoTarget(
          c.kind === 'sso-session' ? { ssoSession: c.name } : { profile: c.name },
          files,
          this.deps.env,
        );
        return { ...c, ...(await this.status(target)) };
      }),
    );
  }

  /** Where the token for a target is cached. */
  cachePath(target: SsoTarget): string {
    return tokenCachePath(this.deps.env, target);
  }

  async status(target: SsoTarget): Promise<SsoStatus> {
    const cached = await readCachedToken(this.cachePath(target));
    if (!cached) return { signedIn: false, renewable: false };
    const renewable = this.canRefresh(cached);
    const live = Date.parse(cached.expiresAt) > this.now().getTime();
    return { signedIn: live || renewable, tokenExpiresAt: cached.expiresAt, renewable };
  }

  /** Signs in: a cached or refreshable token if there is one, else the device flow. */
  async login(target: SsoTarget, options: LoginOptions = {}): Promise<LoginResult> {
    if (!options.force) {
      const usable = await this.usableToken(target).catch(() => undefined);
      if (usable) return { tokenExpiresAt: new Date(usable.expiresAt), reused: true };
    }
    const path = this.cachePath(target);
    const cached = await readCachedToken(path);
    let registration = this.cachedRegistration(cached, target);
    let device: DeviceAuthorization;
    try {
      registration ??= await registerClient(target);
      device = await startDeviceAuthorization(target, registration, this.now());
    } catch (error) {
      // A registration IAM Identity Center has expired or revoked: register again, once.
      if (!isInvalidClient(error)) throw error;
      registration = await registerClient(target);
      device = await startDeviceAuthorization(target, registration, this.now()).catch((again: unknown) => {
        throw isInvalidClient(again)
          ? new CredentialError('IAM Identity Center refused a fresh client registration', 'sts')
          : again;
      });
    }
    options.onPrompt?.({
      userCode: device.userCode,
      verificationUri: device.verificationUri,
      verificationUriComplete: device.verificationUriComplete,
      expiresAt: device.expiresAt,
      intervalSeconds: device.intervalSeconds,
    });
    const issued = await pollForToken(target, registration, device, this.clock, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onPoll ? { onPoll: options.onPoll } : {}),
    });
    await writeCachedToken(path, {
      startUrl: target.startUrl,
      region: target.region,
      accessToken: issued.accessToken,
      expiresAt: cacheTime(issued.expiresAt),
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: cacheTime(registration.expiresAt),
      ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
    });
    return { tokenExpiresAt: issued.expiresAt, reused: false };
  }

  /**
   * Starts a sign-in in the background for the UI: answers at once with the code to show
   * (or with the cached token's expiry), then reports through `ssoLoginChanged`.
   */
  async startLogin(
    target: SsoTarget,
    force: boolean,
  ): Promise<{ loginId: string; prompt?: SignInPrompt; tokenExpiresAt?: Date }> {
    const loginId = randomBytes(9).toString('base64url');
    const controller = new AbortController();
    let announce: (prompt: SignInPrompt | undefined) => void = () => undefined;
    const prompted = new Promise<SignInPrompt | undefined>((resolve) => (announce = resolve));
    const emit = (state: 'waiting' | 'slow_down' | 'signed_in' | 'failed' | 'cancelled', extra = {}) =>
      this.deps.emit?.('ssoLoginChanged', { loginId, state, startUrl: target.startUrl.slice(0, 2048), ...extra });
    const work = this.login(target, {
      force,
      signal: controller.signal,
      onPrompt: (prompt) => {
        this.pending.set(loginId, { controller, prompt, target });
        announce(prompt);
      },
      onPoll: (event) =>
        emit(
          event.kind === 'slow_down' ? 'slow_down' : 'waiting',
          event.kind === 'slow_down' ? { intervalSeconds: event.intervalSeconds } : {},
        ),
    });
    work.then(
      (result) => {
        this.pending.delete(loginId);
        emit('signed_in', { tokenExpiresAt: result.tokenExpiresAt.toISOString() });
        announce(undefined);
      },
      (error: unknown) => {
        this.pending.delete(loginId);
        const message = error instanceof Error ? error.message.slice(0, 4096) : 'The sign-in failed';
        emit(error instanceof AppFailure && error.code === 'cancelled' ? 'cancelled' : 'failed', { message });
        announce(undefined);
      },
    );
    const prompt = await Promise.race([prompted, work.then(() => undefined)]);
    if (prompt) return { loginId, prompt };
    const result = await work;
    return { loginId, tokenExpiresAt: result.tokenExpiresAt };
  }

  /** Stops a pending sign-in; false when there is none by that id. */
  cancelLogin(loginId: string): boolean {
    const pending = this.pending.get(loginId);
    if (!pending) return false;
    pending.controller.abort();
    return true;
  }

  /** The verification link of a pending sign-in (main opens only links IAM Identity Center gave it). */
  verificationUrl(loginId: string): string | undefined {
    return this.pending.get(loginId)?.prompt.verificationUriComplete;
  }

  /** An access token good for at least the refresh window: cached, or refreshed with the refresh token. */
  async accessToken(target: SsoTarget): Promise<CachedSsoToken> {
    const token = await this.usableToken(target);
    if (token) return token;
    throw new CredentialError(
      `Not signed in to IAM Identity Center at ${target.startUrl} (or the sign-in expired); sign in again`,
      'credentials',
    );
  }

  async accounts(target: SsoTarget): Promise<{ accounts: SsoAccount[]; tokenExpiresAt: string }> {
    return this.withToken(target, async (token) => ({
      accounts: await listAccounts(target, token.accessToken),
      tokenExpiresAt: token.expiresAt,
    }));
  }

  async roleCredentials(
    target: SsoTarget,
    accountId: string,
    roleName: string,
  ): Promise<RoleCredentials & { tokenExpiresAt: Date }> {
    return this.withToken(target, async (token) => ({
      ...(await getRoleCredentials(target, token.accessToken, accountId, roleName)),
      tokenExpiresAt: new Date(token.expiresAt),
    }));
  }

  /** Signs out at the portal and removes the cached token; false when nothing was cached. */
  async logout(target: SsoTarget): Promise<boolean> {
    const path = this.cachePath(target);
    const cached = await readCachedToken(path);
    if (cached) await logout(target, cached.accessToken);
    return removeCachedToken(path);
  }

  /** Runs `work` with a token; once more after a refresh when the portal says the token is no good. */
  private async withToken<T>(target: SsoTarget, work: (token: CachedSsoToken) => Promise<T>): Promise<T> {
    const token = await this.accessToken(target);
    try {
      return await work(token);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      if (this.canRefresh(token)) {
        const renewed = await this.refresh(target, token).catch(() => undefined);
        if (renewed) {
          try {
            return await work(renewed);
          } catch (again) {
            if (!isUnauthorized(again)) throw again;
          }
        }
      }
      throw new CredentialError(
        `IAM Identity Center no longer accepts the sign-in for ${target.startUrl}; sign in again`,
        'credentials',
      );
    }
  }

  private async usableToken(target: SsoTarget): Promise<CachedSsoToken | undefined> {
    const cached = await readCachedToken(this.cachePath(target));
    if (!cached) return undefined;
    const left = Date.parse(cached.expiresAt) - this.now().getTime();
    if (left > TOKEN_REFRESH_WINDOW_MS) return cached;
    if (this.canRefresh(cached)) {
      try {
        return await this.refresh(target, cached);
      } catch (error) {
        if (left <= 0) throw error;
      }
    }
    return left > 0 ? cached : undefined;
  }

  private canRefresh(token: CachedSsoToken): boolean {
    return Boolean(
      token.refreshToken &&
      token.clientId &&
      token.clientSecret &&
      token.registrationExpiresAt &&
      Date.parse(token.registrationExpiresAt) > this.now().getTime(),
    );
  }

  private cachedRegistration(cached: CachedSsoToken | undefined, target: SsoTarget): Registration | undefined {
    if (!cached?.clientId || !cached.clientSecret || !cached.registrationExpiresAt) return undefined;
    if (cached.region && cached.region !== target.region) return undefined;
    const expiresAt = new Date(cached.registrationExpiresAt);
    if (!(expiresAt.getTime() - this.now().getTime() > REGISTRATION_MARGIN_MS)) return undefined;
    return { clientId: cached.clientId, clientSecret: cached.clientSecret, expiresAt };
  }

  private refresh(target: SsoTarget, token: CachedSsoToken): Promise<CachedSsoToken> {
    const path = this.cachePath(target);
    const running = this.refreshing.get(path);
    if (running) return running;
    const work = (async () => {
      const issued = await refreshToken(
        target,
        { clientId: token.clientId ?? '', clientSecret: token.clientSecret ?? '' },
        token.refreshToken ?? '',
        this.now(),
      );
      const renewed: CachedSsoToken = {
        ...token,
        startUrl: token.startUrl || target.startUrl,
        region: token.region || target.region,
        accessToken: issued.accessToken,
        expiresAt: cacheTime(issued.expiresAt),
        ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
      };
      await writeCachedToken(path, renewed);
      return renewed;
    })().finally(() => this.refreshing.delete(path));
    this.refreshing.set(path, work);
    return work;
  }
}
