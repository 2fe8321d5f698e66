/**
 * Reading `~/.aws/config` and `~/.aws/credentials` the way the AWS CLI does, through
 * @smithy/shared-ini-file-loader, plus a light check of the raw text: the SDK's parser
 * silently skips lines it does not understand, and a user staring at a missing profile
 * deserves to hear which line was ignored.
 */
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ProfileKind, ProfileSummary } from '../../shared/api/credentials';
import { maskAccessKeyId } from '../core/secrets';

export interface AwsFilePaths {
  readonly config: string;
  readonly credentials: string;
}

/** Key/value pairs of one profile section, merged from both files (credentials win, as in the CLI). */
export type ProfileData = Readonly<Record<string, string | undefined>>;

export interface AwsFiles {
  readonly paths: AwsFilePaths;
  /** Profiles by name, merged from both files. */
  readonly profiles: Readonly<Record<string, ProfileData>>;
  /** `[services x]` sections from the config file, by name. */
  readonly services: Readonly<Record<string, ProfileData>>;
  /** `[sso-session x]` sections from the config file, by name. */
  readonly ssoSessions: Readonly<Record<string, ProfileData>>;
  readonly inConfig: ReadonlySet<string>;
  readonly inCredentials: ReadonlySet<string>;
  readonly errors: readonly string[];
  /** Changes whenever either file changes; part of the credential cache key. */
  readonly fingerprint: string;
}

/** Honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, defaulting to `~/.aws/`. */
function awsFilePaths(env: NodeJS.ProcessEnv): AwsFilePaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  const expand = (p: string) => (p.startsWith('~/') ? join(home, p.slice(2)) : p);
  return {
    config: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

/** The profile AWS tools use when none is named. */
export function defaultProfileName(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || 'default';
}

const SECTION_TYPES = ['sso-session.', 'services.'];

/** Reads and parses both files afresh (the SDK's file cache is bypassed so edits show at once). */
export async function loadAwsFiles(env: NodeJS.ProcessEnv): Promise<AwsFiles> {
  const paths = awsFilePaths(env);
  const [configText, credentialsText] = await Promise.all([readText(paths.config), readText(paths.credentials)]);
  const errors: string[] = [];
  for (const [text, path, isConfig] of [
    [configText, paths.config, true],
    [credentialsText, paths.credentials, false],
  ] as const) {
    if (text.error) errors.push(text.error);
    else if (text.value !== undefined) errors.push(...checkIniText(text.value, path, isConfig));
  }
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    filepath: paths.credentials,
    configFilepath: paths.config,
    ignoreCache: true,
  });
  const profiles: Record<string, ProfileData> = {};
  const services: Record<string, ProfileData> = {};
  const ssoSessions: Record<string, ProfileData> = {};
  const inConfig = new Set<string>();
  const inCredentials = new Set<string>();
  for (const [key, values] of Object.entries(configFile)) {
    if (key.startsWith('services.')) services[key.slice('services.'.length)] = values;
    if (key.startsWith('sso-session.')) ssoSessions[key.slice('sso-session.'.length)] = values;
    if (SECTION_TYPES.some((prefix) => key.startsWith(prefix))) continue;
    profiles[key] = { ...values };
    inConfig.add(key);
  }
  for (const [key, values] of Object.entries(credentialsFile)) {
    profiles[key] = { ...profiles[key], ...values };
    inCredentials.add(key);
  }
  const fingerprint = `${configText.stamp}|${credentialsText.stamp}`;
  return { paths, profiles, services, ssoSessions, inConfig, inCredentials, errors, fingerprint };
}

interface TextRead {
  readonly value?: string;
  readonly error?: string;
  readonly stamp: string;
}

async function readText(path: string): Promise<TextRead> {
  try {
    const [value, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { value, stamp: `${info.mtimeMs}:${info.size}:${value.length}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { stamp: 'absent' };
    return { error: `${path} could not be read (${code ?? 'error'})`, stamp: 'unreadable' };
  }
}

/**
 * Reports lines the SDK's parser would silently drop. Keys written under a section
 * line that did not parse end up in the previous section, so say so loudly.
 */
function checkIniText(text: string, path: string, isConfig: boolean): string[] {
  const problems: string[] = [];
  let inSubSection = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.split(/(^|\s)[;#]/)[0]?.trim() ?? '';
    if (line === '') return;
    const where = `${path} line ${index + 1}`;
    if (line.startsWith('[')) {
      inSubSection = false;
      if (!line.endsWith(']')) {
        problems.push(`${where}: section header is not closed with "]"`);
        return;
      }
      const name = line.slice(1, -1).trim();
      if (name === '' || /__proto__/.test(name)) problems.push(`${where}: invalid section name "${name}"`);
      else if (isConfig && name !== 'default' && !/^(profile|sso-session|services)\s+\S+$/.test(name)) {
        problems.push(`${where}: [${name}] is ignored in the config file; write [profile ${name}]`);
      }
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      if (!(inSubSection && /^\s/.test(raw))) problems.push(`${where}: expected "key = value"`);
      return;
    }
    if (line.slice(eq + 1).trim() === '') inSubSection = true;
    else if (!/^\s/.test(raw)) inSubSection = false;
  });
  if (problems.length > 10) return [...problems.slice(0, 10), `${path}: ${problems.length - 10} more problems`];
  return problems;
}

/** What kind of credentials a profile yields, in the SDK's own order of precedence. */
export function profileKind(data: ProfileData): ProfileKind {
  if (data.role_arn && (data.source_profile || data.credential_source)) return 'role';
  if (data.aws_access_key_id && data.aws_secret_access_key) return 'static';
  if (data.credential_process) return 'process';
  if (data.sso_start_url || data.sso_session || data.sso_account_id || data.sso_role_name) return 'sso';
  return 'unknown';
}

/** Builds the picker's view of one AWS-file profile, naming what is wrong with it. */
export function summarizeProfile(name: string, files: AwsFiles): ProfileSummary {
  const data = files.profiles[name] ?? {};
  const kind = profileKind(data);
  const origin = files.inConfig.has(name) ? (files.inCredentials.has(name) ? 'both' : 'config') : 'credentials';
  return {
    name,
    kind,
    origin,
    ...optional('region', data.region),
    ...optional('roleArn', data.role_arn),
    ...optional('sourceProfile', data.source_profile),
    ...optional('credentialSource', data.credential_source),
    ...optional('mfaSerial', data.mfa_serial),
    ...optional('externalId', data.external_id),
    ...optional('ssoStartUrl', data.sso_start_url),
    ...optional('ssoAccountId', data.sso_account_id),
    ...optional('ssoRoleName', data.sso_role_name),
    ...optional('maskedAccessKeyId', data.aws_access_key_id ? maskAccessKeyId(data.aws_access_key_id) : undefined),
    ...optional('problem', profileProblem(name, files)),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** Follows source_profile links so that a broken chain is reported before anyone presses Send. */
export function profileProblem(name: string, files: AwsFiles): string | undefined {
  const seen = new Set<string>();
  let current = name;
  for (;;) {
    const data = files.profiles[current];
    if (!data) return current === name ? `profile "${name}" not found` : `source profile "${current}" not found`;
    if (seen.has(current)) return `source_profile cycle: ${[...seen, current].join(' -> ')}`;
    seen.add(current);
    // Further down a chain, static keys win over role_arn, as in the SDK.
    if (current !== name && data.aws_access_key_id && data.aws_secret_access_key) return undefined;
    const kind = profileKind(data);
    if (kind === 'unknown') {
      if (data.role_arn) return `profile "${current}" has role_arn but neither source_profile nor credential_source`;
      return `profile "${current}" has no credentials (no keys, role_arn, credential_process or sso settings)`;
    }
    if (kind !== 'role' || !data.source_profile) return undefined;
    current = data.source_profile;
  }
}

/**
 * The STS endpoint a profile's role chain should use: the profile's `services` section,
 * its `endpoint_url`, then AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL.
 */
export function configuredStsEndpoint(name: string, files: AwsFiles, env: NodeJS.ProcessEnv): string | undefined {
  const data = files.profiles[name] ?? {};
  const ignore = (data.ignore_configured_endpoint_urls ?? env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) === 'true';
  if (ignore) return undefined;
  const service = data.services ? files.services[data.services] : undefined;
  return (
    service?.['sts.endpoint_url'] || data.endpoint_url || env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined
  );
}
