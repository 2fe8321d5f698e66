/** The source credentials of a CLI run: --profile, else the environment's keys, else the default profile. */
import { CredentialError } from '../core/ports';
import { sourceCredentials, type SourceCredentials } from '../credentials/source-credentials';
import type { CliIo } from './command';

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

/** The credential flags `signet send`, `sign` and `run` share, as node:util parseArgs options. */
export const CREDENTIAL_FLAGS = {
  profile: { type: 'string' },
  'role-arn': { type: 'string' },
  'role-session-name': { type: 'string' },
  'external-id': { type: 'string' },
  'duration-seconds': { type: 'string' },
  'serial-number': { type: 'string' },
  'token-code': { type: 'string' },
  'endpoint-url': { type: 'string' },
} as const;

type CredentialFlagValues = { readonly [K in keyof typeof CREDENTIAL_FLAGS]?: string | undefined };

/**
 * The credential options those flags give; --duration-seconds is parsed by the caller, whose
 * messages and bounds it keeps.
 */
export function credentialOptionsFrom(values: CredentialFlagValues, durationSeconds?: number): CliCredentialOptions {
  return {
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values['role-arn'] ? { roleArn: values['role-arn'] } : {}),
    ...(values['role-session-name'] ? { roleSessionName: values['role-session-name'] } : {}),
    ...(values['external-id'] ? { externalId: values['external-id'] } : {}),
    ...(durationSeconds ? { durationSeconds } : {}),
    ...(values['serial-number'] ? { mfaSerial: values['serial-number'] } : {}),
    ...(values['token-code'] ? { mfaCode: values['token-code'] } : {}),
    ...(values['endpoint-url'] ? { stsEndpoint: values['endpoint-url'] } : {}),
  };
}

/** The source credentials before any --role-arn, and where STS calls should go. */
export async function cliSourceCredentials(io: CliIo, options: CliCredentialOptions): Promise<SourceCredentials> {
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
