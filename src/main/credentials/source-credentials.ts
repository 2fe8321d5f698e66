/**
 * Source credentials found the way the AWS CLI finds them, for one run outside the app:
 * a named profile, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN], else
 * AWS_PROFILE or the `default` profile. Nothing is written.
 */
import { tmpdir } from 'node:os';
import type { ResolvedCredentials } from '../core/ports';
import type { StsTarget } from './sts';

export interface SourceCredentialOptions {
  /** A profile of the AWS config files; wins over keys in the environment. */
  readonly profile?: string;
  /** Region for STS: this, else AWS_REGION, the profile's region, us-east-1. */
  readonly region?: string;
  /** STS endpoint; else the environment's or the profile's, else AWS's own. */
  readonly stsEndpoint?: string;
  /** Code for a profile whose role asks for MFA. */
  readonly mfaCode?: string;
}

export interface SourceCredentials {
  readonly credentials: ResolvedCredentials;
  /** Where STS calls made with these credentials should go. */
  readonly target: StsTarget;
}

/**
 * The source credentials, or undefined when there is no source at all (no keys in the
 * environment, no profile named and no default profile). Throws CredentialError when a
 * source exists but yields nothing usable.
 */
export async function sourceCredentials(
  env: NodeJS.ProcessEnv,
  options: SourceCredentialOptions,
): Promise<SourceCredentials | undefined> {
  const fromEnv = !options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
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
  // Profiles need the AWS files and the credential service (and through it the SDK's
  // providers); keys in the environment need neither, so a one-shot CLI run loads them only here.
  const [{ configuredStsEndpoint, defaultProfileName, loadAwsFiles }, { profileRegion }, { createCredentialService }] =
    await Promise.all([import('./aws-files'), import('./profile-credentials'), import('./service')]);
  const { SecretStore } = await import('../core/secrets');
  const profile = options.profile ?? defaultProfileName(env);
  const files = await loadAwsFiles(env);
  if (!files.profiles[profile] && !options.profile) return undefined;
  region ??= profileRegion(profile, files, env);
  endpoint ??= configuredStsEndpoint(profile, files, env);
  const service = createCredentialService({
    secrets: new SecretStore(),
    // Nothing is written: managed profiles belong to the app, not to one run.
    dataDir: tmpdir(),
    encryptedAtRest: false,
    persistManaged: false,
    env,
    ...(options.stsEndpoint ? { stsEndpointFor: () => options.stsEndpoint } : {}),
  });
  try {
    const credentials = await service.resolve(
      { kind: 'profile', profile },
      { resolveText: (text) => text, ...(options.mfaCode ? { mfaCode: options.mfaCode } : {}) },
    );
    return { credentials, target: { region, ...(endpoint ? { endpoint } : {}) } };
  } finally {
    service.dispose();
  }
}
