/**
 * Resolving an AWS-file profile with the SDK's own fromIni provider (role chains,
 * source_profile, external_id, credential_process, SSO), with STS calls routed through
 * our client so that endpoints, retries and error messages are ours.
 */
import { fromIni } from '@aws-sdk/credential-providers';
import { CredentialError, type ResolvedCredentials } from '../core/ports';
import { configuredStsEndpoint, profileProblem, type AwsFiles } from './aws-files';
import { assumeRoleWith, type StsTarget } from './sts';

export interface ProfileResolveOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly mfaCode?: string;
  /** Overrides the STS endpoint for a region (the sandbox); a profile's own endpoint_url wins. */
  readonly stsEndpointFor?: (region: string) => string | undefined;
}

/** Region for a profile's STS calls: the profile's, then its source's, then the environment's. */
export function profileRegion(name: string, files: AwsFiles, env: NodeJS.ProcessEnv): string {
  let current: string | undefined = name;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const data: Readonly<Record<string, string | undefined>> | undefined = files.profiles[current];
    if (data?.region) return data.region;
    current = data?.source_profile;
  }
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

/** Resolves a profile from the AWS files; throws CredentialError with a clear message. */
export async function resolveFileProfile(
  name: string,
  files: AwsFiles,
  options: ProfileResolveOptions,
): Promise<ResolvedCredentials> {
  const problem = profileProblem(name, files);
  if (problem) {
    throw new CredentialError(`${problem} in ${files.paths.config} or ${files.paths.credentials}`, 'credentials');
  }
  const region = profileRegion(name, files, options.env);
  const target: StsTarget = {
    region,
    endpoint: configuredStsEndpoint(name, files, options.env) ?? options.stsEndpointFor?.(region),
  };
  const provider = fromIni({
    profile: name,
    filepath: files.paths.credentials,
    configFilepath: files.paths.config,
    ignoreCache: true,
    mfaCodeProvider: async (serial) => {
      if (!options.mfaCode) {
        throw new CredentialError(`Profile "${name}" needs a code from MFA device ${serial}`, 'mfa_required', serial);
      }
      return options.mfaCode;
    },
    roleAssumer: async (source, params) => {
      const assumed = await assumeRoleWith(source, target, {
        roleArn: params.RoleArn,
        sessionName: params.RoleSessionName ?? `signet-${Date.now()}`,
        ...(params.ExternalId ? { externalId: params.ExternalId } : {}),
        ...(params.DurationSeconds ? { durationSeconds: params.DurationSeconds } : {}),
        ...(params.SerialNumber ? { mfaSerial: params.SerialNumber } : {}),
        ...(params.TokenCode ? { mfaCode: params.TokenCode } : {}),
      });
      return {
        accessKeyId: assumed.accessKeyId,
        secretAccessKey: assumed.secretAccessKey,
        sessionToken: assumed.sessionToken,
        expiration: assumed.expiration,
      };
    },
  });
  try {
    const creds = await provider();
    return {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
      ...(creds.expiration ? { expiration: creds.expiration } : {}),
      sourceLabel: `profile ${name}`,
    };
  } catch (error) {
    if (error instanceof CredentialError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CredentialError(`Profile "${name}" could not be resolved: ${message.slice(0, 1000)}`, 'credentials');
  }
}
