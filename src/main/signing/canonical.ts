/**
 * Signet's own SigV4 canonicalisation: URL splitting and query parsing for the signer, and an
 * independent canonical request that the tests hold against what @smithy/signature-v4 signed
 * (sign.ts shows smithy's own canonical request in the inspector).
 */
import { createHmac, hash } from 'node:crypto';
import { ALWAYS_UNSIGNABLE_HEADERS } from '@smithy/signature-v4';
import type { PathRules } from '../../shared/service-rules';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** The parts of a URL exactly as written; unlike WHATWG URL, no dot-segment removal or re-encoding. */
export interface RawUrl {
  readonly scheme: string;
  readonly authority: string;
  /** Path as written, `/` when empty. */
  readonly path: string;
  /** Query without `?`, undefined when the URL has no `?`. */
  readonly query: string | undefined;
}

/** Splits an http(s) URL without normalising it; the fragment is dropped (it is never sent). */
export function splitUrl(url: string): RawUrl {
  const match = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/is.exec(url);
  if (!match) throw new Error(`not an http(s) URL: ${JSON.stringify(url.slice(0, 200))}`);
  const [, scheme = '', authority = '', path = '', query] = match;
  if (authority === '') throw new Error('URL has no host');
  if (authority.includes('@'))
    throw new Error('URL must not carry a user name or password; use the AWS Signature auth');
  return { scheme: scheme.toLowerCase(), authority, path: path === '' ? '/' : path, query };
}

/** Joins split parts back into the URL to send. */
export function joinUrl(parts: RawUrl): string {
  return `${parts.scheme}://${parts.authority}${parts.path}${parts.query === undefined ? '' : `?${parts.query}`}`;
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters is %XX (UTF-8). */
export function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-decodes one query component; a malformed escape is kept literally (it is then re-encoded as %25). */
function decodeComponent(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Query parameters as the server sees them: split on `&` and the first `=`, percent-decoded.
 * `+` stays a literal plus (RFC 3986), which is how AWS services decode it for SigV4.
 */
export function parseQuery(query: string | undefined): Array<[string, string]> {
  if (!query) return [];
  return query
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece) => {
      const eq = piece.indexOf('=');
      const key = eq < 0 ? piece : piece.slice(0, eq);
      const value = eq < 0 ? '' : piece.slice(eq + 1);
      return [decodeComponent(key), decodeComponent(value)];
    });
}

/** Canonical query string: encoded pairs sorted by key, then value; X-Amz-Signature never signs itself. */
export function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .filter(([key]) => key.toLowerCase() !== 'x-amz-signature')
    .map(([key, value]) => [uriEscape(key), uriEscape(value)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** RFC 3986 dot-segment removal plus collapsing of empty segments (`//`), as AWS services do. */
function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${lead}${segments.join('/')}${trail}`;
}

export type { PathRules };

export const API_GATEWAY_PATH_RULES: PathRules = { normalize: true, doubleEncode: true };

/** Canonical URI of a path exactly as it goes on the wire. */
export function canonicalPath(path: string, rules: PathRules): string {
  const normalized = rules.normalize ? normalizePath(path) : path;
  return rules.doubleEncode ? uriEscape(normalized).replace(/%2F/g, '/') : normalized;
}

/** Whether a header takes part in the signature (the same exclusions as @smithy/signature-v4). */
function isSignableHeader(lowerName: string): boolean {
  return (
    !Object.prototype.hasOwnProperty.call(ALWAYS_UNSIGNABLE_HEADERS, lowerName) && !/^(proxy|sec)-/.test(lowerName)
  );
}

/** SigV4 trimall: line breaks become spaces, runs of blanks collapse, ends are trimmed. */
export function canonicalHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** Canonical header block and signed-header list of headers whose names are already unique (case-insensitive). */
export function canonicalHeaders(headers: ReadonlyArray<readonly [string, string]>): { block: string; signed: string } {
  const lines = headers
    .map(([name, value]) => [name.toLowerCase(), canonicalHeaderValue(value)] as const)
    .filter(([name]) => isSignableHeader(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    block: lines.map(([name, value]) => `${name}:${value}\n`).join(''),
    signed: lines.map(([name]) => name).join(';'),
  };
}

/** SHA-256 in hex; node's one-shot hash, which is a third faster than a Hash object for short input. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** Derived keys are valid for a whole day and scope; a few are kept so a burst of sends derives each once. */
const derivedKeys = new Map<string, Buffer>();
const DERIVED_KEYS_KEPT = 16;

/** The SigV4 signing key chain: date, region, service, aws4_request. */
export function signingKey(secretAccessKey: string, shortDate: string, region: string, service: string): Buffer {
  const cacheKey = `${shortDate}\n${region}\n${service}\n${secretAccessKey}`;
  const cached = derivedKeys.get(cacheKey);
  if (cached) return cached;
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`, 'utf8');
  for (const part of [shortDate, region, service, 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest();
  if (derivedKeys.size >= DERIVED_KEYS_KEPT) derivedKeys.delete(derivedKeys.keys().next().value!);
  derivedKeys.set(cacheKey, key);
  return key;
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

let lastDate = { time: Number.NaN, text: '' };

/** `20150830T123600Z` from a date (a burst of sends shares the second, so the last one is kept). */
export function amzDate(date: Date): string {
  const time = Math.floor(date.getTime() / 1000);
  if (time === lastDate.time) return lastDate.text;
  const text = date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  lastDate = { time, text };
  return text;
}

/**
 * Signet's own canonical request of a signed wire request, computed without smithy. The signer
 * shows smithy's; tests hold the two against each other so the inspector can never drift.
 */
export function independentCanonicalRequest(
  wire: { readonly method: string; readonly url: string; readonly headers: ReadonlyArray<readonly [string, string]> },
  options: {
    readonly pathRules: PathRules;
    readonly payloadHash: string;
    readonly unsignedHeaders?: readonly string[];
  },
): string {
  const url = splitUrl(wire.url);
  const skip = new Set(['authorization', ...(options.unsignedHeaders ?? [])]);
  const { block, signed } = canonicalHeaders(wire.headers.filter(([name]) => !skip.has(name.toLowerCase())));
  return [
    wire.method,
    canonicalPath(url.path, options.pathRules),
    canonicalQuery(parseQuery(url.query)),
    block,
    signed,
    options.payloadHash,
  ].join('\n');
}
