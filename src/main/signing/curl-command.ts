/**
 * A `curl --aws-sigv4` command that repeats a request outside Signet. It reads the
 * credentials from the environment so that it can be copied and shared without leaking them.
 */
import { joinUrl, parseQuery, splitUrl, uriEscape } from './canonical';
import type { WireRequest } from './wire-request';

/** Headers curl computes itself (or that carry secrets) and that must not be repeated. */
const LEFT_TO_CURL = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'host', 'content-length']);
const MAX_INLINE_BODY = 16 * 1024;

/** Quotes a value for POSIX shells. */
function shellQuote(value: string): string {
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
  const { query, ...rest } = splitUrl(url);
  if (!query) return url;
  const sortKey = (piece: string) => (parseQuery(piece)[0] ?? ['', '']).map(uriEscape);
  const pieces = query
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece) => ({ piece, key: sortKey(piece) }))
    .sort(({ key: [ka = '', va = ''] }, { key: [kb = '', vb = ''] }) =>
      ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0,
    );
  return joinUrl({ ...rest, query: pieces.map(({ piece }) => piece).join('&') });
}
