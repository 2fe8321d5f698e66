/**
 * Redaction of signing secrets for logs and the sent-request view.
 */
import { maskAccessKeyId } from '../core/secrets';

const REDACTED = '[redacted]';

function redactAuthorization(value: string): string {
  const sigv4 =
    /^(AWS4-HMAC-SHA256\s+Credential=)([^/,\s]+)(\/[^,]*,\s*SignedHeaders=[^,]*,\s*Signature=)[0-9a-fA-F]*$/.exec(
      value.trim(),
    );
  // Key id, scope and signed headers help debugging; the signature could be replayed, so it goes.
  if (sigv4) return `${sigv4[1]}${maskAccessKeyId(sigv4[2] ?? '')}${sigv4[3]}${REDACTED}`;
  const scheme = /^(\S+)\s+\S/.exec(value.trim());
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/**
 * Copies headers with Authorization (and Proxy-Authorization) and X-Amz-Security-Token values
 * replaced; a SigV4 Authorization keeps its masked key id, scope and signed headers.
 */
export function redactHeaders(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') return [name, redactAuthorization(value)];
    if (lower === 'x-amz-security-token') return [name, REDACTED];
    return [name, value];
  });
}

function redactCredential(encoded: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return REDACTED;
  }
  const slash = decoded.indexOf('/');
  if (slash < 0) return REDACTED;
  return encodeURIComponent(`${maskAccessKeyId(decoded.slice(0, slash))}${decoded.slice(slash)}`);
}

/**
 * A URL with X-Amz-Signature and X-Amz-Security-Token values replaced and the key id in
 * X-Amz-Credential masked; the rest of the URL is left byte for byte as it was.
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const query = url.indexOf('?');
  if (query < 0 || (hash >= 0 && hash < query)) return url;
  const end = hash < 0 ? url.length : hash;
  const params = url
    .slice(query + 1, end)
    .split('&')
    .map((piece) => {
      const eq = piece.indexOf('=');
      if (eq < 0) return piece;
      const key = piece.slice(0, eq);
      const lower = key.toLowerCase();
      if (lower === 'x-amz-signature' || lower === 'x-amz-security-token')
        return `${key}=${encodeURIComponent(REDACTED)}`;
      if (lower === 'x-amz-credential') return `${key}=${redactCredential(piece.slice(eq + 1))}`;
      return piece;
    });
  return `${url.slice(0, query + 1)}${params.join('&')}${url.slice(end)}`;
}
