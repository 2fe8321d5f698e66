/**
 * Credentials for `signet` subcommands, found the way the AWS CLI finds them:
 * `--profile`, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN], else
 * AWS_PROFILE or the `default` profile; then, with `--role-arn`, one AssumeRole.
 */
import { tmpdir } from 'node:os';
import {
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  MIN_SANDBOX_DURATION_SECONDS,
  ROLE_ARN_PATTERN,
} from '../../shared/api/credentials';
import type { CliIo } from '../cli/command';
import { UsageError } from '../cli/command';
import { CredentialError, type ResolvedCredentials } from '../core/ports';
import { SecretStore } from '../core/secrets';
import { configuredStsEndpoint, defaultProfileName, loadAwsFiles } from './aws-files';
import { profileRegion } from './profile-credentials';
import { createCredentialService } from './service';
import { assumeRoleWith, isLoopbackUrl, type AssumedRole, type StsTarget } from './sts';

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
export async function cliSourceCredentials(
  io: CliIo,
  options: CliCredentialOptions,
): Promise<{ credentials: ResolvedCredentials; target: StsTarget }> {
  const env = io.env;
  const fromEnv = !options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  const profile = options.profile ?? defaultProfileName(env);
  let region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  let endpoint = options.stsEndpoint;
  if (fromEnv) {
    endpoint ??= env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
    const credentials: ResolvedCredentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      sourceLabel: 'environment variables',
    };
    return { credentials, target: { region: region ?? 'us-east-1', ...(endpoint ? { endpoint } : {}) } };
  }
  const files = await loadAwsFiles(env);
  if (!files.profiles[profile] && !options.profile) {
    throw new CredentialError(
      'No credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or pass --profile',
      'credentials',
    );
  }
  region ??= profileRegion(profile, files, env);
  endpoint ??= configuredStsEndpoint(profile, files, env);
  const service = createCredentialService({
    secrets: new SecretStore(),
    // Nothing is written: managed profiles belong to the app, not to one CLI run.
    dataDir: tmpdir(),
    encryptedAtRest: false,
    persistManaged: false,
    env,
    ...(options.stsEndpoint ? { stsEndpointFor: () => options.stsEndpoint } : {}),
  });
  try {
    const credentials = await service.resolve(
      { kind: 'profile', profile },
      { resolveText: (text) => text, ...(options.mfaCode && !options.roleArn ? { mfaCode: options.mfaCode } : {}) },
    );
    return { credentials, target: { region, ...(endpoint ? { endpoint } : {}) } };
  } catch (error) {
    if (error instanceof CredentialError && error.code === 'mfa_required') {
      throw new CredentialError(`${error.message}; pass --token-code`, 'mfa_required', error.mfaSerial);
    }
    throw error;
  } finally {
    service.dispose();
  }
}

/** Checks --role-arn, --duration-seconds and the MFA pair before anything is sent. */
export function checkAssumeOptions(options: CliCredentialOptions, target: StsTarget): void {
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
