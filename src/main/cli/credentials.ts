/**
 * Credentials for `signet` subcommands: the source credentials the AWS CLI would use
 * (`--profile`, else the environment's keys, else AWS_PROFILE or `default`; see
 * credentials/source-credentials), then, with `--role-arn`, one AssumeRole. This file
 * owns the flags and their messages; the credentials domain knows nothing of them.
 */
import type { ResolvedCredentials } from '../core/ports';
import { cliSourceCredentials, type CliCredentialOptions } from './source';
import type { CliIo } from './command';

export type { CliCredentialOptions } from './source';

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
  // AssumeRole needs the STS client: loaded only when a role is asked for.
  const { cliAssumeRole } = await import('./assume');
  const assumed = await cliAssumeRole(io, { ...options, roleArn: options.roleArn });
  return {
    accessKeyId: assumed.accessKeyId,
    secretAccessKey: assumed.secretAccessKey,
    sessionToken: assumed.sessionToken,
    expiration: assumed.expiration,
    sourceLabel: `role ${assumed.assumedRoleArn}`,
  };
}
