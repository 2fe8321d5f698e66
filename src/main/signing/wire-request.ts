/**
 * The request exactly as it goes on the wire, before and after signing.
 *
 * Sending it: use these headers as they are and send the URL string without re-normalising it.
 * Node's fetch (undici) adds `connection`, `user-agent`, `accept`, `accept-language`,
 * `sec-fetch-mode`, `accept-encoding` and, when missing, `host` and `content-length`. None of
 * those is signed unless it is present here already (Signet sets `host` and, for a non-empty
 * body, `content-length` before signing), so they never break the signature.
 */
export interface WireRequest {
  readonly method: string;
  /** The URL to send; its path and query are canonicalised exactly as written. */
  readonly url: string;
  readonly headers: Array<[string, string]>;
  readonly body: Uint8Array;
}

/** Credentials to sign with; never logged, never returned to the renderer. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The URL as the WHATWG parser (and so fetch) will put it on the wire: spaces and non-ASCII
 * percent-encoded, dot segments resolved, fragment dropped. Sign this form of a typed URL.
 */
export function toWireUrl(typed: string): string {
  const url = new URL(typed.trim());
  url.hash = '';
  return url.href;
}
