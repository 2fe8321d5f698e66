/**
 * The credentials domain's calls: AWS profiles, app-managed profiles, AssumeRole
 * sessions and the compact expiry indicator. No result here ever carries a secret
 * access key or session token: the renderer sees masked key ids, ARNs and expiry.
 */
import { z } from 'zod';
import { defineCall } from './define';
import { awsName, httpUrl, Region } from './aws-fields';
import { CredentialSourceSchema, LIMITS } from '../model';
import { MAX_DURATION_SECONDS, MIN_SANDBOX_DURATION_SECONDS, ROLE_ARN_PATTERN } from '../credential-basics';

export {
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  MIN_SANDBOX_DURATION_SECONDS,
  ROLE_ARN_PATTERN,
} from '../credential-basics';

const ProfileName = awsName('profile names');
const RoleArn = z
  .string()
  .max(2048)
  .regex(ROLE_ARN_PATTERN, 'role ARN must look like arn:aws:iam::123456789012:role/RoleName');
const SessionName = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[\w+=,.@-]+$/, 'session name: 2-64 characters of letters, digits and + = , . @ - _');
const ExternalId = z
  .string()
  .min(2)
  .max(1224)
  .regex(/^[\w+=,.@:/-]+$/, 'external ID: 2-1224 characters of letters, digits and + = , . @ : / - _');
const MfaSerial = z
  .string()
  .min(9)
  .max(256)
  .regex(/^[\w+=/:,.@-]+$/, 'MFA serial: an ARN such as arn:aws:iam::123456789012:mfa/name or a device serial');
const MfaCode = z.string().regex(/^\d{6}$/, 'MFA code must be 6 digits');
const EndpointUrl = httpUrl(LIMITS.url, 'endpoint must be an http:// or https:// URL');
const SessionId = z.string().min(1).max(LIMITS.name);

export type ProfileKind = 'static' | 'role' | 'process' | 'sso' | 'managed' | 'unknown';

/** One profile as the profile picker shows it. */
export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  /** Where it is defined: the AWS config file, the shared credentials file, both, or the app itself. */
  readonly origin: 'config' | 'credentials' | 'both' | 'managed';
  readonly region?: string;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  readonly mfaSerial?: string;
  readonly externalId?: string;
  readonly ssoStartUrl?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
  /** For static and managed profiles: e.g. `AKIA••••••••WXYZ`. */
  readonly maskedAccessKeyId?: string;
  /** For managed profiles: where the secret lives. */
  readonly storage?: 'encrypted' | 'memory' | 'plain-file';
  /** Why this profile cannot be used as it stands (e.g. a missing source profile). */
  readonly problem?: string;
}

export interface ProfileList {
  readonly profiles: readonly ProfileSummary[];
  /** Problems with the files (unreadable, malformed lines); the profiles that parsed are still listed. */
  readonly errors: readonly string[];
  /** AWS_PROFILE, or `default`. */
  readonly defaultProfile: string;
  readonly files: { readonly config: string; readonly credentials: string };
}

/** An assumed-role (or imported) session held in main. Never carries the secret or the token. */
export interface SessionSummary {
  readonly id: string;
  readonly label: string;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  readonly account: string;
  /** The role that was assumed; derived from the assumed-role ARN for an imported session. */
  readonly roleArn: string;
  readonly sessionName: string;
  readonly maskedAccessKeyId: string;
  /** Where the source credentials came from, e.g. `profile dev`, or `imported` for pasted JSON. */
  readonly source: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly autoRefresh: boolean;
  /** False for imported sessions: there is nothing to re-assume with. */
  readonly refreshable: boolean;
  readonly region: string;
  readonly endpoint?: string;
  readonly mfaSerial?: string;
  readonly hasExternalId: boolean;
  /** The last automatic refresh that failed, so the viewer can say why the countdown ran out. */
  readonly lastRefreshError?: string;
  /** Role credentials from IAM Identity Center: where they came from and when the sign-in itself ends. */
  readonly sso?: {
    readonly startUrl: string;
    readonly accountId: string;
    readonly roleName: string;
    readonly tokenExpiresAt: string;
  };
  /** Assumed from another role session (role chaining): AWS caps it at one hour. */
  readonly chained?: boolean;
}

/** AWS's cap on a session assumed from a role session (role chaining). */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** What the compact indicator next to Send shows for a credential source. */
export interface CredentialStatus {
  readonly state: 'fresh' | 'expiring' | 'expired' | 'static' | 'unknown';
  readonly expiresAt?: string;
  readonly label: string;
  readonly maskedAccessKeyId?: string;
}

/** What a call that yields a session answers with. */
export interface SessionReply {
  readonly session: SessionSummary;
}

export const AddManagedProfileSchema = z.object({
  name: ProfileName,
  accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'access key id: 16-128 upper-case letters and digits'),
  /** Write-only: arrives once, is stored through the secret store, and is never returned. */
  secretAccessKey: z.string().min(1).max(256),
  region: Region.optional(),
  /** Without OS encryption (browser host): also keep the secret in a 0600 plain file across restarts. */
  persist: z.boolean().default(false),
});
export type AddManagedProfileInput = z.input<typeof AddManagedProfileSchema>;

export const AssumeRoleSchema = z.object({
  source: CredentialSourceSchema,
  roleArn: RoleArn,
  sessionName: SessionName,
  externalId: ExternalId.optional(),
  /** 900-43200 against AWS; a loopback sandbox endpoint also accepts fewer (down to 1) so tests can see expiry. */
  durationSeconds: z.number().int().min(MIN_SANDBOX_DURATION_SECONDS).max(MAX_DURATION_SECONDS).default(3600),
  mfaSerial: MfaSerial.optional(),
  mfaCode: MfaCode.optional(),
  region: Region.default('us-east-1'),
  /** A custom STS endpoint; plain http only on a loopback address. */
  endpoint: EndpointUrl.optional(),
  autoRefresh: z.boolean().default(false),
  label: z.string().max(LIMITS.name).optional(),
});
export type AssumeRoleInput = z.input<typeof AssumeRoleSchema>;
export type AssumeRoleParams = z.output<typeof AssumeRoleSchema>;

export const ImportSessionSchema = z.object({
  /** The JSON printed by `aws sts assume-role`. */
  json: z
    .string()
    .min(2)
    .max(64 * 1024),
  label: z.string().max(LIMITS.name).optional(),
  region: Region.default('us-east-1'),
  endpoint: EndpointUrl.optional(),
});
export type ImportSessionInput = z.input<typeof ImportSessionSchema>;

export const credentialCalls = {
  listProfiles: defineCall<ProfileList>()(
    z.object({}).default({}),
    'Every profile in ~/.aws/config, ~/.aws/credentials and the app itself, re-read on each call; file problems are listed, not thrown.',
  ),
  addManagedProfile: defineCall<{ readonly profile: ProfileSummary; readonly warning?: string }>()(
    AddManagedProfileSchema,
    'Create or replace an app-managed profile (static keys). The secret is write-only.',
  ),
  removeManagedProfile: defineCall<{ readonly removed: boolean }>()(
    z.object({ name: ProfileName }),
    'Delete an app-managed profile and its stored secret.',
  ),
  assumeRole: defineCall<SessionReply>()(
    AssumeRoleSchema,
    'Call STS AssumeRole with the source credentials and hold the session in main.',
  ),
  importSession: defineCall<SessionReply>()(
    ImportSessionSchema,
    'Hold a session pasted as `aws sts assume-role` JSON output.',
  ),
  listSessions: defineCall<{ readonly sessions: readonly SessionSummary[] }>()(
    z.object({}).default({}),
    'Sessions held in main, without secrets.',
  ),
  refreshSession: defineCall<SessionReply>()(
    z.object({ id: SessionId, mfaCode: MfaCode.optional() }),
    'Re-assume a session with its original parameters (a role with MFA needs a new code).',
  ),
  setSessionAutoRefresh: defineCall<SessionReply>()(
    z.object({ id: SessionId, autoRefresh: z.boolean() }),
    'Turn automatic re-assume about five minutes before expiry on or off.',
  ),
  removeSession: defineCall<{ readonly removed: boolean; readonly undoId?: string }>()(
    z.object({ id: SessionId }),
    'Forget a session; `undoId` (with undoDelete) holds it again for a while.',
  ),
  whoAmI: defineCall<{ readonly identity: CallerIdentity }>()(
    z.object({ source: CredentialSourceSchema }),
    'STS GetCallerIdentity with the given credential source.',
  ),
  credentialStatus: defineCall<CredentialStatus>()(
    z.object({ source: CredentialSourceSchema }),
    'Expiry state of a credential source for the indicator next to Send; never calls AWS.',
  ),
};
