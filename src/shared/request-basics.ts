/**
 * The request model's constants and helpers without its schemas, for the renderer
 * (which never loads zod). model.ts and collection.ts build on these and re-export them.
 */
import type { Auth, RequestSpec } from './model';

/** The methods the method picker lists; any other HTTP token (PURGE, PROPFIND, ...) is allowed too. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** RFC 9110 token characters, upper-case, at most 32 of them. */
export const METHOD_PATTERN = /^[A-Z0-9!#$%&'*+.^_`|~-]{1,32}$/;

/** Caps that keep a single call from exhausting main's memory. */
export const LIMITS = {
  name: 256,
  url: 16 * 1024,
  headerName: 256,
  headerValue: 16 * 1024,
  rows: 500,
  rawBody: 64 * 1024 * 1024,
  text: 1024 * 1024,
  filePath: 4096,
} as const;

/** A blank request as the builder starts it. */
export function emptyRequest(id = ''): RequestSpec {
  return {
    id,
    name: 'Untitled request',
    method: 'GET',
    url: '',
    headers: [],
    body: { mode: 'none' },
    auth: { type: 'none' },
    timeoutMs: 30_000,
  };
}

/**
 * The auth a request with `inherit` gets: the nearest folder (innermost first) whose
 * auth is not `inherit`, then the collection's; `none` when nothing sets one.
 */
export function effectiveAuth(
  collectionAuth: Auth,
  folders: readonly { readonly auth: Auth }[],
  own: Auth = { type: 'inherit' },
): Auth {
  if (own.type !== 'inherit') return own;
  for (let i = folders.length - 1; i >= 0; i -= 1) {
    const auth = folders[i]!.auth;
    if (auth.type !== 'inherit') return auth;
  }
  return collectionAuth.type === 'inherit' ? { type: 'none' } : collectionAuth;
}
