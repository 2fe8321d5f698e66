/** `--role-arn` for the CLI: checks the options, then assumes the role from the source credentials. */
import {
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  MIN_SANDBOX_DURATION_SECONDS,
  ROLE_ARN_PATTERN,
} from '../../shared/api/credentials';
import { assumeRoleWith, isLoopbackUrl, type AssumedRole, type StsTarget } from '../credentials/sts';
import { UsageError, type CliIo } from './command';
import { cliSourceCredentials, type CliCredentialOptions } from './source';

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
