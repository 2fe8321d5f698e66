/**
 * The credential service: the one place main turns a CredentialSource into keys to sign
 * with. It owns the profile cache (one AssumeRole per session lifetime, not per request),
 * app-managed profiles and assumed-role sessions.
 */
import type { CredentialSource } from '../../shared/model';
import type {
  AddManagedProfileSchema,
  AssumeRoleParams,
  CallerIdentity,
  CredentialStatus,
  ProfileList,
  ProfileSummary,
  SessionSummary,
} from '../../shared/api/credentials';
import type { z } from 'zod';
import type { EmitEvent } from '../core/events';
import { CredentialError, type CredentialResolver, type ResolveOptions, type ResolvedCredentials } from '../core/ports';
import { isSecretRef, maskAccessKeyId, type SecretStore } from '../core/secrets';
import {
  configuredStsEndpoint,
  defaultProfileName,
  loadAwsFiles,
  profileKind,
  summarizeProfile,
  type AwsFiles,
} from './aws-files';
import { roleArnFromAssumedRoleArn } from './arns';
import { ManagedProfiles } from './managed-profiles';
import { profileRegion, resolveFileProfile } from './profile-credentials';
import { isLiteral, resolveKeys } from './typed-keys';
import { REFRESH_MARGIN_MS, SessionManager, summarizeSession } from './sessions';
import { assumeRoleWith, callerIdentityOf, isLoopbackUrl, type StsTarget } from './sts';
import { SsoService } from './sso/service';
import { profileSsoRole, type SsoTarget } from './sso/targets';

export interface CredentialServiceDeps {
  readonly secrets: SecretStore;
  readonly dataDir: string;
  /** Whether the SecretStore encrypts at rest (Electron safeStorage available). */
  readonly encryptedAtRest: boolean;
  /** Write managed profiles under dataDir (default true); false keeps them in memory. */
  readonly persistManaged?: boolean;
  readonly now?: () => Date;
  /** STS endpoint to use for a region when nothing more specific is configured (the sandbox). */
  readonly stsEndpointFor?: (region: string) => string | undefined;
  /** Environment for AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, AWS_REGION ... */
  readonly env?: NodeJS.ProcessEnv;
  /** Tells the renderer of session and cached-credential changes. */
  readonly emit?: EmitEvent;
}

export type ManagedProfileInput = z.output<typeof AddManagedProfileSchema>;

export interface CredentialService extends CredentialResolver {
  /** Loads persisted managed profiles; returns problems to show. */
  load(): Promise<string[]>;
  listProfiles(): Promise<ProfileList>;
  addManagedProfile(input: ManagedProfileInput): Promise<{ profile: ProfileSummary; warning?: string }>;
  removeManagedProfile(name: string): Promise<boolean>;
  assumeRole(params: AssumeRoleParams): Promise<SessionSummary>;
  importSession(input: { json: string; label?: string; region: string; endpoint?: string }): SessionSummary;
  listSessions(): SessionSummary[];
  refreshSession(id: string, mfaCode?: string): Promise<SessionSummary>;
  setSessionAutoRefresh(id: string, autoRefresh: boolean): SessionSummary;
  removeSession(id: string): boolean;
  /** Removes a session; the answer holds it again (undo). Undefined when there was none. */
  detachSession(id: string): (() => void) | undefined;
  whoAmI(source: CredentialSource, target?: { region?: string; endpoint?: string }): Promise<CallerIdentity>;
  credentialStatus(source: CredentialSource): Promise<CredentialStatus>;
  /** IAM Identity Center sign-ins (the token cache shared with the AWS CLI). */
  readonly sso: SsoService;
  /** Role credentials from the SSO portal, held as a session that renews through the sign-in. */
  useSsoRole(target: SsoTarget, input: SsoRoleInput): Promise<SessionSummary>;
  /** Stops refresh timers. */
  dispose(): void;
}

export interface SsoRoleInput {
  readonly accountId: string;
  readonly roleName: string;
  readonly label?: string;
  readonly autoRefresh: boolean;
  /** STS endpoint for the session's identity and for roles assumed from it (the sandbox's). */
  readonly stsEndpoint?: string;
}

interface CacheEntry {
  readonly fingerprint: string;
  readonly promise: Promise<ResolvedCredentials>;
  value?: ResolvedCredentials;
}

/** Creates the service; see CredentialServiceDeps for what each dependency is for. */
export function createCredentialService(deps: CredentialServiceDeps): CredentialService {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const managed = new ManagedProfiles({
    secrets: deps.secrets,
    dataDir: deps.dataDir,
    encryptedAtRest: deps.encryptedAtRest,
    persist: deps.persistManaged ?? true,
  });
  const cache = new Map<string, CacheEntry>();
  let lastFiles: AwsFiles | undefined;

  const loadFiles = async (): Promise<AwsFiles> => (lastFiles = await loadAwsFiles(env));
  const sso = new SsoService({ env, now, loadFiles, ...(deps.emit ? { emit: deps.emit } : {}) });

  /** An SSO profile's role credentials, through Signet's own sign-in (endpoints from the config, not only AWS's). */
  const ssoProfileCredentials = async (name: string, files: AwsFiles): Promise<ResolvedCredentials> => {
    const { target, accountId, roleName } = profileSsoRole(name, files, env);
    if (!accountId || !roleName) {
      throw new CredentialError(
        `Profile "${name}" signs in to IAM Identity Center but names no sso_account_id and sso_role_name to get credentials for`,
        'credentials',
      );
    }
    const creds = await sso.roleCredentials(target, accountId, roleName);
    return {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
      expiration: creds.expiration,
      sourceLabel: `profile ${name}`,
    };
  };

  /** Secret references only: {{variables}} need a request's environment, which an assume-role source lacks. */
  const plainResolveText = (text: string): string => {
    if (isSecretRef(text)) {
      const value = deps.secrets.reveal(text);
      if (value === undefined)
        throw new CredentialError('A stored secret is no longer available; enter it again', 'credentials');
      return value;
    }
    if (text.includes('{{'))
      throw new CredentialError(
        '{{variables}} cannot be used here; enter the value or store it as a secret',
        'credentials',
      );
    return text;
  };

  const describeSource = (source: CredentialSource): string => {
    if (source.kind === 'profile') return `profile ${source.profile}`;
    if (source.kind === 'session') return `session ${sessions.get(source.sessionId)?.label ?? source.sessionId}`;
    return isLiteral(source.accessKeyId) ? `keys ${maskAccessKeyId(source.accessKeyId)}` : 'typed keys';
  };

  const resolve = async (source: CredentialSource, options: ResolveOptions): Promise<ResolvedCredentials> => {
    if (source.kind === 'keys') return resolveKeys(source, options.resolveText);
    if (source.kind === 'session') return resolveSession(source.sessionId, options);
    const fromManaged = managed.credentials(source.profile);
    if (fromManaged) return fromManaged;
    return resolveProfile(source.profile, options);
  };

  /**
   * A role profile whose source_profile is an SSO profile: the SDK would read the SSO cache
   * itself and ask AWS's portal only, so Signet resolves the source and assumes the role.
   */
  const ssoSourcedRole = (
    name: string,
    files: AwsFiles,
    mfaCode: string | undefined,
  ): Promise<ResolvedCredentials> | undefined => {
    const data = files.profiles[name];
    const sourceName = data?.source_profile;
    const source = sourceName ? files.profiles[sourceName] : undefined;
    if (!data?.role_arn || !sourceName || !source || profileKind(source) !== 'sso') return undefined;
    const roleArn = data.role_arn;
    return (async () => {
      if (data.mfa_serial && !mfaCode) {
        throw new CredentialError(
          `Profile "${name}" needs a code from MFA device ${data.mfa_serial}`,
          'mfa_required',
          data.mfa_serial,
        );
      }
      const keys = await ssoProfileCredentials(sourceName, files);
      const region = profileRegion(name, files, env);
      const endpoint = configuredStsEndpoint(name, files, env) ?? deps.stsEndpointFor?.(region);
      const duration = Number(data.duration_seconds);
      const assumed = await assumeRoleWith(
        keys,
        { region, ...(endpoint ? { endpoint } : {}) },
        {
          roleArn,
          sessionName: data.role_session_name ?? `signet-${Date.now()}`,
          ...(data.external_id ? { externalId: data.external_id } : {}),
          ...(Number.isInteger(duration) && duration > 0 ? { durationSeconds: duration } : {}),
          ...(data.mfa_serial && mfaCode ? { mfaSerial: data.mfa_serial, mfaCode } : {}),
        },
      );
      return { ...assumed, sourceLabel: `profile ${name}` };
    })();
  };

  const resolveProfile = async (name: string, options: ResolveOptions): Promise<ResolvedCredentials> => {
    const files = await loadFiles();
    const cached = cache.get(name);
    if (cached && !options.forceRefresh && cached.fingerprint === files.fingerprint) {
      if (!cached.value) return cached.promise;
      if (cached.value.expiration && cached.value.expiration.getTime() - now().getTime() > REFRESH_MARGIN_MS)
        return cached.value;
    }
    const entry: CacheEntry = {
      fingerprint: files.fingerprint,
      promise:
        files.profiles[name] && profileKind(files.profiles[name]) === 'sso'
          ? ssoProfileCredentials(name, files)
          : (ssoSourcedRole(name, files, options.mfaCode) ??
            resolveFileProfile(name, files, {
              env,
              ...(options.mfaCode ? { mfaCode: options.mfaCode } : {}),
              ...(deps.stsEndpointFor ? { stsEndpointFor: deps.stsEndpointFor } : {}),
            })),
    };
    cache.set(name, entry);
    try {
      const value = await entry.promise;
      // Keys without an expiry come straight from the files, which are re-read every time anyway.
      if (value.expiration) {
        entry.value = value;
        deps.emit?.('credentialsChanged', { profile: name, expiresAt: value.expiration.toISOString() });
      } else if (cache.get(name) === entry) cache.delete(name);
      return value;
    } catch (error) {
      if (cache.get(name) === entry) cache.delete(name);
      throw error;
    }
  };

  const resolveSession = async (id: string, options: ResolveOptions): Promise<ResolvedCredentials> => {
    let session = sessions.require(id);
    const left = session.expiration.getTime() - now().getTime();
    const wantsRefresh = options.forceRefresh || (session.autoRefresh && left <= REFRESH_MARGIN_MS);
    if (wantsRefresh && (sessions.canRefreshAlone(session) || options.mfaCode)) {
      session = await sessions.refresh(id, options.mfaCode);
    } else if (left <= 0) {
      throw new CredentialError(
        `Session "${session.label}" expired ${ago(now().getTime() - session.expiration.getTime())} (at ${session.expiration.toISOString().slice(11, 19)} UTC); refresh it${session.source ? '' : ' (paste new credentials)'}`,
        'credentials',
      );
    }
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: session.expiration,
      sourceLabel: `session ${session.label}`,
    };
  };

  const sessions = new SessionManager({
    resolveSource: (source) => resolve(source, { resolveText: plainResolveText }),
    describeSource,
    now,
    ...(deps.stsEndpointFor ? { stsEndpointFor: deps.stsEndpointFor } : {}),
    onChange: (change, session, message) =>
      deps.emit?.('sessionChanged', {
        change,
        sessionId: session.id,
        label: session.label,
        expiresAt: session.expiration.toISOString(),
        ...(message ? { message: message.slice(0, 4096) } : {}),
      }),
  });

  const stsTargetFor = async (
    source: CredentialSource,
    target: { region?: string; endpoint?: string },
  ): Promise<StsTarget> => {
    if (source.kind === 'session') {
      const session = sessions.require(source.sessionId);
      return { region: target.region ?? session.region, endpoint: target.endpoint ?? sessions.endpointOf(session) };
    }
    let region = target.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
    let endpoint = target.endpoint;
    if (source.kind === 'profile' && !managed.has(source.profile)) {
      const files = lastFiles ?? (await loadFiles());
      region = target.region ?? profileRegion(source.profile, files, env);
      endpoint ??= configuredStsEndpoint(source.profile, files, env);
    }
    endpoint ??= deps.stsEndpointFor?.(region);
    return { region, ...(endpoint ? { endpoint } : {}) };
  };

  return {
    resolve,
    canAutoRefresh(source) {
      if (source.kind === 'session') {
        const session = sessions.get(source.sessionId);
        return Boolean(session?.autoRefresh && sessions.canRefreshAlone(session));
      }
      if (source.kind !== 'profile' || managed.has(source.profile)) return false;
      const data = lastFiles?.profiles[source.profile];
      return Boolean(data && !data.mfa_serial && ['role', 'process', 'sso'].includes(profileKind(data)));
    },
    load: () => managed.load(),
    async listProfiles() {
      const files = await loadFiles();
      const fromFiles = Object.keys(files.profiles)
        .filter((name) => !managed.has(name))
        .sort()
        .map((name) => summarizeProfile(name, files));
      return {
        profiles: [...fromFiles, ...managed.list()],
        errors: files.errors,
        defaultProfile: defaultProfileName(env),
        files: files.paths,
      };
    },
    async addManagedProfile(input) {
      const files = await loadFiles();
      if (files.profiles[input.name]) {
        throw new CredentialError(
          `A profile named "${input.name}" already exists in your AWS files; choose another name`,
          'credentials',
        );
      }
      cache.delete(input.name);
      return managed.add(input);
    },
    removeManagedProfile: (name) => managed.remove(name),
    assumeRole: async (params) => summarizeSession(await sessions.assume(params)),
    importSession: (input) => summarizeSession(sessions.import(input.json, input)),
    listSessions: () => sessions.list(),
    refreshSession: async (id, mfaCode) => summarizeSession(await sessions.refresh(id, mfaCode)),
    setSessionAutoRefresh: (id, on) => summarizeSession(sessions.setAutoRefresh(id, on)),
    removeSession: (id) => sessions.remove(id),
    detachSession: (id) => sessions.detach(id),
    async whoAmI(source, target = {}) {
      const keys = await resolve(source, { resolveText: plainResolveText });
      return callerIdentityOf(keys, await stsTargetFor(source, target));
    },
    async credentialStatus(source) {
      const stateAt = (expiration: Date): CredentialStatus['state'] => {
        const left = expiration.getTime() - now().getTime();
        return left <= 0 ? 'expired' : left <= REFRESH_MARGIN_MS ? 'expiring' : 'fresh';
      };
      if (source.kind === 'keys') {
        const masked =
          isLiteral(source.accessKeyId) && source.accessKeyId
            ? { maskedAccessKeyId: maskAccessKeyId(source.accessKeyId) }
            : {};
        return { state: source.sessionToken ? 'unknown' : 'static', label: describeSource(source), ...masked };
      }
      if (source.kind === 'session') {
        const session = sessions.get(source.sessionId);
        if (!session) return { state: 'unknown', label: 'session not found' };
        return {
          state: stateAt(session.expiration),
          expiresAt: session.expiration.toISOString(),
          label: session.label,
          maskedAccessKeyId: maskAccessKeyId(session.accessKeyId),
        };
      }
      const label = `profile ${source.profile}`;
      const summary = managed.list().find((p) => p.name === source.profile) ?? (await profileSummary(source.profile));
      if (!summary) return { state: 'unknown', label: `${label} (not found)` };
      const cached = cache.get(source.profile)?.value;
      if (cached?.expiration) {
        return {
          state: stateAt(cached.expiration),
          expiresAt: cached.expiration.toISOString(),
          label,
          maskedAccessKeyId: maskAccessKeyId(cached.accessKeyId),
        };
      }
      const isStatic = summary.kind === 'static' || summary.kind === 'managed';
      return {
        state: isStatic ? 'static' : 'unknown',
        label,
        ...(summary.maskedAccessKeyId ? { maskedAccessKeyId: summary.maskedAccessKeyId } : {}),
      };
    },
    sso,
    async useSsoRole(target, input) {
      const first = await sso.roleCredentials(target, input.accountId, input.roleName);
      const endpoint = input.stsEndpoint ?? deps.stsEndpointFor?.(target.region);
      // The portal does not say which role ARN it issued for; STS does (no permission needed).
      // A local IAM Identity Center without a local STS named has no STS to ask (AWS's is not it).
      const askSts = endpoint !== undefined || !isLoopbackUrl(target.portalEndpoint ?? 'https://aws');
      const identity = askSts
        ? await callerIdentityOf(first, { region: target.region, ...(endpoint ? { endpoint } : {}) }).catch(
            () => undefined,
          )
        : undefined;
      const held = sessions.hold({
        label: input.label || `${input.roleName} @ ${input.accountId} (SSO)`,
        credentials: first,
        assumedRoleArn: identity?.arn ?? '',
        account: input.accountId,
        roleArn: identity ? roleArnFromAssumedRoleArn(identity.arn) : '',
        sessionName: identity?.arn.split('/').pop() ?? '',
        sourceDescription: `IAM Identity Center ${target.startUrl}`,
        region: target.region,
        ...(endpoint ? { endpoint } : {}),
        autoRefresh: input.autoRefresh,
        renew: async () => {
          const next = await sso.roleCredentials(target, input.accountId, input.roleName);
          return { ...next, ssoTokenExpiresAt: next.tokenExpiresAt };
        },
        sso: {
          startUrl: target.startUrl,
          accountId: input.accountId,
          roleName: input.roleName,
          tokenExpiresAt: first.tokenExpiresAt,
        },
      });
      return summarizeSession(held);
    },
    dispose: () => sessions.dispose(),
  };

  async function profileSummary(name: string): Promise<ProfileSummary | undefined> {
    const files = await loadFiles();
    return files.profiles[name] ? summarizeProfile(name, files) : undefined;
  }
}

/** "3 minutes ago" for a time already past, in the largest whole unit. */
export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const units: ReadonlyArray<readonly [string, number]> = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return seconds <= 1 ? 'just now' : `${seconds} seconds ago`;
}
