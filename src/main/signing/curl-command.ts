/**
 * A curl command that repeats a signed request outside Signet, reading the credentials from the
 * environment so that it can be copied and shared without leaking them.
 *
 * curl 7.88's `--aws-sigv4` signs the path as sent (never normalised or encoded again) and the
 * query as written (unsorted), so the command writes the query in canonical form, and uses
 * `--aws-sigv4` only when the path as sent is already the service's canonical path (always for
 * S3; for other services a path of unreserved characters). Any other request gets a command that
 * computes the signature in the shell with openssl and hands curl the finished headers: it works
 * with every curl.
 */
import { serviceRules, UNSIGNED_PAYLOAD, type PayloadHashChoice } from '../../shared/service-rules';
import {
  canonicalHeaderValue,
  canonicalPath,
  canonicalQuery,
  joinUrl,
  parseQuery,
  sha256Hex,
  splitUrl,
} from './canonical';
import type { WireRequest } from './wire-request';

/** Headers curl computes itself (or that carry secrets) and that must not be repeated. */
const LEFT_TO_CURL = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'host', 'content-length']);
const MAX_INLINE_BODY = 16 * 1024;
/** Where the command reads a body that cannot be pasted into a shell. */
export const CURL_BODY_FILE = 'request-body.bin';

export interface CurlOptions {
  readonly withSessionToken: boolean;
  readonly payloadHash?: PayloadHashChoice;
}

/** Quotes a value for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function inlineText(body: Uint8Array): string | undefined {
  if (body.length > MAX_INLINE_BODY) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * `-X` for the method. HEAD needs `--head`, or curl waits for a body that never comes; curl
 * refuses `--head` with a body, so a HEAD with a body asks the server to close the connection.
 */
function methodArgs(method: string, body: Uint8Array): string[] {
  if (method !== 'HEAD') return ['-X', method];
  return body.length === 0 ? ['--head'] : ['-X', 'HEAD', '-H', shellQuote('Connection: close')];
}

function bodyArgs(body: Uint8Array): string[] {
  if (body.length === 0) return [];
  const text = inlineText(body);
  // Binary or large bodies cannot be pasted into a shell; the user saves them to this file.
  return ['--data-binary', text === undefined ? `@${CURL_BODY_FILE}` : shellQuote(text)];
}

/** `-H 'Name: value'`, or `-H 'Name;'` for an empty value (curl drops `Name:` and never sends `Name: `). */
function headerArg(name: string, value: string): string {
  return value.trim() === '' ? shellQuote(`${name};`) : shellQuote(`${name}: ${value}`);
}

/**
 * Builds the command for a request before Signet added auth data; the command signs it again,
 * always in the Authorization header.
 */
export function curlCommand(request: WireRequest, region: string, service: string, options: CurlOptions): string {
  const rules = serviceRules(service);
  const url = splitUrl(request.url);
  const pairs = parseQuery(url.query);
  const query = pairs.length > 0 ? canonicalQuery(pairs) : undefined;
  const sendUrl = joinUrl({ ...url, query });
  const headers = request.headers.filter(([name]) => !LEFT_TO_CURL.has(name.toLowerCase()));
  const hashHeader = headers.some(([name]) => name.toLowerCase() === 'x-amz-content-sha256');
  if (rules.payloadHashHeader && !hashHeader) {
    const unsigned = options.payloadHash === 'unsigned' && rules.unsignedPayloadAllowed;
    headers.push(['x-amz-content-sha256', unsigned ? UNSIGNED_PAYLOAD : sha256Hex(request.body)]);
  }
  const emptyHeader = headers.some(([, value]) => value.trim() === '');
  const curlSignsPath = canonicalPath(url.path, rules.pathRules) === url.path;
  if (curlSignsPath && !emptyHeader) {
    const parts = ['curl', '-g', '--path-as-is', '--aws-sigv4', `"aws:amz:${region}:${service}"`];
    parts.push('--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    if (options.withSessionToken) parts.push('-H', '"x-amz-security-token: $AWS_SESSION_TOKEN"');
    parts.push(...methodArgs(request.method, request.body));
    for (const [name, value] of headers) parts.push('-H', headerArg(name, value));
    parts.push(...bodyArgs(request.body), shellQuote(sendUrl));
    return parts.join(' ');
  }
  return opensslCommand(request, { region, service, headers, sendUrl, withSessionToken: options.withSessionToken });
}

/**
 * The same request signed in the shell (openssl for the HMAC chain), for canonical forms curl
 * cannot produce itself: the canonical request is fixed now, the date and keys are filled in
 * when the command runs.
 */
function opensslCommand(
  request: WireRequest,
  parts: {
    region: string;
    service: string;
    headers: ReadonlyArray<readonly [string, string]>;
    sendUrl: string;
    withSessionToken: boolean;
  },
): string {
  const { region, service, headers, sendUrl, withSessionToken } = parts;
  const url = splitUrl(sendUrl);
  const rules = serviceRules(service);
  const payloadHash =
    headers.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1] ?? sha256Hex(request.body);
  const lines = new Map<string, string>();
  lines.set('host', `'host:${url.authority}'`);
  for (const [name, value] of headers)
    lines.set(name.toLowerCase(), shellQuote(`${name.toLowerCase()}:${canonicalHeaderValue(value)}`));
  lines.set('x-amz-date', '"x-amz-date:$d"');
  if (withSessionToken) lines.set('x-amz-security-token', '"x-amz-security-token:$AWS_SESSION_TOKEN"');
  const names = [...lines.keys()].sort();
  const signed = names.join(';');
  const canonical = [
    shellQuote(request.method),
    shellQuote(canonicalPath(url.path, rules.pathRules)),
    shellQuote(url.query ?? ''),
    ...names.map((name) => lines.get(name) ?? ''),
    "''",
    shellQuote(signed),
    shellQuote(payloadHash),
  ];
  const scope = `$s/${region}/${service}/aws4_request`;
  const curl = ['curl', '-g', '--path-as-is', ...methodArgs(request.method, request.body)];
  for (const [name, value] of headers) curl.push('-H', headerArg(name, value));
  curl.push('-H', '"X-Amz-Date: $d"');
  if (withSessionToken) curl.push('-H', '"X-Amz-Security-Token: $AWS_SESSION_TOKEN"');
  curl.push(
    '-H',
    `"Authorization: AWS4-HMAC-SHA256 Credential=$AWS_ACCESS_KEY_ID/${scope}, SignedHeaders=${signed}, Signature=$sig"`,
  );
  curl.push(...bodyArgs(request.body), shellQuote(sendUrl));
  return [
    'd=$(date -u +%Y%m%dT%H%M%SZ); s=${d%%T*};',
    `hm() { printf '%s' "$2" | openssl dgst -sha256 -mac HMAC -macopt "$1" | sed 's/^.*= *//'; };`,
    `k=$(hm "key:AWS4$AWS_SECRET_ACCESS_KEY" "$s"); k=$(hm "hexkey:$k" ${region}); k=$(hm "hexkey:$k" ${service}); k=$(hm "hexkey:$k" aws4_request);`,
    `c=$(printf '%s\\n' ${canonical.join(' ')});`,
    `h=$(printf '%s' "$c" | openssl dgst -sha256 | sed 's/^.*= *//');`,
    `sig=$(hm "hexkey:$k" "$(printf 'AWS4-HMAC-SHA256\\n%s\\n%s\\n%s' "$d" "${scope}" "$h")");`,
    curl.join(' '),
  ].join(' ');
}
