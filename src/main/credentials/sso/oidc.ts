/**
 * SSO-OIDC through @aws-sdk/client-sso-oidc: registering Signet as a public client, the
 * device authorization flow (poll at the interval asked, 5 s more after each slow_down,
 * stop when the code expires) and the refresh-token grant.
 */
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { AppFailure } from '../../core/failure';
import { CredentialError } from '../../core/ports';
import { isLoopbackUrl } from '../sts';
import { checkSsoEndpoint, defaultOidcEndpoint, type SsoTarget } from './targets';

/** The scope that lets a token list accounts and get role credentials (and be refreshed). */
const SCOPES = ['sso:account:access'];
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface Registration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: Date;
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  readonly expiresAt: Date;
  readonly intervalSeconds: number;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly refreshToken?: string;
}

/** What the poller reports while it waits. */
export type PollEvent = { readonly kind: 'pending' } | { readonly kind: 'slow_down'; readonly intervalSeconds: number };

/** Clock and sleep, injectable so tests can run the flow's minutes in milliseconds. */
export interface FlowClock {
  readonly now: () => Date;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** setTimeout as a promise that rejects when the sign-in is cancelled. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): AppFailure {
  return new AppFailure('cancelled', 'The SSO sign-in was cancelled');
}

function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

function oidcClient(target: SsoTarget): SSOOIDCClient {
  const endpoint = checkSsoEndpoint(target.oidcEndpoint ?? defaultOidcEndpoint(target.region), 'SSO-OIDC endpoint');
  return new SSOOIDCClient({
    region: target.region,
    endpoint,
    ...(isLoopbackUrl(endpoint) ? { maxAttempts: 1 } : {}),
  });
}

/** Maps an SSO-OIDC error to a message a user can act on (never echoing a token). */
export function describeOidcError(error: unknown, doing: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const name = errorName(error);
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(code)) {
    return new CredentialError(`Could not reach IAM Identity Center to ${doing} (${code})`, 'sts');
  }
  const description = (error as { error_description?: string }).error_description;
  const detail = (description ?? (error as Error).message ?? String(error)).slice(0, 300);
  return new CredentialError(`IAM Identity Center refused to ${doing}: ${name ? `${name}: ` : ''}${detail}`, 'sts');
}

/** Registers Signet as a public OIDC client (valid about 90 days; cached with the token). */
export async function registerClient(target: SsoTarget): Promise<Registration> {
  const client = oidcClient(target);
  try {
    const out = await client.send(
      new RegisterClientCommand({ clientName: 'signet', clientType: 'public', scopes: SCOPES }),
    );
    if (!out.clientId || !out.clientSecret || !out.clientSecretExpiresAt) {
      throw new CredentialError('IAM Identity Center answered RegisterClient without a client', 'sts');
    }
    return {
      clientId: out.clientId,
      clientSecret: out.clientSecret,
      expiresAt: new Date(out.clientSecretExpiresAt * 1000),
    };
  } catch (error) {
    throw describeOidcError(error, 'register Signet as a client');
  } finally {
    client.destroy();
  }
}

/** Whether IAM Identity Center no longer knows the registration (expired or revoked). */
export function isInvalidClient(error: unknown): boolean {
  return errorName(error) === 'InvalidClientException';
}

/** Starts device authorization; throws the SDK's InvalidClientException as it is, so the caller can re-register. */
export async function startDeviceAuthorization(
  target: SsoTarget,
  registration: Registration,
  now: Date,
): Promise<DeviceAuthorization> {
  const client = oidcClient(target);
  try {
    const out = await client.send(
      new StartDeviceAuthorizationCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        startUrl: target.startUrl,
      }),
    );
    if (!out.deviceCode || !out.userCode || !out.verificationUri || !out.expiresIn) {
      throw new CredentialError('IAM Identity Center answered StartDeviceAuthorization incompletely', 'sts');
    }
    return {
      deviceCode: out.deviceCode,
      userCode: out.userCode,
      verificationUri: out.verificationUri,
      verificationUriComplete: out.verificationUriComplete ?? out.verificationUri,
      expiresAt: new Date(now.getTime() + out.expiresIn * 1000),
      // RFC 8628: 5 s when the server does not say.
      intervalSeconds: Math.max(1, out.interval ?? 5),
    };
  } catch (error) {
    if (isInvalidClient(error)) throw error;
    throw describeOidcError(error, 'start the sign-in');
  } finally {
    client.destroy();
  }
}

/**
 * Polls CreateToken until the user approves, refuses, or the code expires: waits the
 * interval before each poll, adds 5 s after each slow_down, and stops by itself one
 * interval after the code's expiry if the server has not said so first.
 */
export async function pollForToken(
  target: SsoTarget,
  registration: Registration,
  device: DeviceAuthorization,
  clock: FlowClock,
  options: { signal?: AbortSignal; onPoll?: (event: PollEvent) => void } = {},
): Promise<IssuedToken> {
  const client = oidcClient(target);
  let intervalSeconds = device.intervalSeconds;
  try {
    for (;;) {
      await clock.sleep(intervalSeconds * 1000, options.signal);
      if (clock.now().getTime() > device.expiresAt.getTime() + intervalSeconds * 1000) {
        throw new CredentialError('The sign-in code expired before it was approved; sign in again', 'credentials');
      }
      try {
        const out = await client.send(
          new CreateTokenCommand({
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            grantType: DEVICE_GRANT,
            deviceCode: device.deviceCode,
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
        return issued(out, clock.now());
      } catch (error) {
        if (options.signal?.aborted) throw cancelled();
        const name = errorName(error);
        if (name === 'AuthorizationPendingException') {
          options.onPoll?.({ kind: 'pending' });
          continue;
        }
        if (name === 'SlowDownException') {
          intervalSeconds += 5;
          options.onPoll?.({ kind: 'slow_down', intervalSeconds });
          continue;
        }
        if (name === 'ExpiredTokenException') {
          throw new CredentialError('The sign-in code expired before it was approved; sign in again', 'credentials');
        }
        if (name === 'AccessDeniedException') {
          throw new CredentialError('The sign-in was refused in the browser', 'credentials');
        }
        throw describeOidcError(error, 'issue a token');
      }
    }
  } finally {
    client.destroy();
  }
}

function issued(out: { accessToken?: string; expiresIn?: number; refreshToken?: string }, now: Date): IssuedToken {
  if (!out.accessToken || !out.expiresIn) {
    throw new CredentialError('IAM Identity Center answered CreateToken without a token', 'sts');
  }
  return {
    accessToken: out.accessToken,
    // Whole seconds, as the cache keeps it, so every view of the expiry agrees.
    expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + out.expiresIn * 1000),
    ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
  };
}

/** The refresh-token grant: a new access token without asking the user. */
export async function refreshToken(
  target: SsoTarget,
  registration: Pick<Registration, 'clientId' | 'clientSecret'>,
  token: string,
  now: Date,
): Promise<IssuedToken> {
  const client = oidcClient(target);
  try {
    const out = await client.send(
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: 'refresh_token',
        refreshToken: token,
      }),
    );
    return issued(out, now);
  } catch (error) {
    throw describeOidcError(error, 'refresh the sign-in');
  } finally {
    client.destroy();
  }
}
