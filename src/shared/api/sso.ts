/**
 * Signing in with IAM Identity Center (SSO): the device flow, accounts and roles, and role
 * credentials held as a session in main. No result carries a token or a secret key: the
 * renderer sees the user code and verification link (meant to be shown), account ids,
 * role names and expiry times.
 */
import { z } from 'zod';
import { defineCall } from './define';
import { awsName, httpUrl, Region } from './aws-fields';
import type { SessionReply } from './credentials';
import { LIMITS } from '../model';

const Name = awsName('names');
const HttpUrl = httpUrl(2048, 'must be an http:// or https:// URL');

/** Where to sign in: an SSO profile or sso-session of ~/.aws/config, or a start URL and region. */
export const SsoTargetSchema = z
  .object({
    profile: Name.optional(),
    ssoSession: Name.optional(),
    startUrl: HttpUrl.optional(),
    region: Region.optional(),
    /** Overrides for a local IAM Identity Center (the sandbox); plain http only on loopback. */
    oidcEndpoint: HttpUrl.optional(),
    portalEndpoint: HttpUrl.optional(),
  })
  .refine((t) => Boolean(t.profile || t.ssoSession || (t.startUrl && t.region)), {
    message: 'name a profile or sso-session, or give startUrl and region',
  });
export type SsoTargetInput = z.input<typeof SsoTargetSchema>;

const AccountId = z.string().regex(/^\d{12}$/, 'account id: 12 digits');
const RoleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w+=,.@-]+$/, 'role name: letters, digits and + = , . @ - _');
const LoginId = z.string().min(1).max(64);

/** A sign-in place from the config file. */
export interface SsoConfiguration {
  readonly kind: 'sso-session' | 'profile';
  readonly name: string;
  readonly startUrl: string;
  readonly region: string;
  readonly signedIn: boolean;
  readonly tokenExpiresAt?: string;
}

/** What the user must do to approve a sign-in. */
export interface SsoPrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  /** The link with the code in it; opening it is all the user needs to do. */
  readonly verificationUriComplete: string;
  readonly expiresAt: string;
  readonly intervalSeconds: number;
}

export interface SsoLoginStart {
  readonly loginId: string;
  /** Absent when a cached (or refreshed) token made the sign-in unnecessary. */
  readonly prompt?: SsoPrompt;
  /** Set when already signed in. */
  readonly tokenExpiresAt?: string;
}

export interface SsoAccountSummary {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly roles: readonly string[];
}

export const ssoCalls = {
  ssoConfigurations: defineCall<{ readonly configurations: readonly SsoConfiguration[] }>()(
    z.object({}).default({}),
    'The sso-session sections and legacy SSO profiles of ~/.aws/config, each with whether a cached sign-in is usable.',
  ),
  ssoStartLogin: defineCall<SsoLoginStart>()(
    z.object({ target: SsoTargetSchema, force: z.boolean().default(false) }),
    'Start the device flow (or reuse a cached sign-in); progress comes as ssoLoginChanged events.',
  ),
  ssoCancelLogin: defineCall<{ readonly cancelled: boolean }>()(
    z.object({ loginId: LoginId }),
    'Stop waiting for a pending sign-in.',
  ),
  ssoOpenVerification: defineCall<{ readonly opened: boolean }>()(
    z.object({ loginId: LoginId }),
    "Open a pending sign-in's verification link in the system browser (Electron; https, or http on loopback only).",
  ),
  ssoListAccounts: defineCall<{ readonly accounts: readonly SsoAccountSummary[]; readonly tokenExpiresAt: string }>()(
    z.object({ target: SsoTargetSchema }),
    'Accounts and roles (permission sets) the sign-in may use.',
  ),
  ssoUseRole: defineCall<SessionReply>()(
    z.object({
      target: SsoTargetSchema,
      accountId: AccountId,
      roleName: RoleName,
      label: z.string().max(LIMITS.name).optional(),
      autoRefresh: z.boolean().default(true),
      /** STS endpoint for the session's identity and roles assumed from it (a local sandbox's). */
      stsEndpoint: HttpUrl.optional(),
    }),
    "Get the role's credentials from the SSO portal and hold them as a session (renewed through the sign-in).",
  ),
  ssoLogout: defineCall<{ readonly signedOut: boolean }>()(
    z.object({ target: SsoTargetSchema }),
    'Sign out at the portal and remove the cached token (shared with the AWS CLI).',
  ),
};
