/**
 * Assumed-role sessions held in main: created by AssumeRole or pasted as
 * `aws sts assume-role` output, re-assumed on demand or about five minutes before
 * they expire. Secrets stay in this module's memory; summaries carry none.
 */
import { randomBytes } from 'node:crypto';
import type { CredentialSource } from '../../shared/model';
import type { AssumeRoleParams, SessionSummary } from '../../shared/api/credentials';
import { MIN_DURATION_SECONDS, ROLE_CHAINING_MAX_SECONDS } from '../../shared/api/credentials';
import { EXPIRING_SOON_MS, type SessionChange } from '../../shared/api/events';
import { CredentialError, type ResolvedCredentials } from '../core/ports';
import { maskAccessKeyId } from '../core/secrets';
import { accountOfArn as accountOf } from './arns';
import { parseSessionJson } from './session-json';
import { assumeRoleWith, isLoopbackUrl, regionalStsEndpoint, type StsKeys } from './sts';

/** Re-assume this long before expiry, so that no request is signed with nearly dead credentials. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface HeldSession {
  readonly id: string;
  label: string;
  assumedRoleArn: string;
  assumedRoleId: string;
  account: string;
  readonly roleArn: string;
  readonly sessionName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  issuedAt: Date;
  readonly sourceDescription: string;
  /** Absent for an imported session: there is nothing to re-assume with. */
  readonly source?: CredentialSource;
  autoRefresh: boolean;
  readonly region: string;
  readonly endpoint?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  readonly durationSeconds: number;
  lastRefreshError?: string;
  /** Fetches new credentials without STS AssumeRole (an SSO session asks the portal again). */
  readonly renew?: () => Promise<Renewal>;
  /** For role credentials from IAM Identity Center: where from, and when the sign-in ends. */
  sso?: { readonly startUrl: string; readonly accountId: string; readonly roleName: string; tokenExpiresAt: Date };
  /** Assumed from a role session: AWS caps role chaining at one hour. */
  readonly chained?: boolean;
  timer?: NodeJS.Timeout;
  /** Fire `expiring` and `expired` for the viewer, whether or not the session refreshes itself. */
  watchTimers?: NodeJS.Timeout[];
}

/** New credentials for a session that renews itself without AssumeRole. */
export interface Renewal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** The SSO sign-in's own expiry, when it moved (a refreshed token). */
  readonly ssoTokenExpiresAt?: Date;
}

/** A session made outside STS AssumeRole (SSO role credentials), to hold beside the others. */
export interface ExternalSession {
  readonly label: string;
  readonly credentials: Renewal;
  readonly assumedRoleArn: string;
  readonly account: string;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly sourceDescription: string;
  readonly region: string;
  /** STS endpoint for GetCallerIdentity and for roles assumed from this session. */
  readonly endpoint?: string;
  readonly autoRefresh: boolean;
  readonly renew: () => Promise<Renewal>;
  readonly sso?: HeldSession['sso'];
}

export interface SessionDeps {
  /** Source credentials for AssumeRole (the credential service's resolve). */
  readonly resolveSource: (source: CredentialSource) => Promise<ResolvedCredentials>;
  readonly describeSource: (source: CredentialSource) => string;
  readonly now: () => Date;
  readonly stsEndpointFor?: (region: string) => string | undefined;
  /** Told of every change a viewer should see; never given a secret. */
  readonly onChange?: (change: SessionChange, session: HeldSession, message?: string) => void;
}

/** Holds sessions and keeps those with auto-refresh on alive. */
export class SessionManager {
  private readonly sessions = new Map<string, HeldSession>();
  private readonly refreshing = new Map<string, Promise<HeldSession>>();

  constructor(private readonly deps: SessionDeps) {}

  /**
   * A label no other held session has, so two sessions of one role can be told apart: the
   * session name is added first, then a number.
   */
  private uniqueLabel(label: string, sessionName?: string): string {
    const taken = new Set([...this.sessions.values()].map((s) => s.label));
    if (!taken.has(label)) return label;
    const named = sessionName ? `${label} · ${sessionName}` : label;
    if (!taken.has(named)) return named;
    for (let n = 2; ; n++) if (!taken.has(`${named} (${n})`)) return `${named} (${n})`;
  }

  get(id: string): HeldSession | undefined {
    return this.sessions.get(id);
  }

  list(): SessionSummary[] {
    return [...this.sessions.values()].map(summarizeSession);
  }

  /** Assumes a role and holds the session; throws CredentialError on failure. */
  async assume(params: AssumeRoleParams): Promise<HeldSession> {
    const endpoint = params.endpoint ?? this.deps.stsEndpointFor?.(params.region);
    const loopback = endpoint !== undefined && isLoopbackUrl(endpoint);
    if (params.durationSeconds < MIN_DURATION_SECONDS && !loopback) {
      throw new CredentialError(`durationSeconds must be at least ${MIN_DURATION_SECONDS} (15 minutes)`, 'credentials');
    }
    const chained = params.source.kind === 'session';
    if (chained && params.durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
      throw new CredentialError(
        `A role assumed from a role session (role chaining) lasts at most one hour: lower the duration to ${ROLE_CHAINING_MAX_SECONDS} seconds or less`,
        'credentials',
      );
    }
    if (params.mfaSerial && !params.mfaCode) {
      throw new CredentialError(
        `Assuming ${params.roleArn} needs a code from MFA device ${params.mfaSerial}`,
        'mfa_required',
        params.mfaSerial,
      );
    }
    const sourceCreds = await this.deps.resolveSource(params.source);
    const issuedAt = this.deps.now();
    const assumed = await assumeRoleWith(
      sourceCreds,
      { region: params.region, ...(endpoint ? { endpoint } : {}) },
      params,
    );
    const roleName = params.roleArn.split('/').pop() ?? params.roleArn;
    const session: HeldSession = {
      id: randomBytes(9).toString('base64url'),
      label: this.uniqueLabel(params.label || `${roleName} @ ${accountOf(params.roleArn)}`, params.sessionName),
      ...assumed,
      account: accountOf(assumed.assumedRoleArn) || accountOf(params.roleArn),
      roleArn: params.roleArn,
      sessionName: params.sessionName,
      issuedAt,
      sourceDescription: this.deps.describeSource(params.source),
      source: params.source,
      autoRefresh: params.autoRefresh && !params.mfaSerial,
      region: params.region,
      ...(endpoint ? { endpoint } : {}),
      ...(params.externalId ? { externalId: params.externalId } : {}),
      ...(params.mfaSerial ? { mfaSerial: params.mfaSerial } : {}),
      durationSeconds: params.durationSeconds,
      ...(chained ? { chained } : {}),
    };
    this.sessions.set(session.id, session);
    this.schedule(session);
    this.notify('added', session);
    return session;
  }

  /** Holds credentials obtained elsewhere (SSO role credentials) that renew through `renew`. */
  hold(external: ExternalSession): HeldSession {
    const { credentials } = external;
    const session: HeldSession = {
      id: randomBytes(9).toString('base64url'),
      label: external.label,
      assumedRoleArn: external.assumedRoleArn,
      assumedRoleId: '',
      account: external.account,
      roleArn: external.roleArn,
      sessionName: external.sessionName,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
      issuedAt: this.deps.now(),
      sourceDescription: external.sourceDescription,
      autoRefresh: external.autoRefresh,
      region: external.region,
      ...(external.endpoint ? { endpoint: external.endpoint } : {}),
      durationSeconds: 0,
      renew: external.renew,
      ...(external.sso ? { sso: { ...external.sso } } : {}),
    };
    this.sessions.set(session.id, session);
    this.schedule(session);
    this.notify('added', session);
    return session;
  }

  /** Holds a session pasted as `aws sts assume-role` output; throws CredentialError when the shape is wrong. */
  import(json: string, options: { label?: string; region: string; endpoint?: string }): HeldSession {
    const parsed = parseSessionJson(json);
    const session: HeldSession = {
      id: randomBytes(9).toString('base64url'),
      ...parsed,
      label: this.uniqueLabel(
        options.label || `${parsed.roleArn.split('/').pop() || 'credentials'} (imported)`,
        parsed.sessionName,
      ),
      issuedAt: this.deps.now(),
      sourceDescription: 'imported',
      autoRefresh: false,
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      durationSeconds: 0,
    };
    this.sessions.set(session.id, session);
    this.watchExpiry(session);
    this.notify('added', session);
    return session;
  }

  /** Re-assumes with the original parameters; concurrent calls share one AssumeRole. */
  refresh(id: string, mfaCode?: string): Promise<HeldSession> {
    const pending = this.refreshing.get(id);
    if (pending) return pending;
    const promise = this.reassume(id, mfaCode).finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, promise);
    return promise;
  }

  setAutoRefresh(id: string, autoRefresh: boolean): HeldSession {
    const session = this.require(id);
    if (autoRefresh && !session.source && !session.renew)
      throw new CredentialError(
        'An imported session cannot be refreshed; assume the role in Signet instead',
        'credentials',
      );
    if (autoRefresh && session.mfaSerial)
      throw new CredentialError(
        'A session assumed with MFA needs a new code for each refresh, so it cannot refresh by itself',
        'credentials',
      );
    session.autoRefresh = autoRefresh;
    this.schedule(session);
    this.notify('updated', session);
    return session;
  }

  remove(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.clearTimers(session);
    this.sessions.delete(id);
    this.notify('removed', session);
    return true;
  }

  /** Stops every timer (app shutdown, tests). */
  dispose(): void {
    for (const session of this.sessions.values()) this.clearTimers(session);
  }

  /** Whether a refresh can run without asking the user for anything. */
  canRefreshAlone(session: HeldSession): boolean {
    return Boolean(session.source || session.renew) && !session.mfaSerial;
  }

  /** The STS endpoint this session talks to, for GetCallerIdentity. */
  endpointOf(session: HeldSession): string {
    return session.endpoint ?? regionalStsEndpoint(session.region);
  }

  require(id: string): HeldSession {
    const session = this.sessions.get(id);
    if (!session)
      throw new CredentialError(
        `Session "${id.slice(0, 64)}" is not held (it was removed, or Signet restarted)`,
        'not_found',
      );
    return session;
  }

  private async reassume(id: string, mfaCode?: string): Promise<HeldSession> {
    const session = this.require(id);
    if (session.renew) {
      const issuedAt = this.deps.now();
      const renewed = await session.renew();
      Object.assign(session, {
        accessKeyId: renewed.accessKeyId,
        secretAccessKey: renewed.secretAccessKey,
        sessionToken: renewed.sessionToken,
        expiration: renewed.expiration,
        issuedAt,
      });
      if (session.sso && renewed.ssoTokenExpiresAt) session.sso.tokenExpiresAt = renewed.ssoTokenExpiresAt;
      delete session.lastRefreshError;
      this.schedule(session);
      this.notify('refreshed', session);
      return session;
    }
    if (!session.source)
      throw new CredentialError(
        `Session "${session.label}" was imported and cannot be refreshed; paste new credentials or assume the role in Signet`,
        'credentials',
      );
    if (session.mfaSerial && !mfaCode) {
      throw new CredentialError(
        `Refreshing "${session.label}" needs a new code from MFA device ${session.mfaSerial}`,
        'mfa_required',
        session.mfaSerial,
      );
    }
    const keys: StsKeys = await this.deps.resolveSource(session.source);
    const issuedAt = this.deps.now();
    const assumed = await assumeRoleWith(
      keys,
      { region: session.region, ...(session.endpoint ? { endpoint: session.endpoint } : {}) },
      {
        roleArn: session.roleArn,
        sessionName: session.sessionName,
        durationSeconds: session.durationSeconds,
        ...(session.externalId ? { externalId: session.externalId } : {}),
        ...(session.mfaSerial && mfaCode ? { mfaSerial: session.mfaSerial, mfaCode } : {}),
      },
    );
    Object.assign(session, assumed, { issuedAt, account: accountOf(assumed.assumedRoleArn) || session.account });
    delete session.lastRefreshError;
    this.schedule(session);
    this.notify('refreshed', session);
    return session;
  }

  private notify(change: SessionChange, session: HeldSession, message?: string): void {
    this.deps.onChange?.(change, session, message);
  }

  private clearTimers(session: HeldSession): void {
    if (session.timer) clearTimeout(session.timer);
    for (const timer of session.watchTimers ?? []) clearTimeout(timer);
    delete session.timer;
    delete session.watchTimers;
  }

  /** Tells the viewer when the session enters its last ten minutes and when it runs out. */
  private watchExpiry(session: HeldSession): void {
    for (const timer of session.watchTimers ?? []) clearTimeout(timer);
    const now = this.deps.now().getTime();
    const expires = session.expiration.getTime();
    const at = (when: number, change: SessionChange): NodeJS.Timeout => {
      const timer = setTimeout(
        () => {
          if (this.sessions.get(session.id) === session && session.expiration.getTime() === expires)
            this.notify(change, session);
        },
        Math.max(0, when - now),
      );
      timer.unref();
      return timer;
    };
    session.watchTimers = [
      ...(expires - EXPIRING_SOON_MS > now ? [at(expires - EXPIRING_SOON_MS, 'expiring')] : []),
      at(expires, 'expired'),
    ];
  }

  private schedule(session: HeldSession): void {
    this.watchExpiry(session);
    if (session.timer) clearTimeout(session.timer);
    delete session.timer;
    if (!session.autoRefresh || !this.canRefreshAlone(session)) return;
    const now = this.deps.now().getTime();
    const expires = session.expiration.getTime();
    // Short (sandbox) sessions have less than the margin to live: refresh half-way instead.
    const at = Math.max(
      expires - REFRESH_MARGIN_MS,
      session.issuedAt.getTime() + (expires - session.issuedAt.getTime()) / 2,
    );
    session.timer = setTimeout(
      () => {
        this.refresh(session.id).catch((error: unknown) => {
          session.lastRefreshError = error instanceof Error ? error.message : String(error);
          this.notify('refresh_failed', session, session.lastRefreshError);
        });
      },
      Math.max(0, at - now),
    );
    // Never keep the process alive just to refresh a session.
    session.timer.unref();
  }
}

/** The renderer's view of a session: no secret access key, no session token. */
export function summarizeSession(session: HeldSession): SessionSummary {
  return {
    id: session.id,
    label: session.label,
    assumedRoleArn: session.assumedRoleArn,
    assumedRoleId: session.assumedRoleId,
    account: session.account,
    roleArn: session.roleArn,
    sessionName: session.sessionName,
    maskedAccessKeyId: maskAccessKeyId(session.accessKeyId),
    source: session.sourceDescription,
    issuedAt: session.issuedAt.toISOString(),
    expiresAt: session.expiration.toISOString(),
    autoRefresh: session.autoRefresh,
    refreshable: Boolean(session.source || session.renew),
    region: session.region,
    ...(session.endpoint ? { endpoint: session.endpoint } : {}),
    ...(session.mfaSerial ? { mfaSerial: session.mfaSerial } : {}),
    hasExternalId: Boolean(session.externalId),
    ...(session.lastRefreshError ? { lastRefreshError: session.lastRefreshError } : {}),
    ...(session.sso ? { sso: { ...session.sso, tokenExpiresAt: session.sso.tokenExpiresAt.toISOString() } } : {}),
    ...(session.chained ? { chained: true } : {}),
  };
}
