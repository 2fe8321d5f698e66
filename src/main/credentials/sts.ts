/**
 * Thin wrappers over @aws-sdk/client-sts: choosing the endpoint, calling AssumeRole and
 * GetCallerIdentity, and turning STS's answers into messages a user can act on.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallerIdentity } from '../../shared/api/credentials';
import { Redactions } from '../core/scrub';
import { CredentialError } from '../core/ports';

export interface StsKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface StsTarget {
  readonly region: string;
  /** Full endpoint URL; the regional AWS endpoint when absent. */
  readonly endpoint?: string;
}

export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
}

export interface AssumedRole {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
}

/** True for 127.0.0.0/8, ::1 and localhost: the local sandbox, where tests may bend STS's rules. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** The regional STS endpoint, which AWS recommends over the global one. */
export function regionalStsEndpoint(region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sts.${region}.${suffix}`;
}

/** Rejects endpoints that would send credentials in the clear to another machine. */
function checkStsEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CredentialError(`STS endpoint "${endpoint.slice(0, 200)}" is not a URL`, 'credentials');
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackUrl(endpoint)) return;
  throw new CredentialError(
    `STS endpoint ${url.origin} must use https (plain http is allowed only on a loopback address)`,
    'credentials',
  );
}

function client(keys: StsKeys, target: StsTarget): STSClient {
  const endpoint = target.endpoint ?? regionalStsEndpoint(target.region);
  checkStsEndpoint(endpoint);
  return new STSClient({
    region: target.region,
    endpoint,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
    // A local sandbox answers at once or not at all; retries only slow down a failing test.
    ...(isLoopbackUrl(endpoint) ? { maxAttempts: 1 } : {}),
  });
}

/** Calls sts:AssumeRole; throws CredentialError with a message that names the cause. */
export async function assumeRoleWith(
  keys: StsKeys,
  target: StsTarget,
  request: AssumeRoleRequest,
): Promise<AssumedRole> {
  const sts = client(keys, target);
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        ...(request.externalId ? { ExternalId: request.externalId } : {}),
        ...(request.durationSeconds ? { DurationSeconds: request.durationSeconds } : {}),
        ...(request.mfaSerial ? { SerialNumber: request.mfaSerial } : {}),
        ...(request.mfaCode ? { TokenCode: request.mfaCode } : {}),
      }),
    );
    const c = out.Credentials;
    const user = out.AssumedRoleUser;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !user?.Arn) {
      throw new CredentialError('STS answered AssumeRole without complete credentials', 'sts');
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration),
      assumedRoleArn: user.Arn,
      assumedRoleId: user.AssumedRoleId ?? '',
    };
  } catch (error) {
    throw withoutSecrets(describeStsError(error, `assume ${request.roleArn}`, target), keys);
  } finally {
    sts.destroy();
  }
}

/** Calls sts:GetCallerIdentity, which needs no permission: it shows who the keys belong to. */
export async function callerIdentityOf(keys: StsKeys, target: StsTarget): Promise<CallerIdentity> {
  const sts = client(keys, target);
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  } catch (error) {
    throw withoutSecrets(describeStsError(error, 'get the caller identity', target), keys);
  } finally {
    sts.destroy();
  }
}

/** STS error messages can echo the request (its session token among it): the keys used never leave in one. */
function withoutSecrets(error: CredentialError, keys: StsKeys): CredentialError {
  const redactions = new Redactions();
  redactions.add(keys.secretAccessKey, 'secret access key');
  redactions.add(keys.sessionToken, 'session token');
  const message = redactions.text(error.message);
  return message === error.message
    ? error
    : new CredentialError(message, error.code as ConstructorParameters<typeof CredentialError>[1], error.mfaSerial);
}

/** Maps an STS or network error to a CredentialError whose message says what to do. */
function describeStsError(error: unknown, action: string, target?: StsTarget): CredentialError {
  if (error instanceof CredentialError) return error;
  const err = error as { name?: string; message?: string; code?: string; Code?: string };
  const name = err.Code ?? err.name ?? '';
  const message = (err.message ?? String(error)).slice(0, 1000);
  const endpoint = target ? (target.endpoint ?? regionalStsEndpoint(target.region)) : 'STS';
  const netCode = err.code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (netCode && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(netCode)) {
    return new CredentialError(`Could not reach ${endpoint} to ${action} (${netCode})`, 'sts');
  }
  if (/MultiFactorAuthentication|one time pass ?code|MFA/i.test(message)) {
    return new CredentialError(`MFA code rejected while trying to ${action}: ${message} Enter a new code.`, 'sts');
  }
  if (/DurationSeconds|MaxSessionDuration/i.test(message)) {
    return new CredentialError(
      `Cannot ${action}: ${message} Lower the duration or raise the role's maximum session duration.`,
      'sts',
    );
  }
  if (
    name === 'ExpiredToken' ||
    name === 'ExpiredTokenException' ||
    /token included in the request is expired/i.test(message)
  ) {
    return new CredentialError(
      `The source credentials have expired (${message}); refresh them and try again.`,
      'credentials',
    );
  }
  if (name === 'InvalidClientTokenId' || /security token included in the request is invalid/i.test(message)) {
    return new CredentialError(`STS does not recognise the source access key: ${message}`, 'credentials');
  }
  if (name === 'SignatureDoesNotMatch') {
    return new CredentialError(
      `STS rejected the signature: the source secret access key is wrong (${message})`,
      'credentials',
    );
  }
  if (name === 'AccessDenied' || /not authorized to perform/i.test(message)) {
    return new CredentialError(
      `Not allowed to ${action}: ${message} Check that the role trusts the caller and that the caller's policy allows sts:AssumeRole on it.`,
      'sts',
    );
  }
  if (name === 'RegionDisabledException') {
    return new CredentialError(`STS is not activated in region ${target?.region ?? ''}: ${message}`, 'sts');
  }
  return new CredentialError(`STS could not ${action}: ${name ? `${name}: ` : ''}${message}`, 'sts');
}
