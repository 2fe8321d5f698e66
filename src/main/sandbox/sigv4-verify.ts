/**
 * SigV4 as the server side sees it: an independent implementation written from the
 * AWS "Create a canonical request" documentation, deliberately not reusing
 * @smithy/signature-v4, so that the sandbox is a real cross-check of the client.
 * Everything works on the request exactly as received (raw target, raw header lines,
 * body bytes), never on a re-serialised copy.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** A request as it arrived on the socket. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query exactly as in the request line (Node's `req.url`). */
  readonly target: string;
  /** Alternating names and values, as Node's `req.rawHeaders`. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** The signature claims of a request, from the Authorization header or the presigned query. */
export interface SignatureClaims {
  readonly presigned: boolean;
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `X-Amz-Date` (or `Date` header) value, `YYYYMMDDTHHMMSSZ` when well-formed. */
  readonly amzDate: string;
  /** Presigned URLs only. */
  readonly expiresSeconds?: number;
  readonly sessionToken?: string;
}

export type SignatureParse =
  | { readonly kind: 'none' }
  | { readonly kind: 'incomplete'; readonly message: string }
  | { readonly kind: 'signed'; readonly claims: SignatureClaims };

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Splits the target into raw path and raw query (no decoding). */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** RFC 3986 percent-encoding of every byte outside the unreserved set (and `/` when asked). */
function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decodes %XX escapes; a malformed escape stays literal, as AWS does not reject it here. */
function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Canonical URI for every service but S3: dot segments removed, empty segments
 * collapsed, then the path as sent encoded once more (so `%3C` becomes `%253C`).
 */
function canonicalUri(rawPath: string): string {
  if (rawPath === '') return '/';
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const lead = rawPath.startsWith('/') ? '/' : '';
  const trail = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return uriEncode(lead + segments.join('/') + trail, true);
}

/** Decoded query parameters in arrival order. */
export function parseQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [percentDecode(key), percentDecode(value)];
    });
}

/** Canonical query: each key and value re-encoded, sorted by key then value; the signature itself left out. */
export function canonicalQuery(rawQuery: string, presigned: boolean): string {
  return parseQuery(rawQuery)
    .filter(([key]) => !(presigned && key === 'X-Amz-Signature'))
    .map(([key, value]) => [uriEncode(key, false), uriEncode(value, false)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** Header values by lower-case name, duplicates joined with `,` in arrival order. */
export function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const list = map.get(name) ?? [];
    list.push(rawHeaders[i + 1] ?? '');
    map.set(name, list);
  }
  return map;
}

export function headerValue(headers: Map<string, string[]>, name: string): string | undefined {
  const values = headers.get(name);
  return values === undefined ? undefined : values.join(',');
}

/** Trims and collapses whitespace runs, even inside quotes (the spec's rule). */
function canonicalHeaderValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * S3's canonical rules differ from every other service's: the path is signed exactly as received
 * (no dot-segment removal, no second encoding), and the payload hash is the one the client put in
 * `x-amz-content-sha256` (the body's SHA-256 or `UNSIGNED-PAYLOAD`; presigned URLs: `UNSIGNED-PAYLOAD`).
 */
export type CanonicalRules = 'standard' | 's3';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** The canonical request for `signedHeaders`, hashing the body bytes actually received (S3: as claimed). */
export function canonicalRequest(
  request: ReceivedRequest,
  signedHeaders: readonly string[],
  presigned: boolean,
  rules: CanonicalRules = 'standard',
): string {
  const { path, query } = splitTarget(request.target);
  const headers = headerMap(request.rawHeaders);
  const s3 = rules === 's3';
  const payloadHash = !s3
    ? sha256Hex(request.body)
    : presigned
      ? UNSIGNED_PAYLOAD
      : (headerValue(headers, 'x-amz-content-sha256') ?? sha256Hex(request.body));
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(headers.get(name) ?? []).map(canonicalHeaderValue).join(',')}\n`)
    .join('');
  return [
    request.method.toUpperCase(),
    s3 ? path || '/' : canonicalUri(path),
    canonicalQuery(query, presigned),
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

export function credentialScope(
  claims: Pick<SignatureClaims, 'scopeDate' | 'region' | 'service' | 'terminator'>,
): string {
  return `${claims.scopeDate}/${claims.region}/${claims.service}/${claims.terminator}`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** HMAC chain `AWS4<secret>` → date → region → service → `aws4_request`, then the signature in hex. */
export function computeSignature(secret: string, claims: SignatureClaims, toSign: string): string {
  const kDate = hmac(`AWS4${secret}`, claims.scopeDate);
  const kRegion = hmac(kDate, claims.region);
  const kService = hmac(kRegion, claims.service);
  const kSigning = hmac(kService, claims.terminator);
  return createHmac('sha256', kSigning).update(toSign, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function parseCredential(
  credential: string,
): Omit<SignatureClaims, 'presigned' | 'signedHeaders' | 'signature' | 'amzDate'> | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) return undefined;
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, scopeDate, region, service, terminator };
}

function parseAuthorizationHeader(value: string, headers: Map<string, string[]>): SignatureParse {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  const fields = new Map<string, string>();
  // Another scheme (e.g. `Bearer`) is reported the way API Gateway does: every AWS4 field missing.
  if (algorithm === ALGORITHM) {
    for (const part of value.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const amzDate = headerValue(headers, 'x-amz-date') ?? headerValue(headers, 'date');
  const problems = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !fields.has(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (amzDate === undefined)
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (problems.length > 0) {
    // The header is echoed without its value's secrets: a signature is not a secret, but keep it short.
    return { kind: 'incomplete', message: `${problems.join(' ')} Authorization=${value.slice(0, 120)}` };
  }
  const credential = parseCredential(fields.get('Credential') ?? '');
  if (!credential)
    return {
      kind: 'incomplete',
      message: `Credential is malformed: ${(fields.get('Credential') ?? '').slice(0, 200)}`,
    };
  return {
    kind: 'signed',
    claims: {
      ...credential,
      presigned: false,
      signedHeaders: (fields.get('SignedHeaders') ?? '').split(';'),
      signature: fields.get('Signature') ?? '',
      amzDate: amzDate ?? '',
      sessionToken: headerValue(headers, 'x-amz-security-token'),
    },
  };
}

function parsePresignedQuery(params: Map<string, string>): SignatureParse {
  const required = [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
    'X-Amz-Date',
    'X-Amz-Expires',
  ];
  const missing = required.filter((name) => !params.has(name));
  if (missing.length > 0) {
    return {
      kind: 'incomplete',
      message: missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' '),
    };
  }
  if (params.get('X-Amz-Algorithm') !== ALGORITHM)
    return {
      kind: 'incomplete',
      message: `Unsupported algorithm '${(params.get('X-Amz-Algorithm') ?? '').slice(0, 40)}'.`,
    };
  const credential = parseCredential(params.get('X-Amz-Credential') ?? '');
  if (!credential) return { kind: 'incomplete', message: 'X-Amz-Credential is malformed.' };
  const expires = Number(params.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > 604_800) {
    return { kind: 'incomplete', message: 'X-Amz-Expires must be an integer between 1 and 604800 seconds.' };
  }
  return {
    kind: 'signed',
    claims: {
      ...credential,
      presigned: true,
      signedHeaders: (params.get('X-Amz-SignedHeaders') ?? '').split(';'),
      signature: params.get('X-Amz-Signature') ?? '',
      amzDate: params.get('X-Amz-Date') ?? '',
      expiresSeconds: expires,
      sessionToken: params.get('X-Amz-Security-Token'),
    },
  };
}

/** Finds the signature claims in the header or presigned query; `none` when the request is unsigned. */
export function parseSignature(request: ReceivedRequest): SignatureParse {
  const headers = headerMap(request.rawHeaders);
  const authorization = headerValue(headers, 'authorization');
  if (authorization !== undefined && authorization.trim() !== '')
    return parseAuthorizationHeader(authorization.trim(), headers);
  const params = new Map(parseQuery(splitTarget(request.target).query));
  if (params.has('X-Amz-Signature') || params.has('X-Amz-Algorithm') || params.has('X-Amz-Credential'))
    return parsePresignedQuery(params);
  return { kind: 'none' };
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Formats a date as SigV4's `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
