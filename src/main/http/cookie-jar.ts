/**
 * The cookie jar of the send pipeline, after RFC 6265 §5 (with 6265bis's rule that only a
 * secure origin may set a Secure cookie). Cookies a response sets are sent on later
 * requests to the host that set them, and to the hosts their Domain attribute covers;
 * a cookie is never sent to another host.
 *
 * Kept in memory for one run of the app: cookies are session credentials, and keeping
 * them off disk means none outlives the app unasked.
 */
import { isIP } from 'node:net';
import type { CookieView } from '../../shared/api/cookies';

interface StoredCookie {
  name: string;
  value: string;
  /** Lower-case, no leading dot: the request host for a host-only cookie. */
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Epoch ms; undefined for a session cookie (it lives as long as the app runs). */
  expires: number | undefined;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string | undefined;
  created: number;
  /** Creation order, a tie-break when two were created in the same millisecond. */
  seq: number;
}

/** Largest cookie (name plus value) kept, and how many are kept per domain and in all (RFC 6265 §6.1 minimums). */
const MAX_COOKIE_BYTES = 4096;
const MAX_PER_DOMAIN = 50;
const MAX_TOTAL = 3000;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]|[^\x00-\xff]/;
const MAX_AGE_MS = 400 * 24 * 3600 * 1000;

/** Host names as the jar compares them: lower case, IPv6 without brackets. */
function canonicalHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** RFC 6265 §5.1.3: identical, or a suffix after a dot of a host that is a name (not an IP address). */
export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return isIP(host) === 0 && host.endsWith(`.${domain}`);
}

/** RFC 6265 §5.1.4: the directory of the request path. */
export function defaultPath(pathname: string): string {
  if (!pathname.startsWith('/')) return '/';
  const last = pathname.lastIndexOf('/');
  return last <= 0 ? '/' : pathname.slice(0, last);
}

/** RFC 6265 §5.1.4: identical, or a prefix ending at a `/`. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** A cookie date (RFC 6265 §5.1.1); the common forms Date.parse reads cover what servers send. */
function parseCookieDate(text: string): number | undefined {
  const ms = Date.parse(text.trim().replace(/-/g, ' '));
  return Number.isNaN(ms) ? undefined : ms;
}

interface ParsedSetCookie {
  name: string;
  value: string;
  expires?: number;
  maxAge?: number;
  domain?: string;
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
}

/** RFC 6265 §5.2: one Set-Cookie value, or undefined when it is to be ignored. */
export function parseSetCookie(header: string): ParsedSetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  if (name === '' || Buffer.byteLength(name + value) > MAX_COOKIE_BYTES) return undefined;
  // RFC 6265bis §5.6: a cookie with a control character is ignored (it could not be sent back as a header).
  if (CONTROL.test(name) || CONTROL.test(value)) return undefined;
  const cookie: ParsedSetCookie = { name, value, secure: false, httpOnly: false };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const val = at < 0 ? '' : attribute.slice(at + 1).trim();
    switch (key) {
      case 'expires': {
        const ms = parseCookieDate(val);
        if (ms !== undefined) cookie.expires = ms;
        break;
      }
      case 'max-age':
        if (/^-?\d+$/.test(val)) cookie.maxAge = Number(val);
        break;
      case 'domain':
        // An empty Domain is ignored; a leading dot is dropped (RFC 6265 §5.2.3).
        if (val !== '') cookie.domain = val.replace(/^\./, '').toLowerCase();
        break;
      case 'path':
        cookie.path = val.startsWith('/') ? val : undefined;
        if (cookie.path === undefined) delete cookie.path;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'samesite':
        cookie.sameSite = val;
        break;
      default:
        break;
    }
  }
  return cookie;
}

const keyOf = (c: { domain: string; path: string; name: string }) => `${c.domain}\n${c.path}\n${c.name}`;

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores what the response's Set-Cookie headers set; answers how many were stored or removed. */
  storeFromResponse(url: URL, headers: ReadonlyArray<readonly [string, string]>): number {
    let changed = 0;
    for (const [name, value] of headers) {
      if (name.toLowerCase() === 'set-cookie' && this.store(url, value)) changed += 1;
    }
    return changed;
  }

  /** RFC 6265 §5.3, for one Set-Cookie value: whether the jar changed. */
  store(url: URL, header: string): boolean {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const parsed = parseSetCookie(header);
    if (!parsed) return false;
    const host = canonicalHost(url);
    const now = this.now();

    let domain = host;
    let hostOnly = true;
    if (parsed.domain !== undefined && parsed.domain !== host) {
      // A Domain must cover the host, and be more than a single label ("com", "localhost"): no public-suffix cookies.
      if (!domainMatches(host, parsed.domain) || !parsed.domain.includes('.')) return false;
      domain = parsed.domain;
      hostOnly = false;
    } else if (parsed.domain === host) {
      hostOnly = isIP(host) !== 0;
    }
    // Only a secure origin sets a Secure cookie (RFC 6265bis §5.7).
    if (parsed.secure && url.protocol !== 'https:') return false;

    const asked =
      parsed.maxAge !== undefined
        ? parsed.maxAge <= 0
          ? Number.NEGATIVE_INFINITY
          : now + parsed.maxAge * 1000
        : parsed.expires;
    // RFC 6265bis §5.5: no cookie is kept more than 400 days (which also keeps every expiry a valid date).
    const expires = asked === undefined ? undefined : Math.min(asked, now + MAX_AGE_MS);
    const path = parsed.path ?? defaultPath(url.pathname);
    const key = keyOf({ domain, path, name: parsed.name });
    const existing = this.cookies.get(key);
    if (expires !== undefined && expires <= now) {
      // An expiry in the past deletes the cookie (how servers log out).
      return this.cookies.delete(key) || existing !== undefined;
    }
    this.cookies.set(key, {
      name: parsed.name,
      value: parsed.value,
      domain,
      hostOnly,
      path,
      expires,
      secure: parsed.secure,
      httpOnly: parsed.httpOnly,
      sameSite: parsed.sameSite,
      created: existing?.created ?? now,
      seq: existing?.seq ?? this.seq++,
    });
    this.evict(domain);
    return true;
  }

  /** The cookies for a request to `url`, in RFC 6265 §5.4 order (longest path first, then oldest). */
  cookiesFor(url: URL): Array<{ name: string; value: string }> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
    this.dropExpired();
    const host = canonicalHost(url);
    const path = url.pathname || '/';
    const secure = url.protocol === 'https:';
    return [...this.cookies.values()]
      .filter(
        (c) =>
          (c.hostOnly ? c.domain === host : domainMatches(host, c.domain)) &&
          pathMatches(path, c.path) &&
          (!c.secure || secure),
      )
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created || a.seq - b.seq)
      .map(({ name, value }) => ({ name, value }));
  }

  /**
   * The Cookie header to send: what the user typed first and as typed, then the jar's
   * cookies whose names the user did not type (a typed cookie wins over a stored one).
   */
  cookieHeaderFor(
    url: URL,
    typed: string | undefined,
    stored: ReadonlyArray<{ name: string; value: string }> = this.cookiesFor(url),
  ): string | undefined {
    const typedNames = new Set(
      (typed ?? '')
        .split(';')
        .map((part) => part.split('=')[0]!.trim())
        .filter((n) => n !== ''),
    );
    const fromJar = stored.filter((c) => !typedNames.has(c.name)).map((c) => `${c.name}=${c.value}`);
    const parts = [...(typed?.trim() ? [typed.trim()] : []), ...fromJar];
    return parts.length > 0 ? parts.join('; ') : undefined;
  }

  /** Every live cookie, by domain then path then name. */
  list(): CookieView[] {
    this.dropExpired();
    return [...this.cookies.values()]
      .sort((a, b) => a.domain.localeCompare(b.domain) || a.path.localeCompare(b.path) || a.name.localeCompare(b.name))
      .map((c) => ({
        name: c.name,
        value: c.value,
        domain: c.domain,
        hostOnly: c.hostOnly,
        path: c.path,
        ...(c.expires !== undefined ? { expires: new Date(c.expires).toISOString() } : {}),
        secure: c.secure,
        httpOnly: c.httpOnly,
        ...(c.sameSite ? { sameSite: c.sameSite } : {}),
      }));
  }

  /** Removes one cookie; whether it was there. */
  delete(cookie: { domain: string; path: string; name: string }): boolean {
    return this.cookies.delete(keyOf(cookie));
  }

  /** Removes the cookies of one domain (as the jar lists it), or all; how many went. */
  clear(domain?: string): number {
    let removed = 0;
    for (const [key, cookie] of this.cookies) {
      if (domain === undefined || cookie.domain === domain.toLowerCase()) {
        this.cookies.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [key, cookie] of this.cookies)
      if (cookie.expires !== undefined && cookie.expires <= now) this.cookies.delete(key);
  }

  /** Oldest first beyond the per-domain and total caps. */
  private evict(domain: string): void {
    const oldestFirst = (list: StoredCookie[]) => list.sort((a, b) => a.created - b.created || a.seq - b.seq);
    const ofDomain = oldestFirst([...this.cookies.values()].filter((c) => c.domain === domain));
    for (const cookie of ofDomain.slice(0, Math.max(0, ofDomain.length - MAX_PER_DOMAIN)))
      this.cookies.delete(keyOf(cookie));
    if (this.cookies.size > MAX_TOTAL) {
      const all = oldestFirst([...this.cookies.values()]);
      for (const cookie of all.slice(0, this.cookies.size - MAX_TOTAL)) this.cookies.delete(keyOf(cookie));
    }
  }
}
