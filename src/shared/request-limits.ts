/** The request model's constants: imported by model.ts and request-basics.ts alike, importing nothing. */

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
