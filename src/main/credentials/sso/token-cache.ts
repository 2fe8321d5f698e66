/**
 * The SSO token cache exactly as the AWS CLI, botocore and the AWS SDKs keep it:
 * `~/.aws/sso/cache/<sha1 hex>.json`, named by the SHA-1 of the sso-session name (or of
 * the start URL for a legacy profile), holding the access token, its expiry, the refresh
 * token and the client registration. Signing in with any of those tools signs in all.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { removeFileDurably, writeFileAtomic } from '../../core/atomic-file';

/** One cached token file, field for field (the AWS CLI's names). */
export interface CachedSsoToken {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: string;
  readonly refreshToken?: string;
}

/** What names a cache file: the sso-session's name, else (legacy profile) the start URL. */
export interface TokenKey {
  readonly sessionName?: string;
  readonly startUrl: string;
}

/** `~/.aws/sso/cache`. The AWS tools keep it under the home directory whatever AWS_CONFIG_FILE says. */
export function ssoCacheDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  return join(home, '.aws', 'sso', 'cache');
}

/** The cache file for a session name or start URL: its SHA-1, hex, as botocore's SSOTokenLoader names it. */
export function tokenCachePath(env: NodeJS.ProcessEnv, key: TokenKey): string {
  const name = createHash('sha1')
    .update(key.sessionName ?? key.startUrl, 'utf8')
    .digest('hex');
  return join(ssoCacheDir(env), `${name}.json`);
}

/** UTC time the way the AWS CLI writes it: `2026-01-01T12:00:00Z`. */
export function cacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads a cached token; undefined when there is none or it is not a token file. */
export async function readCachedToken(path: string): Promise<CachedSsoToken | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const accessToken = optionalText(v.accessToken);
  const expiresAt = optionalText(v.expiresAt);
  if (!accessToken || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return undefined;
  const optional = (key: keyof CachedSsoToken) => {
    const text = optionalText(v[key]);
    return text === undefined ? {} : { [key]: text };
  };
  return {
    startUrl: optionalText(v.startUrl) ?? '',
    region: optionalText(v.region) ?? '',
    accessToken,
    expiresAt,
    ...optional('clientId'),
    ...optional('clientSecret'),
    ...optional('registrationExpiresAt'),
    ...optional('refreshToken'),
  };
}

/** Writes a token file (owner-only, atomically), in the AWS CLI's field order. */
export async function writeCachedToken(path: string, token: CachedSsoToken): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const ordered: CachedSsoToken = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    ...(token.clientId ? { clientId: token.clientId } : {}),
    ...(token.clientSecret ? { clientSecret: token.clientSecret } : {}),
    ...(token.registrationExpiresAt ? { registrationExpiresAt: token.registrationExpiresAt } : {}),
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
  };
  await writeFileAtomic(path, JSON.stringify(ordered, null, 2));
}

/** Removes a token file; false when there was none. */
export async function removeCachedToken(path: string): Promise<boolean> {
  try {
    await access(path);
  } catch {
    return false;
  }
  await removeFileDurably(path);
  return true;
}
