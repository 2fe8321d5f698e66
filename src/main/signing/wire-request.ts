/**
 * The request exactly as it goes on the wire, before and after signing.
 *
 * Sending it: http/transport hands these headers to node:http as a raw list, as they are,
 * and sends the URL's path and query as parsed here, without re-normalising them. node:http
 * adds only what HTTP/1.1 needs and the list lacks (`connection`, and `transfer-encoding` for
 * a body without `content-length`); the transport adds `host` when missing. None of those is
 * signed unless it is present here already (Signet sets `host` and, for a non-empty body,
 * `content-length` before signing), so they never break the signature.
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
 * The URL as the WHATWG parser (and so the transport, which sends a parsed URL) puts it on the wire: spaces and non-ASCII
 * percent-encoded, dot segments resolved, fragment dropped. Sign this form of a typed URL.
 */
export function toWireUrl(typed: string): string {
  const url = new URL(typed.trim());
  url.hash = '';
  return url.href;
}
