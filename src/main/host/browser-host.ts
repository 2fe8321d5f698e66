import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidInputError, type Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import type { Readable } from 'node:stream';
import type { FileGrantInfo } from '../../shared/file-grant';
import type { Failure, FailureCode, Result } from '../../shared/result';
import { pageWithNonce, SECURITY_HEADERS } from '../core/security-headers';
import { openStaticFile } from '../core/static-files';

export interface BrowserHostOptions {
  readonly dispatch: Dispatch;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Largest API request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  /** Events to stream to pages on `GET /api/events`. */
  readonly events?: EventBus;
  /** Keeps a file the page uploads (the browser's file picker) and answers with its grant. */
  readonly upload?: (source: Readable, fileName: string) => Promise<Result<FileGrantInfo>>;
  /** A response body main keeps whole, served as a download on `GET /api/body/<id>` (saveBody's answer). */
  readonly bodyFile?: (id: string) => { path: string; size: number; fileName: string } | undefined;
  /** Reuse a launch token (a host restarted in the same process); a fresh one otherwise. */
  readonly token?: string;
  /** How often an idle event stream gets a comment line, so dead connections are noticed. */
  readonly heartbeatMs?: number;
}

export interface BrowserHost {
  /** The URL to open, carrying the launch token in its fragment (never sent to the server by browsers). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Transport-level refusals carry the contract's failure shape too, so the page shows them one way. */
function sendFailure(res: http.ServerResponse, status: number, code: FailureCode, message: string): void {
  const error: Failure = { code, message };
  sendJson(res, status, { ok: false, error });
}

/** HTTP status for a dispatched call's failure: the body is the Result either way. */
function statusOf(code: FailureCode): number {
  return code === 'invalid_input' ? 400 : code === 'internal' ? 500 : 200;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A call whose body is over the limit: answered 413 with a clear failure, then the connection is closed. */
class BodyTooLarge extends InvalidInputError {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(
        new BodyTooLarge(`The call's body (${declared} bytes) is over the ${limit}-byte limit; nothing was done.`),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        // Stop keeping what arrives; the answer goes out and the connection closes after it.
        chunks.length = 0;
        reject(new BodyTooLarge(`The call's body is over the ${limit}-byte limit; nothing was done.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Serves the renderer and the contract over loopback HTTP. Every API call needs
 * the per-launch token; Host and Origin must name this server, so neither another
 * web page nor a DNS-rebound name can reach it.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const streams = new Set<http.ServerResponse>();
  const maxBody = options.maxBodyBytes ?? 80 * 1024 * 1024;
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  /**
   * Streams a file of the renderer from a handle opened before the headers go out. A read
   * that fails or comes up short (a rebuild truncated the file) ends this response's
   * connection, so the page sees a failed load and the host keeps serving.
   */
  async function serveStatic(pathname: string, res: http.ServerResponse): Promise<void> {
    const file = await openStaticFile(options.staticDir, pathname);
    if (!file) return sendFailure(res, 404, 'not_found', 'not found');
    if (file.contentType.startsWith('text/html')) {
      // Each page load gets its own style nonce, in the policy and in the page.
      let html: string;
      try {
        html = await file.handle.readFile('utf8');
      } catch {
        return sendFailure(res, 404, 'not_found', 'not found');
      } finally {
        await file.handle.close();
      }
      const page = pageWithNonce(html);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Security-Policy': page.policy,
        'Content-Type': file.contentType,
        'Content-Length': Buffer.byteLength(page.html),
      });
      res.end(page.html);
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': file.size });
    if (file.size === 0) {
      await file.handle.close();
      res.end();
      return;
    }
    let sent = 0;
    const stream = file.handle.createReadStream({ start: 0, end: file.size - 1 });
    stream.on('data', (chunk: string | Buffer) => (sent += chunk.length));
    // Checked before the response ends: once ended, a short body would leave the page waiting.
    stream.on('end', () => (sent < file.size ? res.destroy() : res.end()));
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res, { end: false });
  }

  function authorized(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (given && tokensEqual(given, token)) return true;
    sendFailure(
      res,
      401,
      'unavailable',
      'This page does not hold the current launch token. Open the URL that `signet web` printed (it ends in #token=…); a restarted host prints a new one.',
    );
    return false;
  }

  /**
   * Server-sent events: one long response per page. The token travels in the
   * Authorization header (the page reads the stream with fetch), never in a URL.
   */
  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') return sendFailure(res, 405, 'invalid_input', 'the event stream is GET');
    if (!authorized(req, res)) return;
    if (!options.events) return sendFailure(res, 404, 'not_found', 'this host has no events');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n: connected\n\n');
    streams.add(res);
    const unsubscribe = options.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', close);
    res.on('close', close);
  }

  /**
   * The page's file picker: the chosen file's bytes, streamed to main and kept under the
   * data directory; the page gets a grant, never a path, and main never opens a path it names.
   */
  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'invalid_input', 'uploads are POST');
    if (!authorized(req, res)) return;
    if (!options.upload) return sendFailure(res, 404, 'not_found', 'this host takes no uploads');
    if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? ''))
      return sendFailure(res, 415, 'invalid_input', 'uploads must be application/octet-stream');
    let fileName = 'upload';
    try {
      fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload')).slice(0, 255) || 'upload';
    } catch {
      return sendFailure(res, 400, 'invalid_input', 'X-File-Name must be percent-encoded');
    }
    const result = await options.upload(req, fileName);
    if (!result.ok) req.resume();
    sendJson(res, result.ok ? 200 : statusOf(result.error.code), result);
  }

  /**
   * A response body as a download: the page fetches it with the token header (never a token
   * in the URL) and hands the bytes to the browser's save.
   */
  function serveBody(id: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') return sendFailure(res, 405, 'invalid_input', 'bodies are GET');
    if (!authorized(req, res)) return;
    const file = options.bodyFile?.(id);
    if (!file)
      return sendFailure(res, 404, 'not_found', 'This response body is no longer kept; send the request again.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': file.size,
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    });
    if (file.size === 0) return void res.end();
    const stream = createReadStream(file.path, { start: 0, end: file.size - 1 });
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  async function handleCall(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'invalid_input', 'API calls are POST');
    if (!authorized(req, res)) return;
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendFailure(res, 415, 'invalid_input', 'API calls must be application/json');
    }
    try {
      const raw = await readBody(req, maxBody);
      let input: unknown;
      try {
        input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        throw new InvalidInputError('request body is not valid JSON');
      }
      const result = await options.dispatch(name, input, { host: 'browser' });
      sendJson(res, result.ok ? 200 : statusOf(result.error.code), result);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // The client may still be sending: answer first, then close rather than read the rest.
        res.setHeader('Connection', 'close');
        sendFailure(res, 413, 'invalid_input', error.message);
        res.on('finish', () => setTimeout(() => req.destroy(), 50).unref());
        return;
      }
      if (error instanceof InvalidInputError) return sendFailure(res, 400, 'invalid_input', error.message);
      console.error(`[signet] call ${name} failed:`, error instanceof Error ? error.name : typeof error);
      sendFailure(res, 500, 'internal', 'internal error');
    }
  }

  const server = http.createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) return sendFailure(res, 403, 'unavailable', 'Host not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase()))
      return sendFailure(res, 403, 'unavailable', 'Origin not allowed');
    if (req.headers['sec-fetch-site'] === 'cross-site')
      return sendFailure(res, 403, 'unavailable', 'cross-site requests are not allowed');
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const call = /^\/api\/([A-Za-z][A-Za-z0-9]{0,63})$/.exec(pathname);
    if (pathname === '/api/events') return openEventStream(req, res);
    const body = /^\/api\/body\/(body-[A-Za-z0-9_-]{1,64})$/.exec(pathname);
    if (body) return serveBody(body[1]!, req, res);
    if (pathname === '/api/upload') {
      handleUpload(req, res).catch(() => {
        if (!res.headersSent) sendFailure(res, 500, 'internal', 'internal error');
      });
      return;
    }
    const work = call
      ? handleCall(call[1]!, req, res)
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(pathname, res)
        : Promise.resolve(sendFailure(res, 405, 'invalid_input', 'method not allowed'));
    work.catch(() => {
      if (!res.headersSent) sendFailure(res, 500, 'internal', 'internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
