/**
 * Headers as they will be signed and sent: one entry per name, Host and Content-Length set
 * explicitly so that the HTTP client adds nothing that is signed after signing.
 */
import type { WireRequest } from './wire-request';

/** Headers the signer generates; a typed value would be stale or conflict, so it is dropped. */
const GENERATED = new Set(['authorization', 'x-amz-date', 'date', 'x-amz-security-token']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BREAK = /[\r\n\0]/;

/** A host name that the WHATWG URL parser keeps as written (bar case): no IDN, no numeric last label. */
const PLAIN_HOSTNAME = /^(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?$/i;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };

/**
 * The Host header the transport would send for a URL, as WHATWG URL computes it (lower case,
 * default port dropped, IDN and numeric hosts normalised). Common hosts skip the full parse,
 * which cost as much as a tenth of signing on a burst of sends.
 */
export function wireHost(url: string): string {
  const match = /^(https?):\/\/([^/?#:@[\]]+)(?::([1-9]\d{0,4}))?(?=[/?#]|$)/i.exec(url);
  const [, scheme = '', hostname = '', port] = match ?? [];
  const plain = hostname.includes('xn--') ? false : PLAIN_HOSTNAME.test(hostname) || DOTTED_QUAD.test(hostname);
  if (!match || !plain || (port !== undefined && Number(port) > 65535)) return new URL(url).host;
  const lower = hostname.toLowerCase();
  return port === undefined || port === DEFAULT_PORT[scheme.toLowerCase()] ? lower : `${lower}:${port}`;
}

export interface PrepareOptions {
  readonly setContentLength: boolean;
  /** When set, `x-amz-content-sha256` is (re)set to this hash. */
  readonly payloadHashHeader: string | undefined;
}

/**
 * Validates and merges headers. Repeated names (any case) become one header whose value is
 * the trimmed values joined with `,` in order: that is how SigV4 canonicalises them, and
 * sending one line keeps clients from joining them with `, ` instead.
 */
export function prepareHeaders(req: WireRequest, options: PrepareOptions): Array<[string, string]> {
  // One pass that keeps the first spelling and position of each name; repeats are rare and
  // joined afterwards, so the common request allocates nothing per header but its entry.
  const headers: Array<[string, string]> = [];
  const position = new Map<string, number>();
  let repeats: Map<number, string[]> | undefined;
  // An indexed loop: destructuring each entry in a for-of cost a tenth of this function.
  const input = req.headers;
  for (let i = 0; i < input.length; i++) {
    const entry = input[i] as readonly [string, string];
    const name = entry[0];
    const value = entry[1];
    if (!TOKEN.test(name)) throw new Error(`invalid header name ${JSON.stringify(name)}`);
    if (BREAK.test(value)) throw new Error(`header ${name} contains a line break or NUL and cannot be sent`);
    const lower = name.toLowerCase();
    if (GENERATED.has(lower)) continue;
    if (lower === 'x-amz-content-sha256' && options.payloadHashHeader !== undefined) continue;
    const at = position.get(lower);
    if (at === undefined) {
      position.set(lower, headers.length);
      headers.push([name, value]);
    } else {
      repeats ??= new Map();
      const values = repeats.get(at) ?? [headers[at]?.[1] ?? ''];
      values.push(value);
      repeats.set(at, values);
    }
  }
  if (repeats) {
    for (const [at, values] of repeats) headers[at] = [headers[at]?.[0] ?? '', values.map((v) => v.trim()).join(',')];
  }
  const lengthAt = position.get('content-length');
  if (lengthAt !== undefined) {
    const given = repeats?.get(lengthAt) ?? [headers[lengthAt]?.[1] ?? ''];
    if (given.length !== 1 || given[0]?.trim() !== String(req.body.length)) {
      throw new Error(`Content-Length header says ${given.join(',')} but the body has ${req.body.length} bytes`);
    }
  } else if (options.setContentLength && req.body.length > 0) {
    headers.push(['Content-Length', String(req.body.length)]);
  }
  if (!position.has('host')) headers.unshift(['Host', wireHost(req.url)]);
  if (options.payloadHashHeader !== undefined) headers.push(['x-amz-content-sha256', options.payloadHashHeader]);
  return headers;
}
