/**
 * Credentials for `signet` subcommands: the source credentials the AWS CLI would use
 * (`--profile`, else the environment's keys, else AWS_PROFILE or `default`; see
 * credentials/source-credentials), then, with `--role-arn`, one AssumeRole. This file
 * owns the flags and their messages; the credentials domain knows nothing of them.
 */
import {
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  MIN_SANDBOX_DURATION_SECONDS,
  ROLE_ARN_PATTERN,
} from '../../shared/api/credentials';
import { CredentialError, type ResolvedCredentials } from '../core/ports';
import { sourceCredentials, type SourceCredentials } from '../credentials/source-credentials';
import { assumeRoleWith, isLoopbackUrl, type AssumedRole, type StsTarget } from '../credentials/sts';
import { UsageError, type CliIo } from './command';

export interface CliCredentialOptions {
  readonly profile?: string;
  /** Assume this role with the source credentials and return the session's credentials. */
  readonly roleArn?: string;
  /** Defaults to `signet-<timestamp>`. */
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
  /** Region for STS (and the default for signing): --region, AWS_REGION, the profile's region, us-east-1. */
  readonly region?: string;
  /** STS endpoint (--endpoint-url of assume-role, or a sandbox's STS URL). */
  readonly stsEndpoint?: string;
}

/** The source credentials before any --role-arn, and where STS calls should go. */
async function cliSourceCredentials(io: CliIo, options: CliCredentialOptions): Promise<SourceCredentials> {
  try {
    const { profile, region, stsEndpoint, roleArn, mfaCode } = options;
    const found = await sourceCredentials(io.env, {
      profile,
      region,
      stsEndpoint,
      // With --role-arn the code is for the AssumeRole call, not for the source profile.
      mfaCode: roleArn ? undefined : mfaCode,
    });
    if (found) return found;
  } catch (error) {
    if (error instanceof CredentialError && error.code === 'mfa_required') {
      throw new CredentialError(`${error.message}; pass --token-code`, 'mfa_required', error.mfaSerial);
    }
    throw error;
  }
  throw new CredentialError(
    'No credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or pass --profile',
    'credentials',
  );
}

/** Checks --role-arn, --duration-seconds and the MFA pair before anything is sent. */
function checkAssumeOptions(options: CliCredentialOptions, target: StsTarget): void {
  if (options.roleArn && !ROLE_ARN_PATTERN.test(options.roleArn)) {
    throw new UsageError(
      `--role-arn must look like arn:aws:iam::123456789012:role/RoleName (got ${options.roleArn.slice(0, 200)})`,
    );
  }
  if (options.roleSessionName !== undefined && !/^[\w+=,.@-]{2,64}$/.test(options.roleSessionName)) {
    throw new UsageError('--role-session-name: 2-64 characters of letters, digits and + = , . @ - _');
  }
  if (options.durationSeconds !== undefined) {
    const loopback = target.endpoint !== undefined && isLoopbackUrl(target.endpoint);
    const min = loopback ? MIN_SANDBOX_DURATION_SECONDS : MIN_DURATION_SECONDS;
    if (
      !Number.isInteger(options.durationSeconds) ||
      options.durationSeconds < min ||
      options.durationSeconds > MAX_DURATION_SECONDS
    ) {
      throw new UsageError(`--duration-seconds must be an integer from ${min} to ${MAX_DURATION_SECONDS}`);
    }
  }
  if (Boolean(options.mfaSerial) !== Boolean(options.mfaCode) && options.roleArn) {
    throw new UsageError('--serial-number and --token-code go together');
  }
  if (options.mfaCode && !/^\d{6}$/.test(options.mfaCode)) throw new UsageError('--token-code must be 6 digits');
}

/** Source credentials plus one AssumeRole, with the full STS answer (for `signet assume-role`). */
export async function cliAssumeRole(
  io: CliIo,
  options: CliCredentialOptions & { roleArn: string },
): Promise<AssumedRole> {
  const { credentials, target } = await cliSourceCredentials(io, options);
  checkAssumeOptions(options, target);
  return assumeRoleWith(credentials, target, {
    roleArn: options.roleArn,
    sessionName: options.roleSessionName ?? `signet-${Date.now()}`,
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.durationSeconds ? { durationSeconds: options.durationSeconds } : {}),
    ...(options.mfaSerial && options.mfaCode ? { mfaSerial: options.mfaSerial, mfaCode: options.mfaCode } : {}),
  });
}

/**
 * Credentials to sign with in `signet sign` / `signet send`: the source credentials, or,
 * with `roleArn`, the assumed role's (assume and sign in one step). Throws CredentialError
 * (print its message, exit non-zero) or UsageError.
 */
export async function resolveCliCredentials(
  io: CliIo,
  options: CliCredentialOptions = {},
): Promise<ResolvedCredentials> {
  if (!options.roleArn) return (await cliSourceCredentials(io, options)).credentials;
  const assumed = await cliAssumeRole(io, { ...options, roleArn: options.roleArn });
  return {
    accessKeyId: assumed.accessKeyId,
    secretAccessKey: assumed.secretAccessKey,
    sessionToken: assumed.sessionToken,
    expiration: assumed.expiration,
    sourceLabel: `role ${assumed.assumedRoleArn}`,
  };
}
