/**
 * A URL typed without a scheme, as Postman takes it: `http://` for this machine (localhost,
 * 127.x, ::1, 0.0.0.0), `https://` for anything else. A URL with a scheme is left alone.
 */
/** `name:` not followed by a digit (which would be a port, as in `localhost:3000`). */
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?::\d*)?(?:[/?#]|$)/i;

export function withDefaultScheme(typed: string): string {
  const url = typed.trim();
  if (url === '' || hasScheme(url) || url.startsWith('{{')) return url;
  return `${LOCAL_HOST.test(url) ? 'http' : 'https'}://${url.replace(/^\/\//, '')}`;
}

/** Whether a typed URL names its scheme (`https://…`, `ftp://…`, `javascript:…`). */
export function hasScheme(typed: string): boolean {
  return SCHEME.test(typed.trim());
}
