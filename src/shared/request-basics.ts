/**
 * The request model's constants and helpers without its schemas, for the renderer
 * (which never loads zod). model.ts and collection.ts build on these and re-export them.
 */
import type { Auth, RequestSpec } from './model';

export { HTTP_METHODS, LIMITS, METHOD_PATTERN } from './request-limits';

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
