/**
 * A `curl --aws-sigv4` command that repeats a request outside Signet. It reads the
 * credentials from the environment so that it can be copied and shared without leaking them.
 */
import type { WireRequest } from './wire-request';

/** Headers curl computes itself (or that carry secrets) and that must not be repeated. */
const LEFT_TO_CURL = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'host', 'content-length']);
const MAX_INLINE_BODY = 16 * 1024;

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
 * Builds the command for an unsigned request (before Signet added auth data); curl signs
 * it again itself, always in the Authorization header.
 */
export function curlCommand(request: WireRequest, region: string, service: string, withSessionToken: boolean): string {
  const parts = [
    'curl',
    '--aws-sigv4',
    `"aws:amz:${region}:${service}"`,
    '--user',
    '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
  ];
  if (withSessionToken) parts.push('-H', '"x-amz-security-token: $AWS_SESSION_TOKEN"');
  parts.push('-X', request.method);
  for (const [name, value] of request.headers) {
    if (!LEFT_TO_CURL.has(name.toLowerCase())) parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body.length > 0) {
    const text = inlineText(request.body);
    // Binary or large bodies cannot be pasted into a shell; the user saves them to this file.
    parts.push('--data-binary', text === undefined ? '@request-body.bin' : shellQuote(text));
  }
  parts.push(shellQuote(withSortedQuery(request.url)));
  return parts.join(' ');
}

/**
 * curl before 8.x signs the query in the order written instead of sorting it, so an
 * unsorted query would fail to verify. Sending the parameters already in canonical order
 * works with every curl; only their order on the wire differs from Signet's request.
 */
function withSortedQuery(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const hashAt = url.indexOf('#', queryAt);
  const query = url.slice(queryAt + 1, hashAt < 0 ? undefined : hashAt);
  const pairs = query.split('&').filter((pair) => pair !== '');
  const key = (pair: string) => {
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    return [canonicalPart(k), canonicalPart(v)] as const;
  };
  pairs.sort((a, b) => {
    const [ak, av] = key(a);
    const [bk, bv] = key(b);
    return ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0;
  });
  return `${url.slice(0, queryAt)}?${pairs.join('&')}`;
}

/** The SigV4 form of one query component, which is what the canonical order sorts by. */
function canonicalPart(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not valid percent-encoding: sort by the text as written.
  }
  return encodeURIComponent(decoded).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
