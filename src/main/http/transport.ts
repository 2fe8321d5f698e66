import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { Failure, HttpResponseView, ResponseTimings } from '../../shared/contract';
import type { WireRequest } from '../signing/wire-request';

export type { WireRequest };

export interface TransportOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Bytes of body kept in main; the rest is counted and dropped. */
  readonly maxShownBytes?: number;
  /** Characters of body text returned for display (DISPLAY_LIMIT unless given). */
  readonly displayLimit?: number;
  /**
   * A body streamed from a regular file in place of `request.body` (which is then empty).
   * Whoever signed the request hashed the file already; it is sent with this Content-Length.
   */
  readonly bodyFile?: { readonly path: string; readonly size: number };
  /**
   * Receives the whole response body as it arrives, after the status and headers are known,
   * with backpressure; main still keeps only `maxShownBytes` of it.
   */
  readonly bodySink?: (head: ResponseHead) => Writable;
  /**
   * Connection reuse for many requests to the same host (a collection run). Without it each
   * request has its own connection, as a single send from the builder should.
   */
  readonly agent?: http.Agent;
  /** Pretty-print a JSON body for display (default true); a run only checks the body, it never shows it. */
  readonly prettyJson?: boolean;
}

/** What is known of a response before its body. */
export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/** A failed exchange with a stable code; never thrown past `sendWire`. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * Bytes of a body kept in memory for the preview and the 403 explanations; the rest is
 * counted and dropped here. The whole body goes to `bodySink` (main's body store), so
 * this bounds main's memory whatever the size of the response.
 */
const DEFAULT_KEPT = 2 * 1024 * 1024;
/**
 * Characters of a body handed to the renderer. Beyond this, building the editor's
 * document blocks the UI thread for seconds (measured: 4 s for 6 MB of JSON), so the
 * pane shows the first part and says so.
 */
const DISPLAY_LIMIT = 512 * 1024;

const TLS_CODES =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)|HOSTNAME_MISMATCH)/;

/** Maps Node's socket errors to what the response pane says. */
export function describeNetworkError(error: NodeJS.ErrnoException, url: URL): Failure {
  const code = error.code ?? '';
  const where = `${url.hostname}${url.port ? `:${url.port}` : ''}`;
  if (code === 'ECONNREFUSED')
    return { code: 'refused', message: `Connection refused by ${where}: nothing is listening there.` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { code: 'dns', message: `Could not resolve host ${url.hostname} (DNS lookup failed).` };
  if (code === 'ECONNRESET')
    return { code: 'network', message: `Connection to ${where} was reset before a response arrived.` };
  // OpenSSL's answer when the first bytes back are not a TLS record: plain HTTP on that port.
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(error.message))
    return {
      code: 'tls',
      message: `TLS error talking to ${where}: the server does not speak TLS on that port (try http://).`,
      detail: code || 'wrong version number',
    };
  if (TLS_CODES.test(code))
    return { code: 'tls', message: `TLS error talking to ${where}: ${error.message}`, detail: code };
  return {
    code: 'network',
    message: `Network error talking to ${where}: ${error.message}`,
    ...(code ? { detail: code } : {}),
  };
}

/**
 * The first header whose name or value node:http would refuse to send, as a failure that
 * names the header (never its value, which may be a secret).
 */
function invalidHeader(headers: ReadonlyArray<readonly [string, string]>): Failure | undefined {
  for (const [name, value] of headers) {
    try {
      http.validateHeaderName(name);
    } catch {
      return { code: 'invalid_input', message: `Header name ${JSON.stringify(name.slice(0, 100))} is not valid HTTP.` };
    }
    try {
      http.validateHeaderValue(name, value);
    } catch {
      return {
        code: 'invalid_input',
        message: `Header "${name}" has a value that cannot be sent: it contains a line break, NUL or other control character. Nothing was sent.`,
      };
    }
  }
  return undefined;
}

/** Cuts text to `limit` characters, at the last line break when there is one near the end. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const lineEnd = text.lastIndexOf('\n', limit);
  return text.slice(0, lineEnd > limit - 4096 ? lineEnd : limit);
}

/**
 * What the response pane shows: the text, and pretty-printed JSON (done here in main,
 * off the UI thread), each cut to DISPLAY_LIMIT.
 */
export function displayBody(
  buffer: Buffer,
  contentType: string,
  complete: boolean,
  limit = DISPLAY_LIMIT,
  pretty = true,
): { text: string; pretty?: string; cut: boolean } {
  const text = buffer.toString('utf8');
  if (!pretty) {
    const shown = cut(text, limit);
    return { text: shown, cut: shown.length < text.length };
  }
  const looksJson = /\bjson\b/i.test(contentType) || /^\s*[[{]/.test(text.slice(0, 64));
  let prettyText: string | undefined;
  if (looksJson && complete) {
    try {
      prettyText = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      prettyText = undefined;
    }
  }
  const shownText = cut(text, limit);
  const shownPretty = prettyText === undefined ? undefined : cut(prettyText, limit);
  return {
    text: shownText,
    ...(shownPretty !== undefined ? { pretty: shownPretty } : {}),
    cut: shownText.length < text.length || (prettyText !== undefined && shownPretty!.length < prettyText.length),
  };
}

/** Milliseconds between two moments, to a tenth. */
function span(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) * 10) / 10);
}

/**
 * When each phase of one exchange ended, from the socket's events. With `agent: false`
 * every request has its own socket, so each phase is this request's own.
 */
class PhaseClock {
  readonly started = performance.now();
  private lookedUp?: number;
  private connected?: number;
  private secured?: number;
  private firstByte?: number;

  watch(req: http.ClientRequest): void {
    req.once('socket', (socket) => {
      // An IP literal is never looked up: no `lookup` event, and DNS took no time.
      socket.once('lookup', () => (this.lookedUp = performance.now()));
      socket.once('connect', () => (this.connected = performance.now()));
      (socket as TLSSocket).once('secureConnect', () => (this.secured = performance.now()));
    });
  }

  responded(): void {
    this.firstByte = performance.now();
  }

  timings(ended: number): ResponseTimings {
    const lookedUp = this.lookedUp ?? this.started;
    const connected = this.connected ?? lookedUp;
    const secured = this.secured ?? connected;
    const firstByte = this.firstByte ?? ended;
    return {
      ...(this.lookedUp !== undefined ? { dnsMs: span(this.started, lookedUp) } : {}),
      connectMs: span(lookedUp, connected),
      ...(this.secured !== undefined ? { tlsMs: span(connected, secured) } : {}),
      firstByteMs: span(secured, firstByte),
      downloadMs: span(firstByte, ended),
    };
  }
}

/**
 * Sends one request with node:http(s), so that the headers on the wire are the
 * ones given (fetch would add its own after signing). Resolves with the response
 * or rejects with a TransportError.
 */
export function sendWire(request: WireRequest, options: TransportOptions): Promise<HttpResponseView> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const maxShown = options.maxShownBytes ?? DEFAULT_KEPT;
  const clock = new PhaseClock();

  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new TransportError({ code: 'cancelled', message: 'Request cancelled.' }));
      return;
    }
    const badHeader = invalidHeader(request.headers);
    if (badHeader) {
      reject(new TransportError(badHeader));
      return;
    }
    let settled = false;
    const fail = (failure: Failure) => {
      if (settled) return;
      settled = true;
      reject(new TransportError(failure));
    };
    const where = `${url.hostname}${url.port ? `:${url.port}` : ''}`;
    // Node does not add Host to a raw header array, and HTTP/1.1 requires one.
    const hasHost = request.headers.some(([name]) => name.toLowerCase() === 'host');
    const hasLength = request.headers.some(([name]) => name.toLowerCase() === 'content-length');
    const bodyLength = options.bodyFile ? options.bodyFile.size : request.body.length;
    const flatHeaders = [
      ...(hasHost ? [] : ['Host', url.host]),
      ...request.headers.flatMap(([name, value]) => [name, value]),
      // Content-Length need not be signed; a streamed body gets it here rather than going chunked.
      ...(options.bodyFile && !hasLength ? ['Content-Length', String(bodyLength)] : []),
    ];
    const req = client.request(url, { method: request.method, headers: flatHeaders, agent: options.agent ?? false });
    clock.watch(req);
    let responded = false;
    const timer = setTimeout(() => {
      fail({ code: 'timeout', message: `No complete response within ${options.timeoutMs} ms.` });
      req.destroy();
    }, options.timeoutMs);
    const onAbort = () => {
      fail({ code: 'cancelled', message: 'Request cancelled.' });
      req.destroy();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    req.on('error', (error: NodeJS.ErrnoException) => {
      // A server that answered early (413 while the body was still going) is heard out below.
      if (responded) return;
      cleanup();
      const written = req.socket?.bytesWritten ?? 0;
      if (bodyLength > 0 && (error.code === 'EPIPE' || error.code === 'ECONNRESET') && !req.writableFinished) {
        fail({
          code: 'network',
          message: `${where} closed the connection while the ${bodyLength}-byte request body was being sent (after about ${written} bytes on the wire), without an answer. It may refuse bodies this large.`,
          detail: error.code,
        });
        return;
      }
      fail(describeNetworkError(error, url));
    });
    req.on('response', (res) => {
      responded = true;
      clock.responded();
      const chunks: Buffer[] = [];
      let size = 0;
      let shown = 0;
      const headers: Array<readonly [string, string]> = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
      const sink = options.bodySink?.({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers,
      });
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (shown < maxShown) {
          const keep = chunk.subarray(0, maxShown - shown);
          chunks.push(keep);
          shown += keep.length;
        }
        if (sink && !sink.write(chunk)) {
          res.pause();
          sink.once('drain', () => res.resume());
        }
      });
      const cutShort = () => {
        cleanup();
        const announced = res.headers['content-length'];
        fail({
          code: 'network',
          message: `The response from ${where} was cut after ${size} bytes of body${announced ? ` (of ${announced} announced)` : ''}: the connection closed before it was complete.`,
          detail: 'response cut',
        });
      };
      res.on('aborted', cutShort);
      res.on('error', cutShort);
      res.on('end', () => {
        cleanup();
        if (settled) return;
        settled = true;
        const ended = performance.now();
        const contentType = String(res.headers['content-type'] ?? '');
        const complete = size === shown;
        const {
          text,
          pretty,
          cut: wasCut,
        } = displayBody(Buffer.concat(chunks), contentType, complete, options.displayLimit, options.prettyJson);
        const truncated = !complete || wasCut;
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers,
          bodyText: text,
          ...(pretty !== undefined ? { prettyJson: pretty } : {}),
          contentType,
          sizeBytes: size,
          shownBytes: truncated ? Buffer.byteLength(text) : size,
          truncated,
          timeMs: Math.round(ended - clock.started),
          timings: clock.timings(ended),
        });
      });
    });
    if (options.bodyFile && options.bodyFile.size > 0) {
      const file = createReadStream(options.bodyFile.path, { start: 0, end: options.bodyFile.size - 1 });
      let read = 0;
      file.on('data', (chunk: string | Buffer) => (read += chunk.length));
      file.on('error', (error) => {
        fail({ code: 'io', message: `Could not read the body file while sending: ${error.message}` });
        req.destroy();
      });
      file.on('end', () => {
        if (read === bodyLength) return;
        // Signed for other bytes: never let a changed file go out as if it were the signed one.
        fail({ code: 'io', message: `The body file changed while it was sent (${read} of ${bodyLength} bytes).` });
        req.destroy();
      });
      // A request that fails early (refused, timed out) stops the file read too.
      req.on('close', () => file.destroy());
      file.pipe(req);
      return;
    }
    req.end(request.body.length > 0 ? Buffer.from(request.body) : undefined);
  });
}
