/**
 * What a captured SigV4 request (HAR entry, curl command) says about its signing: region and service from the
 * credential scope, and which headers and query parameters were the signature itself. The importers keep the
 * scope and drop the rest, so a capture never brings a key id, token or signature into a collection.
 */
import type { AwsSigV4Auth } from '../../../shared/model';

/** Headers that carry a signature or its inputs; Signet computes them again when it sends. */
export const SIGNATURE_HEADERS = new Set([
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

/** Query parameters of a presigned URL. */
const PRESIGN_PARAMS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

export interface CredentialScope {
  readonly region: string;
  readonly service: string;
}

/** `KEY/20240101/eu-west-1/execute-api/aws4_request` (or without the key) → region and service. */
export function parseCredentialScope(credential: string): CredentialScope | undefined {
  const parts = credential.trim().split('/');
  if (parts.length < 4 || parts[parts.length - 1] !== 'aws4_request') return undefined;
  const region = parts[parts.length - 3] ?? '';
  const service = parts[parts.length - 2] ?? '';
  if (!/^[A-Za-z0-9_.$-]{1,64}$/.test(region) || !/^[A-Za-z0-9_.$-]{1,64}$/.test(service)) return undefined;
  return { region, service };
}

/** The scope of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` value. */
export function sigv4HeaderScope(value: string): CredentialScope | undefined {
  const match = /^\s*AWS4-HMAC-SHA256\s+(.*)$/i.exec(value);
  if (!match) return undefined;
  const credential = /(?:^|[\s,])Credential=([^,\s]*)/i.exec(match[1] ?? '')?.[1];
  return credential === undefined ? undefined : parseCredentialScope(credential);
}

/** Whether an Authorization value is SigV4 at all (even when its scope cannot be read). */
export function isSigv4Authorization(value: string): boolean {
  return /^\s*AWS4-HMAC-SHA256\b/i.test(value);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export interface PresignedUrl {
  /** The URL with the presigning parameters taken out, the rest written as it was. */
  readonly url: string;
  readonly scope: CredentialScope | undefined;
  readonly expiresSeconds: number | undefined;
}

/** A presigned URL (it has `X-Amz-Signature` or `X-Amz-Algorithm` in its query), or undefined. */
export function presignedUrl(url: string): PresignedUrl | undefined {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return undefined;
  const pairs = beforeHash.slice(queryAt + 1).split('&');
  const keyOf = (pair: string) => decode(pair.split('=')[0] ?? '').toLowerCase();
  if (!pairs.some((pair) => keyOf(pair) === 'x-amz-signature' || keyOf(pair) === 'x-amz-algorithm')) return undefined;
  const valueOf = (name: string) => {
    const pair = pairs.find((p) => keyOf(p) === name);
    return pair === undefined ? undefined : decode(pair.slice(pair.indexOf('=') + 1));
  };
  const credential = valueOf('x-amz-credential');
  const expires = Number(valueOf('x-amz-expires'));
  const kept = pairs.filter((pair) => !PRESIGN_PARAMS.has(keyOf(pair)));
  return {
    url: `${beforeHash.slice(0, queryAt)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hashAt < 0 ? '' : url.slice(hashAt)}`,
    scope: credential === undefined ? undefined : parseCredentialScope(credential),
    expiresSeconds: Number.isInteger(expires) && expires >= 1 && expires <= 604800 ? expires : undefined,
  };
}

/**
 * AWS Signature auth for a captured request. The keys are `{{variables}}` for the user to define (in an
 * environment, or by choosing a profile on the Auth tab): a capture holds no secret key, and its key id is not
 * kept either.
 */
export function capturedAwsAuth(
  scope: CredentialScope | undefined,
  options: { addAuthDataTo?: 'headers' | 'query'; expiresSeconds?: number; sessionToken?: boolean } = {},
): AwsSigV4Auth {
  return {
    type: 'awsv4',
    source: {
      kind: 'keys',
      accessKeyId: '{{AWS_ACCESS_KEY_ID}}',
      secretAccessKey: '{{AWS_SECRET_ACCESS_KEY}}',
      sessionToken: options.sessionToken ? '{{AWS_SESSION_TOKEN}}' : '',
    },
    region: scope?.region ?? '',
    service: scope?.service ?? '',
    addAuthDataTo: options.addAuthDataTo ?? 'headers',
    expiresSeconds: options.expiresSeconds ?? 900,
  };
}
