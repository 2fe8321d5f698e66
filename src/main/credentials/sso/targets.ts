/**
 * Where an SSO sign-in goes: a start URL and region (typed, or read from an `sso-session`
 * section or a legacy `sso_start_url` profile of ~/.aws/config), and the SSO-OIDC and
 * portal endpoints (AWS's regional ones unless overridden, e.g. for the sandbox).
 */
import { CredentialError } from '../../core/ports';
import type { AwsFiles, ProfileData } from '../aws-files';
import { isLoopbackUrl } from '../sts';

/** Everything needed to sign in, list accounts and fetch role credentials. */
export interface SsoTarget {
  readonly startUrl: string;
  readonly region: string;
  /** The sso-session name (token cache named by it); absent for a legacy profile or a typed start URL. */
  readonly sessionName?: string;
  readonly oidcEndpoint?: string;
  readonly portalEndpoint?: string;
}

/** What the user names: a profile or sso-session of the config file, or a start URL and region. */
export interface SsoTargetInput {
  readonly profile?: string;
  readonly ssoSession?: string;
  readonly startUrl?: string;
  readonly region?: string;
  readonly oidcEndpoint?: string;
  readonly portalEndpoint?: string;
}

/** A profile's SSO account and role, when it names them. */
export interface SsoProfileRole {
  readonly target: SsoTarget;
  readonly accountId?: string;
  readonly roleName?: string;
}

/** AWS's regional endpoints, which the SDK clients would pick by themselves. */
export function defaultOidcEndpoint(region: string): string {
  return `https://oidc.${region}.amazonaws.com`;
}
export function defaultPortalEndpoint(region: string): string {
  return `https://portal.sso.${region}.amazonaws.com`;
}

/** Refuses endpoints that would carry tokens in the clear to another machine. */
export function checkSsoEndpoint(endpoint: string, what: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CredentialError(`${what} "${endpoint.slice(0, 200)}" is not a URL`, 'credentials');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(endpoint))) return endpoint;
  throw new CredentialError(
    `${what} ${url.origin} must use https (plain http is allowed only on a loopback address)`,
    'credentials',
  );
}

/**
 * Endpoint overrides in the configured-endpoints style: the profile's `services` section
 * (`sso-oidc` / `sso` sub-sections), then AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO.
 */
function configuredEndpoints(
  data: ProfileData | undefined,
  files: AwsFiles,
  env: NodeJS.ProcessEnv,
): Pick<SsoTarget, 'oidcEndpoint' | 'portalEndpoint'> {
  const ignore = (data?.ignore_configured_endpoint_urls ?? env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) === 'true';
  if (ignore) return {};
  const services = data?.services ? files.services[data.services] : undefined;
  const oidc =
    services?.['sso_oidc.endpoint_url'] ?? services?.['sso-oidc.endpoint_url'] ?? env.AWS_ENDPOINT_URL_SSO_OIDC;
  const portal = services?.['sso.endpoint_url'] ?? env.AWS_ENDPOINT_URL_SSO;
  return { ...(oidc ? { oidcEndpoint: oidc } : {}), ...(portal ? { portalEndpoint: portal } : {}) };
}

/** The sso-session section a name refers to, as a target. */
function sessionTarget(name: string, files: AwsFiles, env: NodeJS.ProcessEnv, where: string): SsoTarget {
  const section = files.ssoSessions[name];
  if (!section)
    throw new CredentialError(`${where} names sso-session "${name}", which is not in ${files.paths.config}`);
  const startUrl = section.sso_start_url;
  const region = section.sso_region;
  if (!startUrl || !region) {
    throw new CredentialError(`sso-session "${name}" in ${files.paths.config} needs sso_start_url and sso_region`);
  }
  return { startUrl, region, sessionName: name, ...configuredEndpoints(section, files, env) };
}

/** The SSO target and role of a config-file profile (sso_session or legacy sso_start_url). */
export function profileSsoRole(name: string, files: AwsFiles, env: NodeJS.ProcessEnv): SsoProfileRole {
  const data = files.profiles[name];
  if (!data) throw new CredentialError(`profile "${name}" not found in ${files.paths.config}`);
  const role = {
    ...(data.sso_account_id ? { accountId: data.sso_account_id } : {}),
    ...(data.sso_role_name ? { roleName: data.sso_role_name } : {}),
  };
  if (data.sso_session) {
    const target = sessionTarget(data.sso_session, files, env, `profile "${name}"`);
    if (data.sso_start_url && data.sso_start_url !== target.startUrl) {
      throw new CredentialError(`profile "${name}" and sso-session "${data.sso_session}" name different start URLs`);
    }
    const own = configuredEndpoints(data, files, env);
    return { target: { ...target, ...own }, ...role };
  }
  if (!data.sso_start_url || !data.sso_region) {
    throw new CredentialError(
      `profile "${name}" is not an SSO profile: it needs sso_session, or sso_start_url and sso_region`,
    );
  }
  return {
    target: { startUrl: data.sso_start_url, region: data.sso_region, ...configuredEndpoints(data, files, env) },
    ...role,
  };
}

/** Turns what the user named into a target; explicit endpoints win over configured ones. */
export function resolveSsoTarget(input: SsoTargetInput, files: AwsFiles, env: NodeJS.ProcessEnv): SsoTarget {
  let target: SsoTarget;
  if (input.profile) target = profileSsoRole(input.profile, files, env).target;
  else if (input.ssoSession) target = sessionTarget(input.ssoSession, files, env, 'The sign-in');
  else if (input.startUrl && input.region) target = { startUrl: input.startUrl, region: input.region };
  else throw new CredentialError('Name an SSO profile or sso-session, or give a start URL and region');
  const endpoints = {
    ...(input.oidcEndpoint ? { oidcEndpoint: input.oidcEndpoint } : {}),
    ...(input.portalEndpoint ? { portalEndpoint: input.portalEndpoint } : {}),
  };
  const resolved = { ...target, ...endpoints };
  checkSsoEndpoint(resolved.oidcEndpoint ?? defaultOidcEndpoint(resolved.region), 'SSO-OIDC endpoint');
  checkSsoEndpoint(resolved.portalEndpoint ?? defaultPortalEndpoint(resolved.region), 'SSO portal endpoint');
  return resolved;
}

/** Every place the config file lets the user sign in: sso-session sections and legacy profiles. */
export function ssoConfigurations(files: AwsFiles): Array<{
  readonly kind: 'sso-session' | 'profile';
  readonly name: string;
  readonly startUrl: string;
  readonly region: string;
}> {
  const sessions = Object.entries(files.ssoSessions)
    .filter(([, s]) => s.sso_start_url && s.sso_region)
    .map(([name, s]) => ({
      kind: 'sso-session' as const,
      name,
      startUrl: s.sso_start_url ?? '',
      region: s.sso_region ?? '',
    }));
  const legacy = Object.entries(files.profiles)
    .filter(([, p]) => !p.sso_session && p.sso_start_url && p.sso_region)
    .map(([name, p]) => ({
      kind: 'profile' as const,
      name,
      startUrl: p.sso_start_url ?? '',
      region: p.sso_region ?? '',
    }));
  return [...sessions, ...legacy].sort((a, b) => a.name.localeCompare(b.name));
}
