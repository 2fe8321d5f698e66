import { withDefaultScheme } from '../../shared/default-scheme';
import type { Auth, RequestSpec } from '../../shared/model';
import { substitute } from '../../shared/variables';
import type { Redactions } from '../core/scrub';
import { isSecretRef, type SecretStore } from '../core/secrets';

/** A request whose `{{variables}}` could not all be resolved, or whose secret is gone. */
export class UnresolvedError extends Error {
  override readonly name = 'UnresolvedError';
  constructor(
    message: string,
    readonly unresolved: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * Builds the text resolver used at send time: `secret:` references come from
 * main's store, `{{name}}` from the scope. Unresolved names are collected so that
 * the request is refused as a whole rather than sent half-filled.
 */
export function createTextResolver(
  lookup: (name: string) => string | undefined,
  secrets: SecretStore,
  redactions: Redactions,
) {
  const unresolved = new Set<string>();
  /** Every secret revealed for this request joins the operation's redaction set on the way out. */
  const reveal = (ref: string): string | undefined => {
    const value = secrets.reveal(ref);
    redactions.add(value, 'secret');
    return value;
  };
  const resolveText = (text: string): string => {
    if (isSecretRef(text)) {
      const value = reveal(text);
      if (value === undefined)
        throw new UnresolvedError('A stored secret this request uses is no longer available; enter it again.');
      return value;
    }
    const result = substitute(text, (name) => {
      const value = lookup(name);
      return value !== undefined && isSecretRef(value) ? reveal(value) : value;
    });
    for (const name of result.unresolved) unresolved.add(name);
    return result.text;
  };
  return { resolveText, unresolved };
}

export interface PreparedParts {
  readonly url: URL;
  readonly headers: Array<[string, string]>;
}

/** Applies the enabled header rows and the non-AWS auth kinds to the resolved URL. */
export function applyHeadersAndSimpleAuth(
  request: RequestSpec,
  auth: Auth,
  resolveText: (text: string) => string,
  redactions: Redactions,
): PreparedParts {
  // After variables, so that `{{host}}/pets` with host = `api.example.com` gets its scheme too.
  const typed = resolveText(request.url.trim());
  const rawUrl = withDefaultScheme(typed);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UnresolvedError(`"${typed.slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnresolvedError(`Only http:// and https:// URLs can be sent (got ${url.protocol}).`);
  }
  const headers: Array<[string, string]> = request.headers
    .filter((row) => row.enabled && row.key.trim() !== '')
    .map((row) => [resolveText(row.key.trim()), resolveText(row.value)]);

  switch (auth.type) {
    case 'basic': {
      const password = resolveText(auth.password);
      const token = Buffer.from(`${resolveText(auth.username)}:${password}`).toString('base64');
      // The credential as a whole is a secret: an echo server hands it back in full.
      redactions.add(password, 'password');
      redactions.add(token, 'basic credential');
      headers.push(['Authorization', `Basic ${token}`]);
      break;
    }
    case 'bearer':
      headers.push(['Authorization', `Bearer ${resolveText(auth.token)}`]);
      redactions.add(resolveText(auth.token), 'bearer token');
      break;
    case 'apikey':
      redactions.add(resolveText(auth.value), 'API key');
      if (auth.in === 'header') headers.push([resolveText(auth.key), resolveText(auth.value)]);
      else {
        // Append by hand: searchParams would re-serialise the whole query and change what the user typed.
        const pair = `${encodeURIComponent(resolveText(auth.key))}=${encodeURIComponent(resolveText(auth.value))}`;
        url.search = url.search ? `${url.search}&${pair}` : `?${pair}`;
      }
      break;
    default:
      break;
  }
  return { url, headers };
}

export function hasHeader(headers: ReadonlyArray<readonly [string, string]>, name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([key]) => key.toLowerCase() === lower);
}
